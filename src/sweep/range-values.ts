import { LIMITS, overLimit, type LimitSpec } from '../scenario/limits.js';
import { RANGE_DECIMALS } from './defaults.js';

/**
 * The values of `{ from, to, step }` with both ends included when `to` lies on the step grid, each
 * followed by `suffix` when one is given ("m" turns 200 into "200m"). Values are `from + k * step`
 * rounded to RANGE_DECIMALS places, so float steps do not drift (0.1 + 0.2 is 0.3). Pure.
 */
export function rangeValues(from: number, to: number, step = 1, suffix = '', maxCount: LimitSpec = LIMITS.sweepPoints): { ok: true; values: (number | string)[] } | { ok: false; message: string } {
  if (!(step > 0)) return { ok: false, message: `step must be > 0 (got ${step})` };
  if (to < from) return { ok: false, message: `"to" (${to}) is below "from" (${from})` };
  // The tolerance keeps `to` when float division lands a hair below a whole count (0.3 / 0.1).
  const count = Math.floor((to - from) / step + 1e-9) + 1;
  // Counted before a single value is made: a typo such as --max 1e12 must not fill memory.
  if (!(count <= maxCount.value)) return { ok: false, message: `${count} values: ${overLimit(maxCount)}` };
  const values: (number | string)[] = [];
  for (let k = 0; k < count; k++) {
    const v = roundTo(from + k * step);
    values.push(suffix ? `${v}${suffix}` : v);
  }
  return { ok: true, values };
}

/** Rounds to RANGE_DECIMALS decimal places. */
export function roundTo(v: number): number {
  return Number(v.toFixed(RANGE_DECIMALS));
}
