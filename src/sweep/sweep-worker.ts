/**
 * Entry of the piscina worker threads (loaded from dist/sweep/sweep-worker.js: Node 20 cannot run
 * TypeScript in a worker). Plain data in, plain data out.
 */
import { runPoint } from './run-point.js';
import type { PointTask, RunSummary } from './types.js';

export default function sweepWorker(task: PointTask): RunSummary {
  return runPoint(task);
}
