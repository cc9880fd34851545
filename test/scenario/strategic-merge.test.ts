import { describe, expect, test } from 'vitest';
import { patchPathFor, strategicMerge } from '../../src/scenario/strategic-merge.js';

describe('strategicMerge', () => {
  test.each([
    ['objects merge key by key', { a: 1, b: { c: 2, d: 3 } }, { b: { d: 4 } }, { a: 1, b: { c: 2, d: 4 } }],
    ['null removes a key', { a: 1, b: 2 }, { b: null }, { a: 1 }],
    ['named lists merge by name', { w: [{ name: 'x', v: 1 }, { name: 'y', v: 2 }] }, { w: [{ name: 'y', v: 3 }] }, { w: [{ name: 'x', v: 1 }, { name: 'y', v: 3 }] }],
    ['an unknown name is appended', { w: [{ name: 'x', v: 1 }] }, { w: [{ name: 'z', v: 9 }] }, { w: [{ name: 'x', v: 1 }, { name: 'z', v: 9 }] }],
    ['plain lists are replaced', { a: [1, 2, 3] }, { a: [4] }, { a: [4] }],
  ])('%s', (_name, base, patch, expected) => {
    expect(strategicMerge(base, patch)).toEqual(expected);
  });

  test('the base is not modified', () => {
    const base = { w: [{ name: 'x', v: 1 }] };
    strategicMerge(base, { w: [{ name: 'x', v: 2 }] });
    expect(base).toEqual({ w: [{ name: 'x', v: 1 }] });
  });
});

describe('patchPathFor', () => {
  const patch = { workloads: [{ name: 'b', hpa: { maxReplicas: 30 } }] };
  const merged = strategicMerge({ workloads: [{ name: 'a' }, { name: 'b', hpa: { maxReplicas: 10, minReplicas: 2 } }] }, patch);
  test('a merged list index maps to the patch entry of the same name', () => {
    expect(patchPathFor(['workloads', 1, 'hpa', 'maxReplicas'], merged, patch)).toEqual(['workloads', 0, 'hpa', 'maxReplicas']);
  });
  test('a field the patch does not set comes from the base', () => {
    expect(patchPathFor(['workloads', 1, 'hpa', 'minReplicas'], merged, patch)).toBeNull();
    expect(patchPathFor(['workloads', 0], merged, patch)).toBeNull();
  });
});
