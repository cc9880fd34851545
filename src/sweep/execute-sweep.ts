import type { SweepRunData } from './build-sweep-result.js';
import type { SweepPlan } from './plan-sweep.js';
import { runTasks } from './run-tasks.js';
import { selectShard } from './select-shard.js';
import type { TaskRunner } from './worker-pool.js';
import type { PointTask, ShardSpec, TestCrash } from './types.js';

export interface ExecuteSweepOptions {
  readonly runner: TaskRunner;
  /** Tasks in flight at once: the pool's threads. */
  readonly concurrency: number;
  readonly shard: ShardSpec | null;
  /** Ctrl-C: stop starting tasks and keep what finished. */
  readonly interrupt?: AbortSignal;
  /** Test hook: make this point's worker fail. */
  readonly testCrash?: { readonly point: number; readonly mode: TestCrash } | null;
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Runs the shard's points: first the baseline (before) run of each seed they use, once, then the
 * points in their stable order. What finished is returned by position, so the result is the same
 * for any number of workers.
 */
export async function executeSweep(plan: SweepPlan, options: ExecuteSweepOptions): Promise<SweepRunData> {
  const points = selectShard(plan.points.length, options.shard).map((k) => plan.points[k]!);
  const seeds = plan.header.seeds.filter((s) => points.some((p) => p.seed === s));
  const tasks: PointTask[] = [
    ...seeds.map((seed) => ({ label: `baseline seed ${seed}`, scenario: plan.baseline, seed, testCrash: null })),
    ...points.map((p) => ({
      label: `point ${p.index}`,
      scenario: plan.configurations[p.configuration]!,
      seed: p.seed,
      testCrash: options.testCrash && options.testCrash.point === p.index ? options.testCrash.mode : null,
    })),
  ];
  let done = 0;
  const outcomes = await runTasks(tasks, options.runner, {
    concurrency: options.concurrency,
    ...(options.interrupt ? { interrupt: options.interrupt } : {}),
    onOutcome: () => options.onProgress?.(++done, tasks.length),
  });
  const baselines = seeds.flatMap((seed, i) => (outcomes[i] ? [{ seed, outcome: outcomes[i] }] : []));
  const finished = points.flatMap((point, i) => {
    const outcome = outcomes[seeds.length + i];
    return outcome ? [{ point, outcome }] : [];
  });
  return { header: plan.header, shard: options.shard, complete: outcomes.every((o) => o !== undefined), baselines, points: finished };
}
