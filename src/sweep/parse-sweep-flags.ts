import { parse as parseYaml } from 'yaml';
import { rangeValues } from './range-values.js';
import type { GridParameter, RandomParameter } from './types.js';

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * `--param path=10,15,20` (values read as YAML scalars: 10 is a number, 500m a string) or
 * `--param path=10..40` / `path=10..40:5` (an inclusive range with a step, default 1).
 */
export function parseGridFlag(text: string): Parsed<GridParameter> {
  const split = splitFlag(text, '--param');
  if (!split.ok) return split;
  const { path, spec } = split.value;
  const range = /^(-?[\d.]+)\.\.(-?[\d.]+)(?::([\d.]+))?$/.exec(spec);
  if (range) {
    const r = rangeValues(Number(range[1]), Number(range[2]), range[3] !== undefined ? Number(range[3]) : 1);
    return r.ok ? { ok: true, value: { path, values: r.values } } : { ok: false, message: `--param ${text}: ${r.message}` };
  }
  return { ok: true, value: { path, values: spec.split(',').map(scalar) } };
}

/**
 * `--range path=50..90` (uniform; whole numbers when both ends are written without a decimal
 * point) or `--range path=200m,500m,1` (a uniform choice among the values).
 */
export function parseRangeFlag(text: string): Parsed<RandomParameter> {
  const split = splitFlag(text, '--range');
  if (!split.ok) return split;
  const { path, spec } = split.value;
  const range = /^(-?[\d.]+)\.\.(-?[\d.]+)$/.exec(spec);
  if (range) {
    const [min, max] = [Number(range[1]), Number(range[2])];
    if (!(Number.isFinite(min) && Number.isFinite(max)) || max < min) return { ok: false, message: `--range ${text}: expected min..max with min <= max` };
    const integer = !range[1]!.includes('.') && !range[2]!.includes('.');
    return { ok: true, value: { path, range: { kind: 'uniform', min, max, integer, suffix: '' } } };
  }
  return { ok: true, value: { path, range: { kind: 'choice', values: spec.split(',').map(scalar) } } };
}

function splitFlag(text: string, flag: string): Parsed<{ path: string; spec: string }> {
  const at = text.indexOf('=');
  if (at <= 0 || at === text.length - 1) return { ok: false, message: `${flag} expects path=values, e.g. ${flag} workloads.payments.hpa.maxReplicas=10,15,20 (got "${text}")` };
  return { ok: true, value: { path: text.slice(0, at).trim(), spec: text.slice(at + 1).trim() } };
}

/** One value as YAML reads it: 10 -> number, 500m -> "500m", true -> boolean. */
function scalar(text: string): unknown {
  try {
    return parseYaml(text.trim()) as unknown;
  } catch {
    return text.trim();
  }
}
