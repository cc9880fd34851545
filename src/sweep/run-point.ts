import { runSimulation } from '../simulation/run-simulation.js';
import { toRunSummary } from './run-summary.js';
import type { PointTask, RunSummary } from './types.js';

/**
 * A worker's whole job: simulate one resolved configuration with one seed and return its summary.
 * The test hook fails on purpose so tests can check that one bad point does not sink the sweep.
 */
export function runPoint(task: PointTask): RunSummary {
  if (task.testCrash === 'throw') throw new Error(`test crash injected in ${task.label} (WHATIF_SWEEP_TEST_CRASH_POINT)`);
  // In a worker thread process.exit ends the thread only: the pool sees a worker die mid-task.
  if (task.testCrash === 'exit') process.exit(70);
  // Blocks without burning CPU until the pool's timeout terminates the thread.
  if (task.testCrash === 'hang') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  return toRunSummary(runSimulation(task.scenario, task.seed));
}
