import { describe, expect, test } from 'vitest';
import { parseQuantity } from '../../src/quantities/quantity.js';

describe('quantities stay within what Kubernetes can hold', () => {
  test.each([
    ['1e999999999', false],
    ['9223372036854775807', true],
    ['9223372036854775808', false],
    ['8Ei', false], // 2^63 units exactly: one above int64
    ['7Ei', true],
    ['1e-999999999', true],
    [`${'9'.repeat(100)}`, false],
  ])('%s', (text, ok) => {
    expect(parseQuantity(text).ok).toBe(ok);
  });

  test('the smallest positive quantity rounds up to one nano-unit, as Kubernetes rounds up', () => {
    expect(parseQuantity('1e-999999999')).toEqual({ ok: true, nanos: 1n });
  });
});
