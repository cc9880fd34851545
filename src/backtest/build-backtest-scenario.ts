import { recordedLoad } from '../models/load/recorded-load.js';
import type { TimeSeries } from '../models/load/time-series.js';
import type { Scenario } from '../scenario/types.js';

/** One workload's recorded request rate on the backtest grid, and its replicas at the start. */
export interface ReplayedWorkload {
  readonly workload: string;
  /** Requests/s at startMs + k × stepMs (gaps filled by the replay's interpolation). */
  readonly rps: TimeSeries;
  readonly initialReplicas: number;
}

/**
 * The scenario a backtest simulates: the recorded request rates replayed (no added noise: the
 * recording is one realisation already), the recorded replica count at the start, the duration of
 * the recording, and samples on the recording's step (a multiple of the simulation step). A rate
 * recorded at t is the mean over the step before t (`rate(...[step])`, a bucket of a load test),
 * so the replay, which interpolates between points, puts it half a step earlier, at the middle of
 * its window: the simulated step ending at t then replays what was recorded at t, not half of the
 * next step's rate.
 */
export function buildBacktestScenario(base: Scenario, replayed: readonly ReplayedWorkload[], durationMs: number, stepMs: number): Scenario {
  const sampleIntervalMs = Math.max(base.stepMs, Math.floor(stepMs / base.stepMs) * base.stepMs);
  const workloads = base.workloads.map((w) => {
    const r = replayed.find((x) => x.workload === w.name);
    if (!r) return w;
    const load = recordedLoad(r.rps, {
      quantity: 'requestRate', intervalMs: stepMs, scale: 1, cpuPerRequestMs: w.cpuPerRequestMs, baselineCores: 0,
      shiftMs: -stepMs / 2, loop: false, source: 'backtest recording', noise: 'none',
    });
    return { ...w, load, replicas: r.initialReplicas };
  });
  return { ...base, durationMs, sampleIntervalMs, workloads };
}
