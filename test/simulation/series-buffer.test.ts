import { describe, expect, it } from 'vitest';
import { SeriesBuffer } from '../../src/simulation/series-buffer.js';

function filled(values: readonly (number | null)[]): SeriesBuffer {
  const b = new SeriesBuffer();
  for (const v of values) b.push(v);
  return b;
}

describe('SeriesBuffer', () => {
  it('gives back what was pushed, nulls included, in order', () => {
    const values = [null, 0, 1.5, -2.25, null, 1e-300, 7, Infinity, null];
    const b = filled(values);
    expect(b.length).toBe(values.length);
    expect(b.toSeries()).toEqual(values);
    values.forEach((v, k) => expect(b.at(k)).toBe(v));
  });

  it('keeps every value past many growths', () => {
    // 10,000 values: the buffer starts at 64 and doubles, so this crosses eight growths.
    const values = Array.from({ length: 10_000 }, (_, k) => (k % 97 === 0 ? null : k / 7 - 300));
    expect(filled(values).toSeries()).toEqual(values);
  });

  it('keeps the sign of zero, as a plain array would', () => {
    const out = filled([-0, 0]).toSeries();
    expect(Object.is(out[0], -0)).toBe(true);
    expect(Object.is(out[1], 0)).toBe(true);
  });

  it('reads null outside the recorded samples', () => {
    const b = filled([1, 2]);
    expect(b.at(-1)).toBeNull();
    expect(b.at(2)).toBeNull();
    expect(new SeriesBuffer().toSeries()).toEqual([]);
  });

  it('writes the same JSON as the array it replaces', () => {
    const values = [null, 0.1 + 0.2, 3, null, 1 / 3];
    expect(JSON.stringify(filled(values).toSeries())).toBe(JSON.stringify(values));
  });
});
