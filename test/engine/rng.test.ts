import { describe, expect, test } from 'vitest';
import { RandomStreams, exponential, poisson } from '../../src/engine/index.js';

function draw(streams: RandomStreams, name: string, n: number): number[] {
  const s = streams.stream(name);
  return Array.from({ length: n }, () => s.next());
}

describe('named streams', () => {
  test('the same seed and name give the same numbers', () => {
    expect(draw(new RandomStreams(7), 'load/payments', 10)).toEqual(draw(new RandomStreams(7), 'load/payments', 10));
  });

  test('a stream does not shift when another stream is added or drawn from', () => {
    const alone = new RandomStreams(7);
    const a1 = draw(alone, 'load/payments', 5);
    const crowded = new RandomStreams(7);
    draw(crowded, 'load/new-service', 100);
    const a2 = draw(crowded, 'load/payments', 5);
    expect(a2).toEqual(a1);
  });

  test('different names and different seeds give different numbers', () => {
    expect(draw(new RandomStreams(7), 'a', 5)).not.toEqual(draw(new RandomStreams(7), 'b', 5));
    expect(draw(new RandomStreams(7), 'a', 5)).not.toEqual(draw(new RandomStreams(8), 'a', 5));
  });
});

describe('distributions', () => {
  // Sample moments against the known ones: a Poisson(m) has mean m and variance m; with n draws
  // the sample mean's standard error is sqrt(m/n), so 5 standard errors is a safe, still-sharp band.
  test.each([0.5, 3, 9.9, 10, 40, 1000])('poisson(%d) has mean and variance equal to its parameter', (m) => {
    const s = new RandomStreams(1).stream(`poisson-${m}`);
    const n = 40_000;
    let sum = 0;
    let sumSq = 0;
    let invalid = 0;
    for (let i = 0; i < n; i++) {
      const k = poisson(s.next, m);
      if (!Number.isInteger(k) || k < 0) invalid++;
      sum += k;
      sumSq += k * k;
    }
    expect(invalid).toBe(0);
    const mean = sum / n;
    const variance = sumSq / n - mean * mean;
    expect(Math.abs(mean - m)).toBeLessThan(5 * Math.sqrt(m / n));
    // The variance of the sample variance of a Poisson is about (m + 2m^2)/n.
    expect(Math.abs(variance - m)).toBeLessThan(5 * Math.sqrt((m + 2 * m * m) / n));
  });

  test('poisson(0) is always 0', () => {
    const s = new RandomStreams(1).stream('zero');
    expect(poisson(s.next, 0)).toBe(0);
  });

  test('exponential has the requested mean', () => {
    const s = new RandomStreams(3).stream('exp');
    const n = 40_000;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += exponential(s.next, 2.5);
    // Standard error of the mean of Exp(mean 2.5): 2.5/sqrt(n).
    expect(Math.abs(sum / n - 2.5)).toBeLessThan(5 * 2.5 / Math.sqrt(n));
  });
});
