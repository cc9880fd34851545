import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import type { PointOutcome, PointTask, RunSummary } from './types.js';

/** Runs one task somewhere and says how it went; never rejects (a crash is an outcome). */
export interface TaskRunner {
  run(task: PointTask, interrupt?: AbortSignal): Promise<PointOutcome>;
}

/** Message of a task stopped by Ctrl-C: such tasks are dropped, not reported as rows. */
export const INTERRUPTED_MESSAGE = 'interrupted';

/**
 * The compiled worker entry. From dist this is the file beside this one; from the TypeScript
 * sources (vitest, tsx) it is the compiled copy in dist, since Node 20 cannot load TypeScript in a
 * worker thread (`npm run build` makes it; `npm ci` runs the build through `prepare`).
 */
export function sweepWorkerFile(): string {
  const here = fileURLToPath(import.meta.url);
  return here.endsWith('.js') ? join(dirname(here), 'sweep-worker-entry.cjs') : resolve(dirname(here), '../../dist/sweep/sweep-worker-entry.cjs');
}

/**
 * A piscina pool of `workers` threads, each running one task at a time. A task longer than
 * `timeoutMs` is aborted, which terminates its thread (piscina starts a fresh one); a task whose
 * worker throws or exits is reported with the message; both leave the other tasks running.
 */
export class SweepPool implements TaskRunner {
  private readonly pool: Piscina<PointTask, RunSummary>;

  constructor(
    readonly workers: number,
    private readonly timeoutMs: number | null,
  ) {
    const file = sweepWorkerFile();
    if (!existsSync(file)) throw new Error(`the sweep worker ${file} does not exist: run "npm run build" first`);
    this.pool = new Piscina({ filename: pathToFileURL(file).href, minThreads: workers, maxThreads: workers, concurrentTasksPerWorker: 1, idleTimeout: 60_000 });
  }

  async run(task: PointTask, interrupt?: AbortSignal): Promise<PointOutcome> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = this.timeoutMs === null ? null : setTimeout(() => ((timedOut = true), controller.abort()), this.timeoutMs);
    const onInterrupt = (): void => controller.abort();
    interrupt?.addEventListener('abort', onInterrupt, { once: true });
    try {
      return { status: 'ok', run: await this.pool.run(task, { signal: controller.signal }) };
    } catch (error) {
      if (timedOut) return { status: 'error', message: `${task.label} timed out after ${this.timeoutMs! / 1000} s (--timeout)` };
      if (interrupt?.aborted) return { status: 'error', message: INTERRUPTED_MESSAGE };
      return { status: 'error', message: `${task.label} failed in its worker: ${error instanceof Error ? error.message : String(error)}` };
    } finally {
      if (timer) clearTimeout(timer);
      interrupt?.removeEventListener('abort', onInterrupt);
    }
  }

  /** Stops every thread (running tasks are abandoned). */
  close(): Promise<void> {
    return this.pool.destroy();
  }
}
