/**
 * The worker threads' entry: a CommonJS file that imports the ES module worker. Piscina loads its
 * task file with require() first; on Node 20 require() of an ES module can abort the whole process
 * when two loads of it overlap (v8 "IsGraphAsync must be used on an instantiated module"), so the
 * ES module is reached through import() only, which is safe to call concurrently.
 */
import type { WorkerTask } from './worker.js';

let handler: Promise<(task: WorkerTask) => unknown> | undefined;

module.exports = async function workerEntry(task: WorkerTask): Promise<unknown> {
  handler ??= import('./worker.js').then((m) => m.default);
  return (await handler)(task);
};
