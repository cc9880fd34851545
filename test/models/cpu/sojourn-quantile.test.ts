import { describe, expect, test } from 'vitest';
import { sojournQuantile, type WaitLaw } from '../../../src/models/cpu/queueing.js';

/**
 * P(W + S ≤ t) for S ~ Exp(μ) and W = 0 with probability 1 − p, Exp(θ) with probability p, by hand:
 * the convolution of two exponentials has survival (μe^(−θt) − θe^(−μt))/(μ − θ), and
 * (1 + μt)e^(−μt) when θ = μ.
 */
function sojournCdfByHand(mu: number, theta: number, p: number, t: number): number {
  const noWait = 1 - Math.exp(-mu * t);
  const survival = Math.abs(mu - theta) < 1e-15 ? (1 + mu * t) * Math.exp(-mu * t) : (mu * Math.exp(-theta * t) - theta * Math.exp(-mu * t)) / (mu - theta);
  return (1 - p) * noWait + p * (1 - survival);
}

/** The q-quantile by 200 halvings of [0, 1000/min(μ, θ)]: slow and independent of the solver. */
function quantileByBisection(mu: number, theta: number, p: number, q: number): number {
  let lo = 0;
  let hi = 1000 / Math.min(mu, theta);
  for (let i = 0; i < 200; i++) {
    const mid = 0.5 * (lo + hi);
    if (sojournCdfByHand(mu, theta, p, mid) < q) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

describe('sojourn quantiles with exponential service agree with a bisection of the closed-form CDF', () => {
  const cases: [number, number, number][] = [];
  for (const p of [0.001, 0.3, 0.9, 1]) for (const ratio of [0.05, 0.5, 1, 2, 20]) for (const q of [0.5, 0.9, 0.99, 0.999]) cases.push([p, ratio, q]);
  test.each(cases)('P(wait) %s, θ/μ %s, quantile %s', (p, ratio, q) => {
    const mu = 1 / 0.02;
    const theta = ratio * mu;
    const w: WaitLaw = { probWait: p, rate: theta, tailCoef: p, meanWait: p / theta };
    const expected = quantileByBisection(mu, theta, p, q);
    const got = sojournQuantile('exp', 0.02, 1, w, q);
    expect(Math.abs(got - expected) / expected).toBeLessThan(1e-6);
  });
});
