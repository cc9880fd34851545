import type { Backtest, ReplicaScore, WorkloadBacktest } from './run-backtest.js';

/** One `--assert` of `whatif backtest`, evaluated. */
export interface BacktestAssertion {
  readonly text: string;
  readonly ok: boolean;
  readonly message: string;
}

/** What `--assert` can name, per workload; every recorded workload must satisfy it. */
const METRICS: Record<string, { unit: string; read: (w: WorkloadBacktest, b: Backtest) => number | null }> = {
  'replicas.mae': { unit: 'replicas', read: (w) => sim(w).errors?.mae ?? null },
  'replicas.bias': { unit: 'replicas', read: (w) => (sim(w).errors ? Math.abs(sim(w).errors!.bias) : null) },
  'events.missed': { unit: 'episodes', read: (w) => sim(w).episodes.missed.length },
  'events.extra': { unit: 'episodes', read: (w) => sim(w).episodes.extra.length },
  'events.delay': { unit: 's', read: (w) => (sim(w).episodes.meanAbsDelayMs === null ? null : sim(w).episodes.meanAbsDelayMs! / 1000) },
  'events.score': { unit: 's', read: (w) => sim(w).episodes.timingScoreMs / 1000 },
  'cpu.mae': { unit: 'cores', read: (w) => w.cpu?.mae ?? null },
  'throttled.mae': { unit: '(ratio)', read: (w) => w.throttledRatio?.mae ?? null },
  'latency.mae': { unit: 'ms', read: (w) => w.latencyP99Ms?.mae ?? null },
  // Cluster-wide: the same figure for every workload.
  'nodes.mae': { unit: 'nodes', read: (_, b) => b.nodes?.mae ?? null },
};

function sim(w: WorkloadBacktest): ReplicaScore {
  return w.replicas[0]!;
}

/** The assertion syntax, for help and error messages. */
export const ASSERTION_SYNTAX = `<metric> <= <number>, metric one of ${Object.keys(METRICS).join(', ')} (replicas.bias is |bias|; events.delay and events.score in seconds; latency.mae is the p99's, ms)`;

/** Parses `replicas.mae <= 0.5`; a message when it does not parse. */
export function parseBacktestAssertion(text: string): { metric: string; limit: number } | { error: string } {
  const m = /^\s*([a-z.]+)\s*<=\s*(-?\d+(?:\.\d+)?)\s*$/i.exec(text);
  if (!m || !(m[1]! in METRICS)) return { error: `cannot read --assert "${text}": expected ${ASSERTION_SYNTAX}` };
  return { metric: m[1]!, limit: Number(m[2]) };
}

/** Evaluates parsed assertions on every workload; a metric that was not measured fails (no silent pass). */
export function evaluateBacktestAssertions(b: Backtest, asserts: readonly { text: string; metric: string; limit: number }[]): BacktestAssertion[] {
  return asserts.flatMap((a) =>
    b.workloads.map((w) => {
      const v = METRICS[a.metric]!.read(w, b);
      const label = `${w.workload}: ${a.text}`;
      if (v === null) return { text: label, ok: false, message: `${a.metric} was not measured (not recorded or no event matched)` };
      const ok = v <= a.limit;
      return { text: label, ok, message: `${a.metric} = ${Number(v.toPrecision(4))} ${METRICS[a.metric]!.unit}` };
    }),
  );
}
