import type { ComparisonResult } from '../comparison.js';
import type { RunResult, Series } from '../../simulation/run-result.js';

/** Units the chart axes know how to label. */
export type ChartUnit = 'count' | 'usd' | 'percent' | 'ms' | 'cores';

export interface ChartSeries {
  readonly label: string;
  readonly color: string;
  readonly dashed: boolean;
  /** One value per entry of ChartData.hours; null where the run has no value (a gap). */
  readonly values: (number | null)[];
}

export interface ChartSpec {
  readonly title: string;
  readonly unit: ChartUnit;
  /** Logarithmic y axis (latency, which spans from milliseconds to tens of seconds). */
  readonly log: boolean;
  readonly series: readonly ChartSeries[];
}

export interface ChartGroup {
  readonly title: string;
  /** "changed", "blast radius" or "" */
  readonly tag: string;
  /** One-line explanation shown under the title (the blast radius causes). */
  readonly note: string;
  /** Drawn inside a closed <details>, rendered when opened. */
  readonly folded: boolean;
  readonly charts: readonly ChartSpec[];
}

/** Everything the page's script draws: one shared time axis and the charts, grouped. */
export interface ChartData {
  /** The colour of the before series (drawn wider, under the after series). */
  readonly beforeColor: string;
  /** Simulated time of each sample, hours since the start. */
  readonly hours: number[];
  readonly groups: readonly ChartGroup[];
}

/** Before in blue, after in orange (Tableau 10), told apart also by the legend labels. */
export const BEFORE_COLOR = '#4c78a8';
export const AFTER_COLOR = '#f58518';
const SLO_COLOR = '#9a3412';
/** Blast-radius workloads drawn open at the top; the rest are folded. */
const OPEN_BLAST_RADIUS_GROUPS = 3;
const HOUR_MS = 3_600_000;

/** Chart series from the first seed's before and after runs. Pure. */
export function buildChartData(r: ComparisonResult): ChartData {
  const { before, after } = r.runs;
  const axis = alignTimes(before.series.timeMs, after.series.timeMs);
  // Runs written with `--series none` have no samples: nothing to draw.
  if (axis.times.length === 0) return { beforeColor: BEFORE_COLOR, hours: [], groups: [] };
  const b = (s: Series | undefined, scale = 1) => axis.pick(axis.beforeIndex, s, scale);
  const a = (s: Series | undefined, scale = 1) => axis.pick(axis.afterIndex, s, scale);
  const pair = (label: string, sb: (number | null)[], sa: (number | null)[], dashed = false): ChartSeries[] => [
    { label: `${label}before`, color: BEFORE_COLOR, dashed, values: sb },
    { label: `${label}after`, color: AFTER_COLOR, dashed, values: sa },
  ];

  const pools = Object.keys(before.series.pools);
  const nodeSeries =
    pools.length === 1
      ? pair('', b(before.series.pools[pools[0]!]?.nodes), a(after.series.pools[pools[0]!]?.nodes))
      : pools.flatMap((p, i) => pair(`${p} `, b(before.series.pools[p]?.nodes), a(after.series.pools[p]?.nodes), i > 0));
  const cluster: ChartGroup = {
    title: 'Cluster',
    tag: '',
    note: '',
    folded: false,
    charts: [
      { title: 'Nodes billed', unit: 'count', log: false, series: nodeSeries },
      { title: 'Node cost so far (cumulative)', unit: 'usd', log: false, series: pair('', b(before.series.costUsd), a(after.series.costUsd)) },
    ],
  };

  const changed = r.change.changedWorkloads;
  const hit = r.blastRadius.map((e) => e.workload);
  // With `--series pools` the workloads have no series: only the cluster's charts are drawn.
  const sampled = (w: string) => before.series.workloads[w] !== undefined || after.series.workloads[w] !== undefined;
  const others = Object.keys(r.workloads).filter((w) => !changed.includes(w) && !hit.includes(w) && sampled(w));
  const group = (name: string, tag: string, note: string, folded: boolean): ChartGroup => ({
    title: name,
    tag,
    note,
    folded,
    charts: workloadCharts(name, before, after, b, a, pair),
  });
  const groups = [
    cluster,
    ...changed.filter((w) => before.series.workloads[w]).map((w) => group(w, 'changed', '', false)),
    ...r.blastRadius.filter((e) => sampled(e.workload)).map((e, i) => group(e.workload, 'blast radius', e.causes.join('; '), i >= OPEN_BLAST_RADIUS_GROUPS)),
    ...others.map((w) => group(w, '', '', true)),
  ];
  return { beforeColor: BEFORE_COLOR, hours: axis.times.map((t) => round(t / HOUR_MS)), groups };
}

type Pick = (s: Series | undefined, scale?: number) => (number | null)[];
type Pair = (label: string, sb: (number | null)[], sa: (number | null)[], dashed?: boolean) => ChartSeries[];

function workloadCharts(name: string, before: RunResult, after: RunResult, b: Pick, a: Pick, pair: Pair): ChartSpec[] {
  const wb = before.series.workloads[name];
  const wa = after.series.workloads[name];
  const slo = after.workloads[name]?.latency.sloMs ?? before.workloads[name]?.latency.sloMs ?? null;
  const latency = pair('p99 ', b(wb?.latencyP99Ms), a(wa?.latencyP99Ms));
  if (slo !== null) latency.push({ label: 'SLO', color: SLO_COLOR, dashed: true, values: b(wb?.latencyP99Ms).map(() => slo) });
  return [
    { title: 'Replicas (solid desired, dashed ready)', unit: 'count', log: false, series: [...pair('desired ', b(wb?.desiredReplicas), a(wa?.desiredReplicas)), ...pair('ready ', b(wb?.readyReplicas), a(wa?.readyReplicas), true)] },
    { title: 'CPU throttled periods (nr_throttled / nr_periods)', unit: 'percent', log: false, series: pair('', b(wb?.throttledRatio, 100), a(wa?.throttledRatio, 100)) },
    { title: 'p99 latency (log scale)', unit: 'ms', log: true, series: latency },
    { title: 'CPU received (solid) vs demanded (dashed), cores', unit: 'cores', log: false, series: [...pair('received ', b(wb?.cpuReceivedCores), a(wa?.cpuReceivedCores)), ...pair('demanded ', b(wb?.cpuDemandCores), a(wa?.cpuDemandCores), true)] },
  ];
}

/**
 * One time axis for both runs: the union of their sample instants (they are the same when both
 * runs sample on the same period), with each run's index per instant (-1 where it has no sample).
 */
export function alignTimes(before: readonly number[], after: readonly number[]) {
  const same = before.length === after.length && before.every((t, i) => t === after[i]);
  const times = same ? [...before] : [...new Set([...before, ...after])].sort((x, y) => x - y);
  const indexIn = (own: readonly number[]) => {
    const at = new Map(own.map((t, i) => [t, i]));
    return times.map((t) => at.get(t) ?? -1);
  };
  const beforeIndex = indexIn(before);
  const afterIndex = indexIn(after);
  const pick = (index: readonly number[], s: Series | undefined, scale = 1): (number | null)[] =>
    index.map((i) => {
      const v = i < 0 || !s ? null : s[i];
      return v === null || v === undefined || !Number.isFinite(v) ? null : round(v * scale);
    });
  return { times, beforeIndex, afterIndex, pick };
}

/** Four significant digits: more than a chart shows, and a third of the page size. */
function round(v: number): number {
  return v === 0 ? 0 : Number(v.toPrecision(4));
}
