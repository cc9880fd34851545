import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import { runSimulation } from '../simulation/run-simulation.js';
import type { RunResult } from '../simulation/run-result.js';
import type { RunTask } from './run-worker.js';

/** The compiled worker entry (Node 20 cannot load TypeScript in a worker thread; see sweep-pool.ts). */
function runWorkerFile(): string {
  const here = fileURLToPath(import.meta.url);
  return here.endsWith('.js') ? join(dirname(here), 'run-worker-entry.cjs') : resolve(dirname(here), '../../dist/sweep/run-worker-entry.cjs');
}

/** Default worker count: every core the process may use. */
export function defaultWorkers(): number {
  return availableParallelism();
}

/**
 * Runs simulations on `workers` threads and returns their results in task order, so the output
 * does not depend on the worker count. With one worker (or one task) it runs in this thread.
 */
export async function runSimulations(tasks: readonly RunTask[], workers: number, onDone?: () => void): Promise<RunResult[]> {
  const file = runWorkerFile();
  if (workers <= 1 || tasks.length <= 1 || !existsSync(file)) {
    return tasks.map((t) => {
      const r = runSimulation(t.scenario, t.seed);
      onDone?.();
      return r;
    });
  }
  const pool = new Piscina<RunTask, RunResult>({ filename: pathToFileURL(file).href, minThreads: Math.min(workers, tasks.length), maxThreads: Math.min(workers, tasks.length) });
  try {
    return await Promise.all(
      tasks.map(async (t) => {
        const r = await pool.run(t);
        onDone?.();
        return r;
      }),
    );
  } finally {
    await pool.destroy();
  }
}
