/**
 * What a worker thread runs (loaded from dist/sweep/worker.js through worker-entry.cjs: Node 20
 * cannot run TypeScript in a worker). Plain data in, plain data out, so a task run in a worker is
 * the same run as in the main thread: a whole simulation for `compare`, or a sweep point.
 */
import { runSimulation } from '../simulation/run-simulation.js';
import type { Scenario } from '../scenario/types.js';
import type { RunResult } from '../simulation/run-result.js';
import { runPoint } from './run-point.js';
import type { PointTask, RunSummary } from './types.js';
import { workerData } from 'piscina';
import { shareThrottleResults } from '../simulation/cpu-step.js';

/** What the pool gives every worker when it starts. */
export interface WorkerData {
  readonly throttleBuffer: SharedArrayBuffer;
}

// Throttle results simulated by any thread of the process serve every other (worker-pool.ts).
const given = workerData as Partial<WorkerData> | undefined;
if (given?.throttleBuffer instanceof SharedArrayBuffer) shareThrottleResults(given.throttleBuffer);

/** One configuration and seed, simulated whole (the result keeps its series). */
export interface RunTask {
  readonly scenario: Scenario;
  readonly seed: number;
}

export type WorkerTask = { readonly kind: 'run'; readonly task: RunTask } | { readonly kind: 'point'; readonly task: PointTask };

export default function worker(t: WorkerTask): RunResult | RunSummary {
  return t.kind === 'run' ? runSimulation(t.task.scenario, t.task.seed) : runPoint(t.task);
}
