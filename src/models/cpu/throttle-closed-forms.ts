/**
 * Quick closed forms for the throttled-period fraction (docs/models/cpu.md#the-per-step-model-used-in-cluster-runs step 3). They ignore carry-over
 * between periods and spill past the boundary, so they underestimate by ~20–30 % relative; used as
 * checks of the Monte Carlo estimate, not in the simulation.
 */

/** P(N > x) for N ~ Poisson(mean), summing the pmf up to floor(x). */
export function poissonTailAbove(mean: number, x: number): number {
  if (x < 0) return 1;
  let term = Math.exp(-mean);
  let cdf = term;
  const top = Math.floor(x);
  for (let n = 1; n <= top; n++) {
    term *= mean / n;
    cdf += term;
  }
  return Math.max(0, 1 - cdf);
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 erf, |error| < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/**
 * Any CPU distribution, normal approximation of the compound Poisson work per period:
 * f ≈ 1 − Φ((Q − λT·E[C]) / sqrt(λT·E[C²])).
 */
export function normalApproxThrottleFraction(arrivalsPerPeriod: number, meanCpu: number, meanCpuSquared: number, quota: number): number {
  const sd = Math.sqrt(arrivalsPerPeriod * meanCpuSquared);
  if (sd === 0) return arrivalsPerPeriod * meanCpu > quota ? 1 : 0;
  return 1 - normalCdf((quota - arrivalsPerPeriod * meanCpu) / sd);
}
