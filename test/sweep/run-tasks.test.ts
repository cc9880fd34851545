import { describe, expect, test } from 'vitest';
import { runTasks } from '../../src/sweep/run-tasks.js';
import { INTERRUPTED_MESSAGE, type TaskRunner } from '../../src/sweep/worker-pool.js';
import type { PointOutcome, PointTask, RunSummary } from '../../src/sweep/types.js';
import type { Scenario } from '../../src/scenario/types.js';

const tasks: PointTask[] = Array.from({ length: 8 }, (_, i) => ({ label: `point ${i}`, scenario: {} as Scenario, seed: i, testCrash: null }));

/** Finishes task i after a delay that makes later tasks finish first; the run summary carries the seed. */
function slowFirst(onStart?: (i: number) => void): TaskRunner {
  return {
    run: (task, interrupt) =>
      new Promise<PointOutcome>((resolve) => {
        onStart?.(task.seed);
        const timer = setTimeout(() => resolve({ status: 'ok', run: { seed: task.seed } as unknown as RunSummary }), (8 - task.seed) * 3);
        interrupt?.addEventListener('abort', () => {
          clearTimeout(timer);
          resolve({ status: 'error', message: INTERRUPTED_MESSAGE });
        });
      }),
  };
}

describe('runTasks', () => {
  test.each([1, 3, 8])('outcomes come back by task position with %i in flight', async (concurrency) => {
    const outcomes = await runTasks(tasks, slowFirst(), { concurrency });
    expect(outcomes.map((o) => (o?.status === 'ok' ? o.run.seed : null))).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  test('never more than `concurrency` tasks in flight, started in order', async () => {
    const started: number[] = [];
    let inFlight = 0;
    let most = 0;
    const inner = slowFirst((i) => started.push(i));
    const runner: TaskRunner = {
      run: async (task, interrupt) => {
        most = Math.max(most, ++inFlight);
        const o = await inner.run(task, interrupt);
        inFlight--;
        return o;
      },
    };
    await runTasks(tasks, runner, { concurrency: 2 });
    expect(most).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  test('an interrupt keeps the finished outcomes and starts nothing more', async () => {
    const controller = new AbortController();
    const started: number[] = [];
    const done: number[] = [];
    const outcomes = await runTasks(tasks, slowFirst((i) => started.push(i)), {
      concurrency: 2,
      interrupt: controller.signal,
      onOutcome: (i) => {
        done.push(i);
        if (done.length === 2) controller.abort();
      },
    });
    expect(outcomes.filter((o) => o !== undefined)).toHaveLength(2);
    // The two finished plus the two abandoned when the signal came: nothing started after it.
    expect(started.length).toBeLessThanOrEqual(4);
  });
});
