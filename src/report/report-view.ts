import type { ComparisonResult, MetricComparison } from './comparison.js';
import type { RunResult } from '../simulation/run-result.js';
import { formatValue } from './format-value.js';
import { displayField } from '../scenario/upstream-field.js';
import { collapseEvents } from './collapse-events.js';
import { membershipLines } from './terminal-report.js';
import { formatClock, formatDuration } from '../quantities/duration.js';

/**
 * A comparison laid out as the text people read, shared by the Markdown and HTML reports so both
 * say the same thing in the same words. Pure: plain strings out of a ComparisonResult.
 */
export interface ReportView {
  readonly title: string;
  readonly verdict: 'pass' | 'fail';
  /** "PASS: 3 assertions hold" / "FAIL: 2 of 3 assertions violated". */
  readonly verdictLine: string;
  /** "2h simulated, 2 seeds (7, 8), before and after on the same random load". */
  readonly runLine: string;
  /** Changed fields with upstream names; a workload added or removed is one line in `path` with empty values. */
  readonly change: { readonly description: string; readonly fields: readonly { path: string; before: string; after: string }[] };
  readonly cluster: readonly MetricRow[];
  readonly workloads: readonly WorkloadRow[];
  readonly scaling: readonly ScalingView[];
  readonly blastRadius: readonly { workload: string; causes: readonly string[] }[];
  readonly assertions: readonly { text: string; pass: boolean; message: string }[];
  readonly hpaDecisions: readonly DecisionRow[];
  readonly nodeEvents: readonly EventRow[];
}

/** Direction of a significant change; every metric shown is "lower is better". */
export type Trend = 'up' | 'down' | 'none' | 'n/a';

export interface MetricRow {
  readonly label: string;
  readonly before: string;
  readonly after: string;
  /** "+$65.56 (+67.0%) [+$61.25, +$69.88]": mean over seeds, relative change, 95 % interval when n > 1. */
  readonly delta: string;
  readonly trend: Trend;
}

export interface WorkloadRow {
  readonly name: string;
  readonly changed: boolean;
  /** In the blast radius. */
  readonly hit: boolean;
  readonly cells: readonly { before: string; after: string; trend: Trend; harmful: boolean }[];
}

export interface ScalingView {
  readonly workload: string;
  readonly rows: readonly (readonly [label: string, before: string, after: string])[];
  readonly limitedBefore: string;
  readonly limitedAfter: string;
}

export interface DecisionRow {
  readonly run: 'before' | 'after';
  readonly workload: string;
  readonly time: string;
  readonly from: number;
  readonly to: number;
  readonly reason: string;
  readonly limitedReason: string;
  readonly message: string;
}

export interface EventRow {
  readonly run: 'before' | 'after';
  readonly time: string;
  readonly source: string;
  readonly subject: string;
  readonly reason: string;
  readonly message: string;
}

/** Columns of the workloads table, in order, with the metric each reads; `harmful`: a rise is a regression. */
export const WORKLOAD_COLUMNS = [
  { metric: 'throttledRatio', label: 'throttled', harmful: true },
  { metric: 'latency.p99', label: 'p99 latency', harmful: true },
  { metric: 'slo.violationMinutes', label: 'SLO minutes', harmful: true },
  { metric: 'replicas.mean', label: 'replicas (mean)', harmful: false },
  { metric: 'cpu.mean', label: 'CPU received (cores)', harmful: false },
] as const;

const CLUSTER_ROWS = [
  ['cost.monthly', 'cost per month'],
  ['nodes.peak', 'nodes at peak'],
  ['nodes.mean', 'nodes on average'],
] as const;

/** Event sources that add or remove nodes. */
const NODE_SOURCES = new Set(['cluster-autoscaler', 'karpenter', 'node']);

export function buildReportView(r: ComparisonResult): ReportView {
  const seeds = r.scenario.seeds;
  const failed = r.assertions.filter((a) => !a.pass).length;
  const n = r.assertions.length;
  const verdictLine =
    r.verdict === 'pass'
      ? `PASS: ${n === 0 ? 'no assertions' : `${n} assertion${n === 1 ? ' holds' : 's hold'}`}`
      : `FAIL: ${failed} of ${n} assertion${n === 1 ? '' : 's'} violated`;
  const changed = r.change.changedWorkloads;
  return {
    title: r.scenario.name,
    verdict: r.verdict,
    verdictLine,
    runLine: `${formatDuration(r.scenario.durationMs)} simulated, ${seeds.length} seed${seeds.length === 1 ? '' : 's'} (${seeds.join(', ')}), before and after on the same random load`,
    change: {
      description: r.change.description || '(no change)',
      fields: [
        ...r.change.fields.filter((f) => !/^workloads\.[^.]+$/.test(f.path)).map(displayField),
        ...membershipLines(r).map((line) => ({ path: line, before: '', after: '' })),
      ],
    },
    cluster: CLUSTER_ROWS.map(([metric, label]) => metricRow(label, r.cluster[metric])),
    workloads: Object.entries(r.workloads).map(([name, m]) => ({
      name,
      changed: changed.includes(name),
      hit: r.blastRadius.some((b) => b.workload === name),
      cells: WORKLOAD_COLUMNS.map(({ metric, harmful }) => {
        const c = m[metric];
        return c ? { before: formatValue(c.before, c.unit), after: formatValue(c.after, c.unit), trend: trendOf(c), harmful } : { before: 'n/a', after: 'n/a', trend: 'n/a' as const, harmful };
      }),
    })),
    scaling: changed.filter((w) => r.runs.before.workloads[w] && r.runs.after.workloads[w]).map((w) => scalingView(r, w)),
    blastRadius: r.blastRadius.map((b) => ({ workload: b.workload, causes: b.causes })),
    assertions: r.assertions.map((a) => ({ text: a.text, pass: a.pass, message: a.message })),
    hpaDecisions: [...decisions(r.runs.before, 'before'), ...decisions(r.runs.after, 'after')],
    nodeEvents: [...nodeEvents(r.runs.before, 'before'), ...nodeEvents(r.runs.after, 'after')],
  };
}

/** Delta as mean, relative change and, over several seeds, the 95 % interval. */
export function deltaText(m: MetricComparison): string {
  const d = m.delta;
  if (!d) return 'n/a';
  const rel = m.relative ? ` (${signedPercent(m.relative.mean)})` : '';
  const interval = d.n > 1 ? ` [${formatValue(d.low, m.unit, true)}, ${formatValue(d.high, m.unit, true)}]` : '';
  return `${formatValue(d.mean, m.unit, true)}${rel}${interval}`;
}

export function trendOf(m: MetricComparison): Trend {
  if (!m.delta) return 'n/a';
  if (!m.significant) return 'none';
  return m.delta.mean > 0 ? 'up' : 'down';
}

function metricRow(label: string, m: MetricComparison | undefined): MetricRow {
  if (!m) return { label, before: 'n/a', after: 'n/a', delta: 'n/a', trend: 'n/a' };
  return { label, before: formatValue(m.before, m.unit), after: formatValue(m.after, m.unit), delta: deltaText(m), trend: trendOf(m) };
}

function scalingView(r: ComparisonResult, name: string): ScalingView {
  const b = r.runs.before.workloads[name]!;
  const a = r.runs.after.workloads[name]!;
  const atMax = (s: number | null) => (s === null ? 'n/a (no HPA)' : formatDuration(s * 1000));
  const limited = (s: Readonly<Record<string, number>>) =>
    Object.entries(s)
      .filter(([reason]) => reason !== 'DesiredWithinRange')
      .sort((x, y) => y[1] - x[1])
      .map(([reason, seconds]) => `${reason} ${formatDuration(seconds * 1000)}`)
      .join(', ') || 'none';
  return {
    workload: name,
    rows: [
      ['replicas mean / peak', `${formatValue(b.replicas.mean, 'count')} / ${b.replicas.peak}`, `${formatValue(a.replicas.mean, 'count')} / ${a.replicas.peak}`],
      ['time at maxReplicas', atMax(b.replicas.secondsAtMax), atMax(a.replicas.secondsAtMax)],
      ['scale-ups / scale-downs', `${b.replicas.scaleUps} / ${b.replicas.scaleDowns}`, `${a.replicas.scaleUps} / ${a.replicas.scaleDowns}`],
      ['pending pod-minutes', formatValue(b.pending.podSeconds / 60, 'minutes'), formatValue(a.pending.podSeconds / 60, 'minutes')],
      ['CPU demanded / received (mean cores)', cpu(b), cpu(a)],
      ['throttled (whole run)', formatValue(b.throttling.ratio, 'ratio'), formatValue(a.throttling.ratio, 'ratio')],
      ['p99 latency', formatValue(b.latency.p99Ms, 'ms'), formatValue(a.latency.p99Ms, 'ms')],
    ],
    limitedBefore: limited(b.replicas.limitedSeconds),
    limitedAfter: limited(a.replicas.limitedSeconds),
  };
}

function cpu(w: RunResult['workloads'][string]): string {
  return `${formatValue(w.cpu.meanDemandCores, 'cores')} / ${formatValue(w.cpu.meanReceivedCores, 'cores')}`;
}

function decisions(run: RunResult, which: 'before' | 'after'): DecisionRow[] {
  const out: DecisionRow[] = [];
  for (const [workload, list] of Object.entries(run.hpaDecisions)) {
    for (const d of list) {
      out.push({ run: which, workload, time: formatClock(d.timeMs), from: d.from, to: d.to, reason: d.reason, limitedReason: d.limitedReason, message: d.message });
    }
  }
  return out;
}

function nodeEvents(run: RunResult, which: 'before' | 'after'): EventRow[] {
  return collapseEvents(run.events.filter((e) => NODE_SOURCES.has(e.source))).map((e) => ({
    run: which,
    time: e.count > 1 ? `${formatClock(e.timeMs)}-${formatClock(e.lastMs)}` : formatClock(e.timeMs),
    source: e.source,
    subject: e.subject,
    reason: e.count > 1 ? `${e.reason} x${e.count}` : e.reason,
    message: e.count > 1 ? `${e.message} (and ${e.count - 1} more alike)` : e.message,
  }));
}

function signedPercent(x: number): string {
  return `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
}
