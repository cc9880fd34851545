/** The sweep workers' entry, a CommonJS file for the reason given in run-worker-entry.cts. */
import type { PointTask } from './types.js';

let handler: Promise<(task: PointTask) => unknown> | undefined;

module.exports = async function sweepWorkerEntry(task: PointTask): Promise<unknown> {
  handler ??= import('./sweep-worker.js').then((m) => m.default);
  return (await handler)(task);
};
