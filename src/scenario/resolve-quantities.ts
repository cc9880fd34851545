import { nanosToMilli, nanosToUnits, parseQuantity } from '../quantities/quantity.js';
import { parseDuration } from '../quantities/duration.js';

// The schema has already checked every quantity and duration, so a parse failure here is a bug.

export function cpuMilli(value: string | number): number {
  const r = parseQuantity(value);
  if (!r.ok) throw new Error(`unchecked quantity ${String(value)}`);
  return nanosToMilli(r.nanos);
}

export function bytes(value: string | number): number {
  const r = parseQuantity(value);
  if (!r.ok) throw new Error(`unchecked quantity ${String(value)}`);
  return nanosToUnits(r.nanos);
}

export function milli(value: string | number): number {
  return cpuMilli(value);
}

export function ms(value: string | number): number {
  const r = parseDuration(value);
  if (!r.ok) throw new Error(`unchecked duration ${String(value)}`);
  return r.ms;
}

/** A duration in milliseconds with its fraction kept (CPU time per request). */
export function msExact(value: string | number): number {
  const r = parseDuration(value, { exact: true });
  if (!r.ok) throw new Error(`unchecked duration ${String(value)}`);
  return r.ms;
}

/** "20%" -> 0.2; 0.2 -> 0.2. */
export function fraction(value: string | number): number {
  return typeof value === 'number' ? value : Number(value.slice(0, -1)) / 100;
}
