import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import { runSimulation } from '../simulation/run-simulation.js';
import type { RunResult } from '../simulation/run-result.js';
import type { PointOutcome, PointTask, RunSummary } from './types.js';
import type { RunTask, WorkerData, WorkerTask } from './worker.js';
import { shareThrottleResults } from '../simulation/cpu-step.js';
import { createSharedThrottleBuffer } from '../models/cpu/throttle-table.js';

/** The process's one table of throttle results, made with the first pool. */
let throttleBuffer: SharedArrayBuffer | undefined;

/** Runs one sweep point somewhere and says how it went; never rejects (a crash is an outcome). */
export interface TaskRunner {
  run(task: PointTask, interrupt?: AbortSignal): Promise<PointOutcome>;
}

/** Message of a task stopped by Ctrl-C: such tasks are dropped, not reported as rows. */
export const INTERRUPTED_MESSAGE = 'interrupted';

/** Default worker count: every core the process may use. */
export function defaultWorkers(): number {
  return availableParallelism();
}

/**
 * The compiled worker entry. From dist this is the file beside this one; from the TypeScript
 * sources (vitest, tsx) it is the compiled copy in dist, since Node 20 cannot load TypeScript in a
 * worker thread (`npm run build` makes it; `npm ci` runs the build through `prepare`).
 */
export function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  return here.endsWith('.js') ? join(dirname(here), 'worker-entry.cjs') : resolve(dirname(here), '../../dist/sweep/worker-entry.cjs');
}

/**
 * The one piscina pool of `workers` threads, each running one task at a time, for `compare`'s runs
 * and `sweep`'s points. A point longer than `timeoutMs` is aborted, which terminates its thread
 * (piscina starts a fresh one); a point whose worker throws or exits is reported with the message;
 * both leave the other tasks running.
 */
export class WorkerPool implements TaskRunner {
  private readonly pool: Piscina<WorkerTask, RunResult | RunSummary>;

  constructor(
    readonly workers: number,
    private readonly timeoutMs: number | null = null,
  ) {
    const file = workerFile();
    if (!existsSync(file)) throw new Error(`the worker ${file} does not exist: run "npm run build" first`);
    // One table of throttle results for this thread and every worker: each would otherwise
    // simulate the same keys again (the results depend on the key alone, so sharing changes no output).
    throttleBuffer ??= createSharedThrottleBuffer();
    shareThrottleResults(throttleBuffer);
    this.pool = new Piscina({
      filename: pathToFileURL(file).href,
      minThreads: workers,
      maxThreads: workers,
      concurrentTasksPerWorker: 1,
      idleTimeout: 60_000,
      workerData: { throttleBuffer } satisfies WorkerData,
    });
  }

  async run(task: PointTask, interrupt?: AbortSignal): Promise<PointOutcome> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = this.timeoutMs === null ? null : setTimeout(() => ((timedOut = true), controller.abort()), this.timeoutMs);
    const onInterrupt = (): void => controller.abort();
    interrupt?.addEventListener('abort', onInterrupt, { once: true });
    try {
      return { status: 'ok', run: (await this.pool.run({ kind: 'point', task }, { signal: controller.signal })) as RunSummary };
    } catch (error) {
      if (timedOut) return { status: 'error', message: `${task.label} timed out after ${this.timeoutMs! / 1000} s (--timeout)` };
      if (interrupt?.aborted) return { status: 'error', message: INTERRUPTED_MESSAGE };
      return { status: 'error', message: `${task.label} failed in its worker: ${error instanceof Error ? error.message : String(error)}` };
    } finally {
      if (timer) clearTimeout(timer);
      interrupt?.removeEventListener('abort', onInterrupt);
    }
  }

  /** One whole simulation in a worker. */
  async simulate(task: RunTask): Promise<RunResult> {
    return (await this.pool.run({ kind: 'run', task })) as RunResult;
  }

  /** Stops every thread (running tasks are abandoned). */
  close(): Promise<void> {
    return this.pool.destroy();
  }
}

/**
 * Runs simulations on `workers` threads and returns their results in task order, so the output
 * does not depend on the worker count. With one worker (or one task, or no build) it runs in this
 * thread.
 */
export async function runSimulations(tasks: readonly RunTask[], workers: number, onDone?: () => void): Promise<RunResult[]> {
  if (workers <= 1 || tasks.length <= 1 || !existsSync(workerFile())) {
    return tasks.map((t) => {
      const r = runSimulation(t.scenario, t.seed);
      onDone?.();
      return r;
    });
  }
  const pool = new WorkerPool(Math.min(workers, tasks.length));
  try {
    return await Promise.all(
      tasks.map(async (t) => {
        const r = await pool.simulate(t);
        onDone?.();
        return r;
      }),
    );
  } finally {
    await pool.close();
  }
}
