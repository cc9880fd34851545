import { INTERRUPTED_MESSAGE, type TaskRunner } from './worker-pool.js';
import type { PointOutcome, PointTask } from './types.js';

export interface RunTasksOptions {
  /** Tasks in flight at once (the pool's thread count). */
  readonly concurrency: number;
  /** Ctrl-C: no new task starts, running ones are abandoned. */
  readonly interrupt?: AbortSignal;
  /** Called as each task finishes, in completion order (progress). */
  readonly onOutcome?: (index: number, outcome: PointOutcome) => void;
}

/**
 * Runs tasks in their given order with at most `concurrency` in flight, starting each one's
 * timeout only when it is handed to a thread. Outcomes come back by task position, whatever the
 * completion order, so the result does not depend on the number of workers; a task that did not
 * finish before an interrupt is undefined.
 */
export async function runTasks(tasks: readonly PointTask[], runner: TaskRunner, options: RunTasksOptions): Promise<(PointOutcome | undefined)[]> {
  const outcomes: (PointOutcome | undefined)[] = new Array(tasks.length).fill(undefined);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < tasks.length && !options.interrupt?.aborted) {
      const i = next++;
      const outcome = await runner.run(tasks[i]!, options.interrupt);
      if (outcome.status === 'error' && outcome.message === INTERRUPTED_MESSAGE) return;
      outcomes[i] = outcome;
      options.onOutcome?.(i, outcome);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, tasks.length)) }, lane));
  return outcomes;
}
