/**
 * Random variates for the CPU model, drawn from an injected uniform source (house style: no
 * Math.random). Used by the throttle Monte Carlo and the fluid node-case model.
 */

/** Uniform [0, 1) source, e.g. a `seedrandom` PRNG. */
export type Uniform = () => number;

/** Per-request CPU distribution: fixed, exponential, or lognormal with a coefficient of variation. */
export type CpuDist = 'fixed' | 'exp' | 'lognormal';

/** Exponential variate with the given mean. */
export function sampleExp(rng: Uniform, mean: number): number {
  return -mean * Math.log(1 - rng());
}

/** Standard normal variate (Box–Muller, one of the pair). */
export function sampleStdNormal(rng: Uniform): number {
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * Poisson variate. Knuth's product method in chunks of mean ≤ 200 so e^(−mean) never underflows;
 * the sum of independent Poisson variates is Poisson.
 */
export function samplePoisson(rng: Uniform, mean: number): number {
  let n = 0;
  let left = mean;
  while (left > 0) {
    const m = Math.min(left, 200);
    left -= m;
    const limit = Math.exp(-m);
    let p = rng();
    while (p > limit) {
      n++;
      p *= rng();
    }
  }
  return n;
}

/**
 * One request's CPU (same unit as `mean`) from `dist`; `cv` is used by lognormal only
 * (σ² = ln(1 + cv²), μ = ln(mean) − σ²/2, so the mean is preserved).
 */
export function sampleCpu(rng: Uniform, dist: CpuDist, mean: number, cv: number): number {
  if (dist === 'fixed' || mean <= 0) return mean;
  if (dist === 'exp') return sampleExp(rng, mean);
  const s2 = Math.log(1 + cv * cv);
  return Math.exp(Math.log(mean) - s2 / 2 + Math.sqrt(s2) * sampleStdNormal(rng));
}

/** Squared coefficient of variation of a CPU distribution (fixed 0, exp 1, lognormal cv²). */
export function cpuCv2(dist: CpuDist, cv: number): number {
  return dist === 'fixed' ? 0 : dist === 'exp' ? 1 : cv * cv;
}
