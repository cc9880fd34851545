/**
 * Fine event-driven fluid model of a node case (docs/models/cpu.md#the-event-driven-fluid-model-node-cases). The kernel starts each quota group's
 * period timer at an arbitrary phase (docs/models/cpu.md#the-event-driven-fluid-model-node-cases), and with few requests per window the throttled
 * ratio and the tail latency depend on that phase (calibration: p99 from 175 to 233 ms across phase
 * draws of one case). The prediction is therefore the pool of several runs with independent phase
 * draws: counters summed, latencies pooled. Deterministic for a case and seed.
 */
import { latencyPercentilesMs, round3 } from './latency-percentiles.js';
import type { NodeCase, NodeCaseContainerResult, NodeCaseResult } from './node-case.js';
import { runFluidNodeCase, type FluidRunOptions } from './fluid-run.js';

/** Options of {@link predictNodeCase}. */
export interface PredictNodeCaseOptions extends FluidRunOptions {
  /** Phase draws pooled when the case has quotas (1 run without quotas: phases do not matter). @default 8 */
  readonly phaseSamples?: number;
}

/** Predicts cores used, throttling and latency per container of a resolved node case. */
export function predictNodeCase(c: NodeCase, opts: PredictNodeCaseOptions = {}): NodeCaseResult {
  const hasQuota = c.containers.some((k) => k.quotaMicros > 0) || c.pods.some((p) => p.quotaMicros > 0);
  const runs = hasQuota ? Math.max(1, opts.phaseSamples ?? 8) : 1;
  const nc = c.containers.length;
  const usage = new Float64Array(nc);
  const periods = new Float64Array(nc);
  const throttled = new Float64Array(nc);
  const throttledSeconds = new Float64Array(nc);
  const latencies: number[][] = c.containers.map(() => []);
  for (let r = 0; r < runs; r++) {
    const run = runFluidNodeCase(c, opts, r === 0 ? `phase:${c.seed}` : `phase:${c.seed}:${r}`);
    for (let i = 0; i < nc; i++) {
      usage[i] = usage[i]! + run.usageSeconds[i]!;
      periods[i] = periods[i]! + run.nrPeriods[i]!;
      throttled[i] = throttled[i]! + run.nrThrottled[i]!;
      throttledSeconds[i] = throttledSeconds[i]! + run.throttledSeconds[i]!;
      for (const l of run.latencies[i]!) latencies[i]!.push(l);
    }
  }
  const containers: NodeCaseContainerResult[] = c.containers.map((k, i) => {
    const lt = k.load.type;
    const limited = k.quotaMicros > 0;
    return {
      name: k.name,
      cores_used: round3(usage[i]! / runs / c.durationSeconds),
      throttled_ratio: !limited ? null : periods[i]! > 0 ? round3(throttled[i]! / periods[i]!) : 0,
      throttled_s: limited ? round3(throttledSeconds[i]! / runs) : 0,
      latency_ms: lt === 'busy' || lt === 'idle' ? null : latencyPercentilesMs(latencies[i]!),
    };
  });
  return { name: c.name, containers };
}
