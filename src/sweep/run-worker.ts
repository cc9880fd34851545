/**
 * Entry of the worker threads that run whole simulations for `compare` (loaded from
 * dist/sweep/run-worker.js). Plain data in (a resolved scenario and a seed), plain data out (the
 * run's full result), so a run in a worker is the same run as in the main thread.
 */
import { runSimulation } from '../simulation/run-simulation.js';
import type { Scenario } from '../scenario/types.js';
import type { RunResult } from '../simulation/run-result.js';

export interface RunTask {
  readonly scenario: Scenario;
  readonly seed: number;
}

export default function runWorker(task: RunTask): RunResult {
  return runSimulation(task.scenario, task.seed);
}
