import type { SweepRunData } from './build-sweep-result.js';
import type { BaselineOutcomeEntry, PointOutcomeEntry } from './build-point-rows.js';
import type { PointOutcome, SweepHeader, SweepResult } from './types.js';

export type MergeInput = { readonly ok: true; readonly data: SweepRunData } | { readonly ok: false; readonly problems: readonly string[] };

/**
 * The finished work of several shard results of one sweep, checked to be exactly the whole sweep:
 * the same sweep id, none interrupted, every point present once. Building the result from it gives
 * the bytes of the unsharded run. Baselines computed by several shards must agree (a failed one
 * yields to a finished one). Pure; `names` label the inputs in problems.
 */
export function mergeSweepResults(results: readonly SweepResult[], names: readonly string[]): MergeInput {
  const problems: string[] = [];
  const first = results[0];
  if (!first) return { ok: false, problems: ['no input files'] };
  results.forEach((r, i) => {
    const name = names[i] ?? `input ${i + 1}`;
    if (r.kind !== 'SweepResult') problems.push(`${name}: not a sweep result (kind ${JSON.stringify(r.kind)})`);
    else if (r.sweepId !== first.sweepId) problems.push(`${name}: from another sweep (id ${r.sweepId.slice(0, 12)}, ${names[0] ?? 'input 1'} has ${first.sweepId.slice(0, 12)}): the scenario, parameters or seeds differ`);
    else if (!r.complete) problems.push(`${name}: interrupted before it finished; run that shard again`);
  });
  if (problems.length > 0) return { ok: false, problems };

  const owner = new Map<number, number>();
  const points: PointOutcomeEntry[] = [];
  results.forEach((r, i) => {
    for (const row of r.points) {
      const earlier = owner.get(row.index);
      if (earlier !== undefined) {
        problems.push(`point ${row.index} is in both ${names[earlier] ?? earlier} and ${names[i] ?? i}: were two shards given the same --shard?`);
        continue;
      }
      owner.set(row.index, i);
      const outcome: PointOutcome = row.run ? { status: 'ok', run: row.run } : { status: 'error', message: row.error ?? 'failed' };
      points.push({ point: { index: row.index, configuration: row.configuration, seed: row.seed, values: row.values }, outcome });
    }
  });
  const missing: number[] = [];
  for (let k = 0; k < first.totalPoints && missing.length < 20; k++) if (!owner.has(k)) missing.push(k);
  if (missing.length > 0) {
    const shards = first.shard ? ` (of ${first.shard.total} shards, ${results.length} given)` : '';
    problems.push(`points missing${shards}: ${missing.join(', ')}${owner.size + missing.length < first.totalPoints ? ', ...' : ''}`);
  }

  const baselines = mergeBaselines(results, names, problems);
  if (problems.length > 0) return { ok: false, problems };
  const header: SweepHeader = {
    sweepId: first.sweepId,
    scenario: first.scenario,
    parameters: first.parameters,
    seeds: first.seeds,
    quality: first.quality,
    assertions: first.assertions,
    workloads: first.workloads,
    changedWorkloads: first.changedWorkloads,
    totalPoints: first.totalPoints,
  };
  return { ok: true, data: { header, shard: null, complete: true, baselines, points } };
}

function mergeBaselines(results: readonly SweepResult[], names: readonly string[], problems: string[]): BaselineOutcomeEntry[] {
  const bySeed = new Map<number, { outcome: PointOutcome; from: number }>();
  results.forEach((r, i) => {
    for (const b of r.baselines) {
      const outcome: PointOutcome = b.run ? { status: 'ok', run: b.run } : { status: 'error', message: b.error ?? 'failed' };
      const known = bySeed.get(b.seed);
      if (!known || (known.outcome.status === 'error' && outcome.status === 'ok')) {
        bySeed.set(b.seed, { outcome, from: i });
      } else if (known.outcome.status === 'ok' && outcome.status === 'ok' && JSON.stringify(known.outcome.run) !== JSON.stringify(outcome.run)) {
        problems.push(`the baseline run of seed ${b.seed} differs between ${names[known.from] ?? known.from} and ${names[i] ?? i}: different versions of kube-whatif?`);
      }
    }
  });
  return [...bySeed.entries()].map(([seed, { outcome }]) => ({ seed, outcome }));
}
