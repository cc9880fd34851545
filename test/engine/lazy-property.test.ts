import { expect, test } from 'vitest';
import { withLazyProperty } from '../../src/engine/lazy-property.js';
import { sameElements } from '../../src/engine/same-elements.js';

test('a lazy property is computed on first read only, once, and is enumerable', () => {
  let calls = 0;
  const o = withLazyProperty({ a: 1 }, 'b', () => ++calls * 10);
  expect(calls).toBe(0);
  expect(o.b).toBe(10);
  expect(o.b).toBe(10);
  expect(calls).toBe(1);
  expect(Object.keys(o)).toEqual(['a', 'b']);
  expect(JSON.parse(JSON.stringify(o))).toEqual({ a: 1, b: 10 });
});

test('sameElements compares by identity, in order', () => {
  const x = { n: 1 };
  expect(sameElements([x, 2, undefined], [x, 2, undefined])).toBe(true);
  expect(sameElements([x], [{ n: 1 }])).toBe(false);
  expect(sameElements([1, 2], [2, 1])).toBe(false);
  expect(sameElements([1], [1, 1])).toBe(false);
  expect(sameElements([NaN], [NaN])).toBe(false);
});
