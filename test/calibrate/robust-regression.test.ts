import { describe, expect, test } from 'vitest';
import { robustRegression } from '../../src/calibrate/robust-regression.js';

describe('robustRegression', () => {
  test('recovers an exact line y = 2 + 3x with zero-width intervals', () => {
    const xs = [0, 1, 2, 3, 4, 5, 6, 7];
    const fit = robustRegression(xs.map((x) => [1, x]), xs.map((x) => 2 + 3 * x))!;
    expect(fit.coefficients[0]).toBeCloseTo(2, 9);
    expect(fit.coefficients[1]).toBeCloseTo(3, 9);
    expect(fit.rSquared).toBeCloseTo(1, 12);
  });

  test('one wild outlier barely moves the slope, where least squares would move it a lot', () => {
    // y = 1 + 0.5x with alternating ±0.1 noise on 20 points, then y at x = 19 replaced by 100.
    const xs = Array.from({ length: 20 }, (_, i) => i);
    const ys = xs.map((x) => 1 + 0.5 * x + (x % 2 ? 0.1 : -0.1));
    ys[19] = 100;
    const fit = robustRegression(xs.map((x) => [1, x]), ys)!;
    // Least squares: slope ≈ 0.5 + (100 - 10.6) * (19 - 9.5) / Σ(x - 9.5)² = 0.5 + 849.3 / 665 ≈ 1.78.
    expect(Math.abs(fit.coefficients[1]! - 0.5)).toBeLessThan(0.05);
    expect(fit.intervals[1]![0]).toBeLessThan(0.5);
    expect(fit.intervals[1]![1]).toBeGreaterThan(0.5);
    expect(fit.downweighted).toBeGreaterThanOrEqual(1);
  });

  test('a column without variation is not fitted (null), not a confident answer', () => {
    expect(robustRegression([[1, 2], [1, 2], [1, 2], [1, 2]], [1, 2, 3, 4])).toBeNull();
  });

  test('a majority of identical idle points does not collapse the intervals to a point', () => {
    // 25 idle points at (0, 0.001) and 20 loaded points around slope 0.0019 with ±0.01 scatter.
    const xs = [...new Array(25).fill(0), 50, 46, 44, 47, 48, 48, 47, 40, 30, 20, 10, 5, 2, 1, 60, 70, 80, 100, 120, 160];
    const ys = xs.map((x, i) => 0.001 + 0.0019 * x + (x > 0 ? ((i % 5) - 2) * 0.01 : 0));
    const fit = robustRegression(xs.map((x) => [1, x]), ys)!;
    const [low, high] = fit.intervals[1]!;
    expect(high - low).toBeGreaterThan(1e-5);
    expect(low).toBeLessThan(0.0019);
    expect(high).toBeGreaterThan(0.0019);
  });
});
