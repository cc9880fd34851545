import { SCALE_SIZES, scaleScenarioPath, type ScaleSize } from './generate.js';
import { measureCli, median, type Measured } from './measure.js';
import { extrapolateInTime, hoursLabel, logLogSlope } from './fit.js';

export const SCALE_HOURS = [1, 24, 168] as const;

/**
 * The predictions from a single shorter run are upper estimates (that run carries the whole
 * start-up), so a case is only skipped when predicted well above the budget; nearer it, it is run
 * and killed at the budget, which costs no more than the budget.
 */
const SKIP_FACTOR = 3;

export interface ScaleOptions {
  /** Runs per case; the median is reported. */
  readonly repeat: number;
  /**
   * CPU seconds one run may use: a run that exceeds it is killed, and a case predicted above
   * {@link SKIP_FACTOR} times it from the shorter runs is not started at all.
   */
  readonly budgetSeconds: number;
  /** Limit the cases (e.g. for --quick). */
  readonly sizes?: readonly ScaleSize[];
  readonly hours?: readonly number[];
  readonly log?: (line: string) => void;
}

export interface ScaleCase {
  readonly size: ScaleSize;
  readonly hours: number;
  /** Median over the runs; null when over budget. */
  readonly measured: (Measured & { readonly runs: number }) | null;
  /** For a case over budget: the estimate and what it came from. */
  readonly estimate: { readonly cpuSeconds: number; readonly how: string; readonly killed: boolean } | null;
  readonly failure: string | null;
  /**
   * CPU seconds of the same cluster simulated for one minute (one sample): loading, building the
   * cluster, process start. The slopes net of it show how the simulation itself grows.
   */
  readonly startupSeconds: number | null;
}

/** CPU seconds per 1,000 pod-steps (15 s steps), the unit comparable across sizes. */
export function podSteps(c: { size: ScaleSize; hours: number }): number {
  return c.size.pods * ((c.hours * 3600) / 15);
}

/**
 * Every size at every duration, smallest first, so that each case over the budget can be estimated
 * from the shorter runs of the same cluster (or, for the shortest, from the smaller cluster).
 */
export async function scaleBench(opts: ScaleOptions): Promise<ScaleCase[]> {
  const log = opts.log ?? (() => {});
  const sizes = opts.sizes ?? SCALE_SIZES;
  const hoursList = opts.hours ?? SCALE_HOURS;
  const cases: ScaleCase[] = [];
  for (const size of sizes) {
    const startup = await measureCli(['run', scaleScenarioPath(size), '--duration', '1m'], opts.budgetSeconds);
    const startupSeconds = startup.ok ? startup.measured.cpuSeconds : null;
    log(`${size.nodes} nodes/${size.pods} pods, 1 min (start-up): ${startup.ok ? `${startup.measured.cpuSeconds.toFixed(2)} CPU s` : startup.message}`);
    for (const hours of hoursList) {
      const done = cases.filter((c) => c.size === size && c.measured).map((c) => ({ hours: c.hours, cpuSeconds: c.measured!.cpuSeconds }));
      const predicted = extrapolateInTime(done, hours) ?? fromSmallerCluster(cases, size, hours);
      if (predicted && predicted.cpuSeconds > SKIP_FACTOR * opts.budgetSeconds) {
        log(`${label(size, hours)}: not run, predicted ${predicted.cpuSeconds.toFixed(0)} CPU s from ${predicted.how} (budget ${opts.budgetSeconds} s)`);
        cases.push({ size, hours, measured: null, estimate: { ...predicted, killed: false }, failure: null, startupSeconds });
        continue;
      }
      const runs: Measured[] = [];
      let over: string | null = null;
      let failure: string | null = null;
      for (let i = 0; i < opts.repeat && !over && !failure; i++) {
        const r = await measureCli(['run', scaleScenarioPath(size), '--duration', hoursLabel(hours).replace(' ', '')], opts.budgetSeconds, { json: true });
        if (r.ok) {
          runs.push(r.measured);
          log(`${label(size, hours)}: run ${i + 1}: ${r.measured.cpuSeconds.toFixed(2)} CPU s, ${(r.measured.maxRssBytes / 2 ** 20).toFixed(0)} MiB, JSON ${(r.measured.jsonBytes / 1e6).toFixed(1)} MB`);
        } else if (r.overBudget) over = r.message;
        else failure = r.message;
      }
      if (over) {
        const estimate = extrapolateInTime(done, hours) ?? fromSmallerCluster(cases, size, hours);
        log(`${label(size, hours)}: ${over}`);
        cases.push({ size, hours, measured: null, estimate: estimate && estimate.cpuSeconds > opts.budgetSeconds ? { ...estimate, killed: true } : { cpuSeconds: opts.budgetSeconds, how: 'nothing shorter: at least the budget', killed: true }, failure: null, startupSeconds });
        continue;
      }
      if (failure) log(`${label(size, hours)}: FAILED ${failure}`);
      cases.push({
        size,
        hours,
        measured: runs.length
          ? {
              runs: runs.length,
              cpuSeconds: median(runs.map((r) => r.cpuSeconds)),
              maxRssBytes: median(runs.map((r) => r.maxRssBytes)),
              wallSeconds: median(runs.map((r) => r.wallSeconds)),
              jsonBytes: runs[0]!.jsonBytes,
            }
          : null,
        estimate: null,
        failure,
        startupSeconds,
      });
    }
  }
  return cases;
}

/** The shortest duration of a cluster from the next smaller one, in proportion to the pods. */
function fromSmallerCluster(cases: readonly ScaleCase[], size: ScaleSize, hours: number): { cpuSeconds: number; how: string } | null {
  const smaller = cases.filter((c) => c.hours === hours && c.size.pods < size.pods && c.measured).at(-1);
  if (!smaller) return null;
  return { cpuSeconds: (smaller.measured!.cpuSeconds * size.pods) / smaller.size.pods, how: `${smaller.size.pods} pods x ${size.pods / smaller.size.pods} (linear in pods)` };
}

function label(size: ScaleSize, hours: number): string {
  return `${size.nodes} nodes/${size.pods} pods${size.steady ? ' (held load)' : size.karpenter ? ' (Karpenter)' : ''}, ${hoursLabel(hours)}`;
}

export interface Growth {
  readonly over: string;
  readonly at: string;
  /** Slope of the whole CPU time. */
  readonly slope: number | null;
  /** Slope of the CPU time less the cluster's one-minute start-up run. */
  readonly netSlope: number | null;
  readonly points: number;
}

/** log-log slopes of measured CPU over pods (per duration) and over duration (per cluster). */
export function growth(cases: readonly ScaleCase[]): Growth[] {
  const out: Growth[] = [];
  const measured = cases.filter((c) => c.measured);
  const fit = (subset: readonly ScaleCase[], x: (c: ScaleCase) => number) => {
    const whole = subset.map((c) => ({ x: x(c), y: c.measured!.cpuSeconds }));
    const net = subset.every((c) => c.startupSeconds !== null) ? subset.map((c) => ({ x: x(c), y: c.measured!.cpuSeconds - c.startupSeconds! })) : [];
    return { slope: logLogSlope(whole), netSlope: net.length === whole.length ? logLogSlope(net) : null, points: whole.length };
  };
  for (const hours of [...new Set(cases.map((c) => c.hours))]) {
    out.push({ over: 'pods', at: hoursLabel(hours), ...fit(measured.filter((c) => c.hours === hours), (c) => c.size.pods) });
  }
  for (const size of [...new Set(cases.map((c) => c.size))]) {
    out.push({ over: 'simulated time', at: `${size.pods} pods`, ...fit(measured.filter((c) => c.size === size), (c) => c.hours) });
  }
  return out;
}

/** The cases as a Markdown table (the form bench/RESULTS.md records). */
export function scaleTable(cases: readonly ScaleCase[]): string {
  const rows = ['| cluster | simulated | CPU s (median) | runs | peak RSS | us per pod-step | `--json` size | note |', '| --- | --- | --- | --- | --- | --- | --- | --- |'];
  for (const c of cases) {
    const cluster = `${c.size.nodes} nodes, ${c.size.pods.toLocaleString('en-US')} pods${c.size.steady ? ', held load' : c.size.karpenter ? ', Karpenter' : ''}`;
    if (c.measured) {
      const m = c.measured;
      rows.push(`| ${cluster} | ${hoursLabel(c.hours)} | ${m.cpuSeconds.toFixed(2)} | ${m.runs} | ${(m.maxRssBytes / 2 ** 20).toFixed(0)} MiB | ${((m.cpuSeconds / podSteps(c)) * 1e6).toFixed(1)} | ${(m.jsonBytes / 1e6).toFixed(1)} MB | |`);
    } else if (c.estimate) {
      const e = c.estimate;
      const lowerBound = e.how.startsWith('nothing shorter');
      const cpu = `${lowerBound ? '>' : '~'}${e.cpuSeconds.toFixed(0)}`;
      const note = lowerBound ? `over budget (killed at ${e.cpuSeconds.toFixed(0)} CPU s), ${e.how}` : `over budget${e.killed ? ' (killed)' : ' (not run)'}, extrapolated from ${e.how}`;
      rows.push(`| ${cluster} | ${hoursLabel(c.hours)} | ${cpu} | 0 | | ${lowerBound ? '>' : '~'}${((e.cpuSeconds / podSteps(c)) * 1e6).toFixed(1)} | | ${note} |`);
    } else rows.push(`| ${cluster} | ${hoursLabel(c.hours)} | | | | | | failed: ${c.failure ?? 'no run'} |`);
  }
  return rows.join('\n');
}
