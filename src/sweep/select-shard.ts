import type { ShardSpec } from './types.js';

export type ShardChoice = { readonly ok: true; readonly shard: ShardSpec | null; readonly source: string } | { readonly ok: false; readonly message: string };

/**
 * Indices of the points shard `index`/`total` runs: point k belongs to shard (k mod total) + 1.
 * Round-robin over the stable point order spreads every configuration's seeds and every region of
 * the grid over the shards, so shards take about the same time. Without a shard: every point. Pure.
 */
export function selectShard(pointCount: number, shard: ShardSpec | null): number[] {
  const out: number[] = [];
  for (let k = 0; k < pointCount; k++) if (!shard || k % shard.total === shard.index - 1) out.push(k);
  return out;
}

/** Parses `--shard i/n` (1-based, as `jest --shard` and GitLab's CI_NODE_INDEX). */
export function parseShard(text: string): ShardChoice {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) return { ok: false, message: `--shard expects i/n such as 2/4 (got "${text}")` };
  return checked(Number(m[1]), Number(m[2]), `--shard ${text}`);
}

/**
 * The shard to run: `--shard` first; then GitLab CI's `parallel:` (CI_NODE_INDEX is 1-based and set
 * only on parallel jobs; CI_NODE_TOTAL is 1 on jobs without `parallel:`); then a Kubernetes Indexed
 * Job (JOB_COMPLETION_INDEX is 0-based; the Job's `completions` is not in the pod's environment, so
 * the total comes from `--shard-total` or WHATIF_SHARD_TOTAL). Null shard: run every point.
 */
export function chooseShard(flag: string | undefined, shardTotal: number | undefined, env: Readonly<Record<string, string | undefined>>): ShardChoice {
  if (flag !== undefined) return parseShard(flag);
  const gitlabIndex = env.CI_NODE_INDEX;
  if (gitlabIndex !== undefined && gitlabIndex !== '') {
    const index = wholeNumber(gitlabIndex);
    const total = wholeNumber(env.CI_NODE_TOTAL ?? '');
    if (index === null || total === null) return { ok: false, message: `CI_NODE_INDEX=${gitlabIndex} and CI_NODE_TOTAL=${env.CI_NODE_TOTAL ?? ''} are not whole numbers` };
    return checked(index, total, `GitLab CI_NODE_INDEX=${index} CI_NODE_TOTAL=${total}`);
  }
  const jobIndex = env.JOB_COMPLETION_INDEX;
  if (jobIndex !== undefined && jobIndex !== '') {
    const index = wholeNumber(jobIndex);
    const totalText = shardTotal !== undefined ? String(shardTotal) : env.WHATIF_SHARD_TOTAL;
    if (totalText === undefined || totalText === '') {
      return { ok: false, message: `JOB_COMPLETION_INDEX=${jobIndex} is set but the number of shards is not: pass --shard-total <completions> or set WHATIF_SHARD_TOTAL (or --shard 1/1 to run every point)` };
    }
    const total = wholeNumber(totalText);
    if (index === null || total === null) return { ok: false, message: `JOB_COMPLETION_INDEX=${jobIndex} and the shard total ${totalText} are not whole numbers` };
    return checked(index + 1, total, `Kubernetes JOB_COMPLETION_INDEX=${index} of ${total}`);
  }
  if (shardTotal !== undefined) return { ok: false, message: '--shard-total is given but no shard index: set JOB_COMPLETION_INDEX or use --shard i/n' };
  return { ok: true, shard: null, source: 'no sharding' };
}

function checked(index: number, total: number, source: string): ShardChoice {
  if (total < 1) return { ok: false, message: `${source}: the number of shards must be at least 1` };
  if (index < 1 || index > total) return { ok: false, message: `${source}: shard ${index} is not in 1..${total}` };
  return { ok: true, shard: total === 1 ? null : { index, total }, source };
}

function wholeNumber(text: string): number | null {
  return /^\d+$/.test(text.trim()) ? Number(text.trim()) : null;
}
