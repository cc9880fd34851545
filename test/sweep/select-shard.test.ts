import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { chooseShard, parseShard, selectShard } from '../../src/sweep/select-shard.js';

describe('selectShard', () => {
  test('7 points over 3 shards go round-robin: k mod 3', () => {
    expect(selectShard(7, { index: 1, total: 3 })).toEqual([0, 3, 6]);
    expect(selectShard(7, { index: 2, total: 3 })).toEqual([1, 4]);
    expect(selectShard(7, { index: 3, total: 3 })).toEqual([2, 5]);
    expect(selectShard(7, null)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  test('the shards cover every point exactly once, and sizes differ by at most one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 40 }), (count, total) => {
        const seen = new Array<number>(count).fill(0);
        const sizes: number[] = [];
        for (let index = 1; index <= total; index++) {
          const mine = selectShard(count, { index, total });
          sizes.push(mine.length);
          for (const k of mine) seen[k]!++;
        }
        expect(seen.every((n) => n === 1)).toBe(true);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('chooseShard', () => {
  test.each([
    { name: '--shard 2/4', flag: '2/4', total: undefined, env: {}, shard: { index: 2, total: 4 } },
    { name: '--shard 1/1 runs everything', flag: '1/1', total: undefined, env: {}, shard: null },
    { name: 'no flag, no CI: everything', flag: undefined, total: undefined, env: {}, shard: null },
    // GitLab: CI_NODE_INDEX is 1-based and set only on parallel jobs.
    { name: 'GitLab parallel: 3, the first job', flag: undefined, total: undefined, env: { CI_NODE_INDEX: '1', CI_NODE_TOTAL: '3' }, shard: { index: 1, total: 3 } },
    { name: 'GitLab job without parallel: (CI_NODE_TOTAL=1 only)', flag: undefined, total: undefined, env: { CI_NODE_TOTAL: '1' }, shard: null },
    // Kubernetes: JOB_COMPLETION_INDEX is 0-based, so index 0 is shard 1 and index 3 of 4 is shard 4.
    { name: 'Indexed Job index 0 of 4 (--shard-total)', flag: undefined, total: 4, env: { JOB_COMPLETION_INDEX: '0' }, shard: { index: 1, total: 4 } },
    { name: 'Indexed Job index 3 of 4 (WHATIF_SHARD_TOTAL)', flag: undefined, total: undefined, env: { JOB_COMPLETION_INDEX: '3', WHATIF_SHARD_TOTAL: '4' }, shard: { index: 4, total: 4 } },
    { name: 'the flag wins over the environment', flag: '2/2', total: undefined, env: { CI_NODE_INDEX: '1', CI_NODE_TOTAL: '3' }, shard: { index: 2, total: 2 } },
  ])('$name', ({ flag, total, env, shard }) => {
    const r = chooseShard(flag, total, env);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.shard).toEqual(shard);
  });

  test.each([
    { name: 'shard 0 does not exist (1-based)', flag: '0/3', total: undefined, env: {}, message: /not in 1\.\.3/ },
    { name: 'shard 4 of 3', flag: '4/3', total: undefined, env: {}, message: /not in 1\.\.3/ },
    { name: 'not i/n', flag: 'two', total: undefined, env: {}, message: /expects i\/n/ },
    { name: 'an Indexed Job without a total', flag: undefined, total: undefined, env: { JOB_COMPLETION_INDEX: '2' }, message: /--shard-total/ },
    { name: 'Indexed Job index beyond the total', flag: undefined, total: 2, env: { JOB_COMPLETION_INDEX: '2' }, message: /not in 1\.\.2/ },
    { name: '--shard-total without an index', flag: undefined, total: 3, env: {}, message: /no shard index/ },
  ])('$name is refused', ({ flag, total, env, message }) => {
    const r = chooseShard(flag, total, env);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });

  test('parseShard tolerates spaces', () => {
    expect(parseShard(' 3 / 5 ')).toEqual({ ok: true, shard: { index: 3, total: 5 }, source: '--shard  3 / 5 ' });
  });
});
