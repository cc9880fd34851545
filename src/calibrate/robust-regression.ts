import { HUBER_K, IRLS_MAX_ITERATIONS, IRLS_TOLERANCE, MAD_TO_SIGMA, Z_95 } from './defaults.js';

/** A robust linear fit y ≈ X·β with per-coefficient 95 % intervals and fit figures. */
export interface RobustFit {
  readonly coefficients: readonly number[];
  readonly standardErrors: readonly number[];
  /** [low, high] per coefficient, 95 %. */
  readonly intervals: readonly (readonly [number, number])[];
  /** 1 − Σ residual² / Σ (y − ȳ)², on every point. */
  readonly rSquared: number;
  /** Robust residual scale (MAD / 0.6745), in y's unit. */
  readonly residualScale: number;
  /** Lag-1 autocorrelation of the residuals in point order (time series are rarely independent). */
  readonly residualAutocorrelation: number;
  /** Points whose final Huber weight is below 1 (pulled less than least squares would). */
  readonly downweighted: number;
  readonly points: number;
  readonly residuals: readonly number[];
}

/**
 * Huber M-estimation by iteratively reweighted least squares (Holland & Welsch 1977): residuals
 * beyond k robust standard deviations get weight k/|u|, so outliers (a GC storm, a batch job)
 * cannot drag the line. Standard errors are the M-estimator's sandwich (Huber 1967), widened by the
 * AR(1) factor (1 + ρ)/(1 − ρ) when the residuals are positively autocorrelated, since neighbouring
 * samples of a time series are not independent evidence. Null when X'WX is singular (a column
 * without variation) or there are no more points than coefficients.
 */
export function robustRegression(rows: readonly (readonly number[])[], y: readonly number[]): RobustFit | null {
  const n = rows.length;
  const p = rows[0]?.length ?? 0;
  if (n <= p || p === 0) return null;
  let beta = weightedLeastSquares(rows, y, new Array<number>(n).fill(1));
  if (!beta) return null;
  // Repeated identical points (idle pods reading the same whole 1 % sample after sample) count once
  // in the scale: as a majority they would set the MAD to their own residual, which the fit then
  // drives to zero, until every loaded point looked like an outlier and the intervals collapsed.
  const seen = new Set<string>();
  const distinct = rows.map((x, i) => i).filter((i) => {
    const key = `${rows[i]!.join(',')}|${y[i]}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  let scale = 0;
  let weights = new Array<number>(n).fill(1);
  for (let iter = 0; iter < IRLS_MAX_ITERATIONS; iter++) {
    const r = residualsOf(rows, y, beta);
    scale = madScale(distinct.map((i) => r[i]!));
    if (scale === 0) break;
    weights = r.map((ri) => huberWeight(ri / scale));
    const next = weightedLeastSquares(rows, y, weights);
    if (!next) return null;
    const moved = next.some((b, j) => Math.abs(b - beta![j]!) > IRLS_TOLERANCE * Math.max(1e-12, Math.abs(b)));
    beta = next;
    if (!moved) break;
  }
  const residuals = residualsOf(rows, y, beta);
  if (scale === 0) scale = madScale(distinct.map((i) => residuals[i]!));
  const covariance = sandwich(rows, residuals, scale);
  if (!covariance) return null;
  const rho = lag1Autocorrelation(residuals);
  const inflation = rho > 0 ? (1 + rho) / (1 - rho) : 1;
  const standardErrors = covariance.map((row, j) => Math.sqrt(Math.max(0, row[j]! * inflation)));
  const mean = y.reduce((a, b) => a + b, 0) / n;
  const total = y.reduce((a, b) => a + (b - mean) ** 2, 0);
  const sse = residuals.reduce((a, b) => a + b * b, 0);
  return {
    coefficients: beta,
    standardErrors,
    intervals: beta.map((b, j) => [b - Z_95 * standardErrors[j]!, b + Z_95 * standardErrors[j]!] as const),
    rSquared: total > 0 ? 1 - sse / total : 0,
    residualScale: scale,
    residualAutocorrelation: rho,
    downweighted: scale > 0 ? residuals.filter((r) => Math.abs(r / scale) > HUBER_K).length : 0,
    points: n,
    residuals,
  };
}

function huberWeight(u: number): number {
  const a = Math.abs(u);
  return a <= HUBER_K ? 1 : HUBER_K / a;
}

function residualsOf(rows: readonly (readonly number[])[], y: readonly number[], beta: readonly number[]): number[] {
  return rows.map((x, i) => y[i]! - x.reduce((s, xj, j) => s + xj * beta[j]!, 0));
}

/**
 * Robust scale: MAD / 0.6745; when more than half the residuals are zero, the mean absolute
 * residual times sqrt(π/2) (the same normal-consistent scale), so the intervals do not collapse.
 */
function madScale(r: readonly number[]): number {
  const abs = r.map(Math.abs).sort((a, b) => a - b);
  const mid = abs.length >> 1;
  const median = abs.length % 2 ? abs[mid]! : (abs[mid - 1]! + abs[mid]!) / 2;
  if (median > 0) return median * MAD_TO_SIGMA;
  return (abs.reduce((a, b) => a + b, 0) / Math.max(1, abs.length)) * Math.sqrt(Math.PI / 2);
}

function weightedLeastSquares(rows: readonly (readonly number[])[], y: readonly number[], w: readonly number[]): number[] | null {
  const p = rows[0]!.length;
  const a = zeros(p);
  const b = new Array<number>(p).fill(0);
  rows.forEach((x, i) => {
    for (let j = 0; j < p; j++) {
      b[j]! += w[i]! * x[j]! * y[i]!;
      for (let k = 0; k < p; k++) a[j]![k]! += w[i]! * x[j]! * x[k]!;
    }
  });
  return solve(a, b);
}

/**
 * Cov(β) = A⁻¹ B A⁻¹ · n/(n − p) with A = Σ ψ'(u) x xᵀ and B = Σ (s ψ(u))² x xᵀ (Huber 1967;
 * the n/(n − p) small-sample factor as in HC1).
 */
function sandwich(rows: readonly (readonly number[])[], residuals: readonly number[], scale: number): number[][] | null {
  const n = rows.length;
  const p = rows[0]!.length;
  const a = zeros(p);
  const b = zeros(p);
  rows.forEach((x, i) => {
    const u = scale > 0 ? residuals[i]! / scale : 0;
    const inside = Math.abs(u) <= HUBER_K;
    const psi = scale * Math.max(-HUBER_K, Math.min(HUBER_K, u));
    for (let j = 0; j < p; j++) {
      for (let k = 0; k < p; k++) {
        if (inside) a[j]![k]! += x[j]! * x[k]!;
        b[j]![k]! += psi * psi * x[j]! * x[k]!;
      }
    }
  });
  const aInv = invert(a);
  if (!aInv) return null;
  const m = multiply(multiply(aInv, b), aInv);
  return m.map((row) => row.map((v) => (v * n) / (n - p)));
}

function lag1Autocorrelation(r: readonly number[]): number {
  const n = r.length;
  const mean = r.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    den += (r[i]! - mean) ** 2;
    if (i > 0) num += (r[i]! - mean) * (r[i - 1]! - mean);
  }
  return den > 0 ? Math.max(-0.99, Math.min(0.99, num / den)) : 0;
}

function zeros(p: number): number[][] {
  return Array.from({ length: p }, () => new Array<number>(p).fill(0));
}

function multiply(a: readonly (readonly number[])[], b: readonly (readonly number[])[]): number[][] {
  return a.map((row) => b[0]!.map((_, k) => row.reduce((s, v, j) => s + v * b[j]![k]!, 0)));
}

/** Gauss–Jordan with partial pivoting; null when singular (relative to the matrix's size). */
function invert(m: readonly (readonly number[])[]): number[][] | null {
  const p = m.length;
  const aug = m.map((row, i) => [...row, ...row.map((_, j) => (i === j ? 1 : 0))]);
  const size = Math.max(...m.flat().map(Math.abs), 0);
  for (let c = 0; c < p; c++) {
    let pivot = c;
    for (let r = c + 1; r < p; r++) if (Math.abs(aug[r]![c]!) > Math.abs(aug[pivot]![c]!)) pivot = r;
    if (Math.abs(aug[pivot]![c]!) <= size * 1e-12) return null;
    [aug[c], aug[pivot]] = [aug[pivot]!, aug[c]!];
    const d = aug[c]![c]!;
    for (let k = 0; k < 2 * p; k++) aug[c]![k]! /= d;
    for (let r = 0; r < p; r++) {
      if (r === c) continue;
      const f = aug[r]![c]!;
      for (let k = 0; k < 2 * p; k++) aug[r]![k]! -= f * aug[c]![k]!;
    }
  }
  return aug.map((row) => row.slice(p));
}

function solve(a: readonly (readonly number[])[], b: readonly number[]): number[] | null {
  const inv = invert(a);
  return inv ? inv.map((row) => row.reduce((s, v, j) => s + v * b[j]!, 0)) : null;
}
