/**
 * The per-request CPU cost distribution of the CPU model (fixed, exponential or log-normal with a
 * coefficient of variation), drawn through the engine's variates.
 */
import { exponential, lognormal, type Uniform } from '../../engine/distributions.js';

/** Per-request CPU distribution: fixed, exponential, or lognormal with a coefficient of variation. */
export type CpuDist = 'fixed' | 'exp' | 'lognormal';

/** One request's CPU (same unit as `mean`) from `dist`; `cv` is used by lognormal only (the mean is preserved). */
export function sampleCpu(u: Uniform, dist: CpuDist, mean: number, cv: number): number {
  if (dist === 'fixed' || mean <= 0) return mean;
  if (dist === 'exp') return exponential(u, mean);
  return lognormal(u, mean, cv);
}

/** Squared coefficient of variation of a CPU distribution (fixed 0, exp 1, lognormal cv²). */
export function cpuCv2(dist: CpuDist, cv: number): number {
  return dist === 'fixed' ? 0 : dist === 'exp' ? 1 : cv * cv;
}

/** A number for each distribution, for numeric keys (0 fixed, 1 exp, 2 lognormal). */
export function cpuDistCode(dist: CpuDist): number {
  return dist === 'fixed' ? 0 : dist === 'exp' ? 1 : 2;
}

/** The distribution a {@link cpuDistCode} names; null for any other number. */
export function cpuDistOfCode(code: number): CpuDist | null {
  return code === 0 ? 'fixed' : code === 1 ? 'exp' : code === 2 ? 'lognormal' : null;
}
