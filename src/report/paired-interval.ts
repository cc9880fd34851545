/**
 * Confidence interval of the mean of paired differences (after - before, one pair per seed, both
 * runs of a pair on the same random load): Student's t interval, mean +- t(1 - a/2, n-1) s / sqrt(n).
 */
export interface Interval {
  readonly mean: number;
  readonly low: number;
  readonly high: number;
  /** Number of pairs. */
  readonly n: number;
  /** Sample standard deviation of the differences. */
  readonly sd: number;
}

export function pairedInterval(differences: readonly number[], confidence = 0.95): Interval {
  const n = differences.length;
  if (n === 0) return { mean: 0, low: 0, high: 0, n: 0, sd: 0 };
  const mean = differences.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { mean, low: mean, high: mean, n, sd: 0 };
  const variance = differences.reduce((a, d) => a + (d - mean) * (d - mean), 0) / (n - 1);
  const sd = Math.sqrt(variance);
  const half = studentT(1 - (1 - confidence) / 2, n - 1) * (sd / Math.sqrt(n));
  return { mean, low: mean - half, high: mean + half, n, sd };
}

/**
 * Quantile p of Student's t with `df` degrees of freedom: inverse of the regularized incomplete
 * beta function by bisection (exact to ~1e-10; df and p are small numbers here).
 */
export function studentT(p: number, df: number): number {
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentT(1 - p, df);
  let lo = 0;
  let hi = 1;
  while (tCdf(hi, df) < p) hi *= 2;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (tCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** CDF of Student's t: 1 - I_{df/(df+t^2)}(df/2, 1/2) / 2 for t >= 0. */
export function tCdf(t: number, df: number): number {
  const x = df / (df + t * t);
  const tail = 0.5 * regularizedBeta(x, df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/** Regularized incomplete beta I_x(a, b) by Lentz's continued fraction (Numerical Recipes 6.4). */
function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const lnFront = lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log(1 - x);
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(lnFront) * betaFraction(x, a, b)) / a;
  return 1 - (Math.exp(lnFront) * betaFraction(1 - x, b, a)) / b;
}

function betaFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-14) break;
  }
  return h;
}

/** ln Gamma by the Lanczos approximation (g = 7, n = 9), accurate to ~1e-15. */
function lnGamma(z: number): number {
  const g = 7;
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - lnGamma(1 - z);
  const x = z - 1;
  let a = c[0]!;
  const t = x + g + 0.5;
  for (let i = 1; i < g + 2; i++) a += c[i]! / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}
