import { InternalError } from '../../engine/errors.js';

/**
 * A quantity in milli-units as the exact integer the controller works with: non-integers are
 * rounded up, as `resource.Quantity.MilliValue()` does. BigInt keeps sums of milli-bytes exact
 * where float64 would not (Σ × 100 passes 2^53 quickly for memory).
 *
 * `what` names the value for the error ("cpu sample"), and `pod` the pod it belongs to. They are
 * separate so that the message is built only for a bad value: the controller converts every
 * pod's sample and request at every sync.
 */
export function toMilli(value: number, what: string, pod?: string): bigint {
  if (!Number.isFinite(value)) {
    const of = pod === undefined ? '' : ` of pod ${pod}`;
    throw new InternalError(`HPA model: ${what}${of} is not a finite number: ${value}`);
  }
  return BigInt(Math.ceil(value));
}
