import { InternalError } from '../../engine/errors.js';

/**
 * A quantity in milli-units as the exact integer the controller works with: non-integers are
 * rounded up, as `resource.Quantity.MilliValue()` does. BigInt keeps sums of milli-bytes exact
 * where float64 would not (Σ × 100 passes 2^53 quickly for memory).
 */
export function toMilli(value: number, what: string): bigint {
  if (!Number.isFinite(value)) throw new InternalError(`HPA model: ${what} is not a finite number: ${value}`);
  return BigInt(Math.ceil(value));
}

/**
 * {@link toMilli} of a value of pod `pod`; `what` names it ("cpu sample"). The message is built
 * only when the value is bad: the controller converts every pod's sample and request each sync.
 */
export function podMilli(value: number, what: string, pod: string | undefined): bigint {
  if (!Number.isFinite(value)) throw new InternalError(`HPA model: ${what} of pod ${pod} is not a finite number: ${value}`);
  return BigInt(Math.ceil(value));
}
