import { describe, expect, test } from 'vitest';
import { copyPrefix } from '../../src/simulation/cluster-state.js';

describe('copyPrefix (the snapshots of the replay and the view reuse)', () => {
  test('copies into the array it is given when it has room, leaving the rest', () => {
    const into = Int32Array.of(9, 9, 9, 9);
    const out = copyPrefix(into, Int32Array.of(1, 2, 3), 2);
    expect(out).toBe(into);
    expect(Array.from(out)).toEqual([1, 2, 9, 9]);
  });

  test('a copy, not a view: changing the source later leaves the snapshot as it was', () => {
    const from = Float64Array.of(0.5, 1.5, 2.5);
    const out = copyPrefix(new Float64Array(0), from, 3);
    from[1] = 7;
    expect(Array.from(out)).toEqual([0.5, 1.5, 2.5]);
  });

  test('grows to the larger of n and twice its length, of the same kind', () => {
    const grown = copyPrefix(new Uint8Array(4), Uint8Array.of(1, 2, 3, 4, 5), 5);
    expect(grown).toBeInstanceOf(Uint8Array);
    expect(grown.length).toBe(8);
    expect(Array.from(grown.subarray(0, 5))).toEqual([1, 2, 3, 4, 5]);
    expect(copyPrefix(new Uint8Array(2), new Uint8Array(20), 20).length).toBe(20);
  });
});
