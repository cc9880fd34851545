/**
 * Deterministic JSON: keys in insertion order (the result builders fix it), numbers rounded to 6
 * significant digits so the file reads well and does not depend on the last bits of floating
 * point, NaN and Infinity written as null (never as invalid JSON).
 */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, replacer, 2)}\n`;
}

function replacer(_key: string, v: unknown): unknown {
  if (typeof v !== 'number') return v;
  if (!Number.isFinite(v)) return null;
  if (Number.isInteger(v)) return v;
  return Number(v.toPrecision(6));
}
