/**
 * Random variates, every one drawn from an injected uniform source on [0, 1) (a seeded stream's
 * `next`, or a seedrandom generator): the one place the project turns uniforms into distributions.
 */

/** A uniform [0, 1) source. */
export type Uniform = () => number;

/** Exponential variate with the given mean. */
export function exponential(u: Uniform, mean: number): number {
  return -mean * Math.log(1 - u());
}

/** Standard normal variate (Box-Muller; one of the pair is dropped to keep streams stateless). */
export function standardNormal(u: Uniform): number {
  const u1 = 1 - u();
  const u2 = u();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** Log-normal variate with the given mean and coefficient of variation. */
export function lognormal(u: Uniform, mean: number, cv: number): number {
  const sigma2 = Math.log(1 + cv * cv);
  const mu = Math.log(mean) - sigma2 / 2;
  return Math.exp(mu + Math.sqrt(sigma2) * standardNormal(u));
}

/**
 * Poisson variate. Knuth's product method for small means; Hörmann's PTRS transformed rejection
 * ("The transformed rejection method for generating Poisson random variables", 1993) for mean >= 10,
 * which is exact and O(1).
 */
export function poisson(uniform: Uniform, mean: number): number {
  if (!(mean > 0)) return 0;
  if (mean < 10) {
    const limit = Math.exp(-mean);
    let k = 0;
    let product = uniform();
    while (product > limit) {
      k++;
      product *= uniform();
    }
    return k;
  }
  const slam = Math.sqrt(mean);
  const logLam = Math.log(mean);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = uniform() - 0.5;
    const v = uniform();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor((2 * a / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <= -mean + k * logLam - logFactorial(k)) {
      return k;
    }
  }
}

/**
 * Poisson variate by Knuth's product method, in chunks of mean <= 200 so e^(-mean) never
 * underflows (a sum of independent Poisson variates is Poisson). Exact, O(mean): for the small
 * per-period means of the throttle Monte Carlo, whose cached estimates are seeded draw by draw.
 */
export function poissonByProducts(u: Uniform, mean: number): number {
  let n = 0;
  let left = mean;
  while (left > 0) {
    const m = Math.min(left, 200);
    left -= m;
    // The Monte Carlo asks with one mean thousands of times in a row.
    if (m !== lastChunk) {
      lastChunk = m;
      lastLimit = Math.exp(-m);
    }
    const limit = lastLimit;
    let p = u();
    while (p > limit) {
      n++;
      p *= u();
    }
  }
  return n;
}

let lastChunk = NaN;
let lastLimit = NaN;

function logFactorial(k: number): number {
  if (k < 2) return 0;
  // Stirling series; exact enough (error < 1e-10) for k >= 2 when used in the PTRS acceptance test.
  if (k < 20) {
    let sum = 0;
    for (let i = 2; i <= k; i++) sum += Math.log(i);
    return sum;
  }
  const x = k + 1;
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x * x * x);
}
