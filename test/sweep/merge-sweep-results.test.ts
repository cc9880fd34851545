import { describe, expect, test } from 'vitest';
import { mergeSweepResults } from '../../src/sweep/merge-sweep-results.js';
import type { BaselineRow, PointRow, RunSummary, SweepResult } from '../../src/sweep/types.js';

const run = (cost: number) => ({ cost: { monthlyUsd: cost } }) as unknown as RunSummary;

function point(index: number, seed: number): PointRow {
  return { index, configuration: index, seed, values: { x: index }, status: 'ok', error: null, costMonthlyUsd: 1, nodesPeak: 1, nodesMean: 1, quality: 0, workloads: {}, assertions: [], pass: true, run: run(index) };
}

function shard(index: number, total: number, points: PointRow[], baselines: BaselineRow[], extra: Partial<SweepResult> = {}): SweepResult {
  return {
    schemaVersion: 1,
    kind: 'SweepResult',
    sweepId: 'abc',
    scenario: { name: 's', file: 's.yaml', durationMs: 1 },
    parameters: ['x'],
    seeds: [1],
    quality: 'nodes.peak',
    assertions: [],
    workloads: [],
    changedWorkloads: [],
    totalPoints: 4,
    shard: { index, total },
    complete: true,
    baselines,
    points,
    configurations: [],
    pareto: [],
    best: null,
    ...extra,
  };
}

const ok: BaselineRow = { seed: 1, status: 'ok', error: null, run: run(10) };

describe('mergeSweepResults', () => {
  test('two shards covering points 0..3 merge into one unsharded run', () => {
    const r = mergeSweepResults([shard(2, 2, [point(1, 1), point(3, 1)], [ok]), shard(1, 2, [point(0, 1), point(2, 1)], [ok])], ['b.json', 'a.json']);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.shard).toBeNull();
    expect(r.data.complete).toBe(true);
    expect(r.data.points.map((p) => p.point.index).sort()).toEqual([0, 1, 2, 3]);
    expect(r.data.baselines).toEqual([{ seed: 1, outcome: { status: 'ok', run: run(10) } }]);
  });

  test('a baseline that failed in one shard yields to the one that finished in another', () => {
    const failed: BaselineRow = { seed: 1, status: 'error', error: 'timed out', run: null };
    const r = mergeSweepResults([shard(1, 2, [point(0, 1), point(2, 1)], [failed]), shard(2, 2, [point(1, 1), point(3, 1)], [ok])], ['a', 'b']);
    expect(r.ok && r.data.baselines[0]!.outcome.status).toBe('ok');
  });

  test.each([
    { name: 'a shard of another sweep', inputs: () => [shard(1, 2, [point(0, 1), point(2, 1)], [ok]), shard(2, 2, [point(1, 1), point(3, 1)], [ok], { sweepId: 'other' })], problem: /b: from another sweep/ },
    { name: 'an interrupted shard', inputs: () => [shard(1, 2, [point(0, 1)], [ok], { complete: false }), shard(2, 2, [point(1, 1), point(3, 1)], [ok])], problem: /a: interrupted/ },
    { name: 'a missing shard', inputs: () => [shard(1, 2, [point(0, 1), point(2, 1)], [ok])], problem: /points missing \(of 2 shards, 1 given\): 1, 3/ },
    { name: 'the same shard twice', inputs: () => [shard(1, 2, [point(0, 1), point(2, 1)], [ok]), shard(1, 2, [point(0, 1), point(2, 1)], [ok])], problem: /point 0 is in both a and b/ },
    { name: 'baselines that differ', inputs: () => [shard(1, 2, [point(0, 1), point(2, 1)], [ok]), shard(2, 2, [point(1, 1), point(3, 1)], [{ ...ok, run: run(11) }])], problem: /baseline run of seed 1 differs/ },
  ])('$name is refused', ({ inputs, problem }) => {
    const r = mergeSweepResults(inputs(), ['a', 'b']);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.join('\n')).toMatch(problem);
  });
});
