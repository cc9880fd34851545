import { strategicMerge } from '../scenario/strategic-merge.js';
import { didYouMean } from '../scenario/did-you-mean.js';

/** A patch on `spec`, or why the path does not lead anywhere in it. */
export type PatchResult = { readonly ok: true; readonly patch: Record<string, unknown> } | { readonly ok: false; readonly message: string; readonly hint?: string };

/**
 * Splits `workloads.payments.hpa.maxReplicas` or `workloads[payments.v2].hpa` into segments; a
 * bracketed segment may hold dots (names are DNS-1123 and may).
 */
export function parsePath(path: string): string[] | null {
  const segments: string[] = [];
  let i = 0;
  while (i < path.length) {
    let segment: string;
    if (path[i] === '[') {
      const close = path.indexOf(']', i);
      if (close < 0) return null;
      segment = path.slice(i + 1, close);
      i = close + 1;
    } else {
      let j = i;
      while (j < path.length && path[j] !== '.' && path[j] !== '[') j++;
      segment = path.slice(i, j);
      i = j;
    }
    if (segment === '' || segment.includes(']')) return null;
    segments.push(segment);
    if (path[i] === '.') {
      i++;
      if (i === path.length) return null;
    }
  }
  return segments.length > 0 ? segments : null;
}

/**
 * The strategic-merge patch on `spec` that sets the field at `path` to `value`, shaped by `base`
 * (the written spec it will be applied to): a list of named items (workloads, nodePools) is
 * entered by name and patched as `[{ name, ...}]`, which strategicMerge merges by name; a list
 * without names is entered by index and, since strategic merge replaces such lists, the patch
 * carries the whole list with that one item changed. Pure.
 */
export function pathToPatch(path: string, value: unknown, base: unknown): PatchResult {
  const segments = parsePath(path);
  if (!segments) return { ok: false, message: `"${path}" is not a field path`, hint: 'write it as workloads.payments.hpa.maxReplicas (named list items by name)' };
  const built = patchAt(segments, 0, value, base, []);
  if (!built.ok) return built;
  return { ok: true, patch: built.patch as Record<string, unknown> };
}

/** Patches for several paths, each shaped by the base with the previous ones applied (two paths into one list keep both). */
export function pathsToPatches(values: Readonly<Record<string, unknown>>, base: unknown): { ok: true; patches: Record<string, unknown>[] } | { ok: false; path: string; message: string; hint?: string } {
  const patches: Record<string, unknown>[] = [];
  let current = base;
  for (const [path, value] of Object.entries(values)) {
    const r = pathToPatch(path, value, current);
    if (!r.ok) return { ...r, path };
    patches.push(r.patch);
    current = strategicMerge(current, r.patch);
  }
  return { ok: true, patches };
}

type Built = { ok: true; patch: unknown } | { ok: false; message: string; hint?: string };

function patchAt(segments: readonly string[], at: number, value: unknown, base: unknown, trail: readonly string[]): Built {
  if (at === segments.length) return { ok: true, patch: value };
  const segment = segments[at]!;
  const where = trail.length ? trail.join('.') : 'spec';
  if (isNamedList(base)) {
    // A dotted name (payments.v2) written without brackets: take the longest run of segments that names an item.
    for (let end = segments.length; end > at; end--) {
      const name = segments.slice(at, end).join('.');
      const item = base.find((i) => i.name === name);
      if (!item) continue;
      if (end === segments.length) return { ok: false, message: `${where}.${name} is a whole list item; name one of its fields` };
      const inner = patchAt(segments, end, value, item, [...trail, name]);
      return inner.ok ? { ok: true, patch: [{ name, ...(inner.patch as Record<string, unknown>) }] } : inner;
    }
    const names = base.map((i) => String(i.name));
    const suggestion = didYouMean(segment, names);
    return { ok: false, message: `${where} has no item named "${segment}"`, hint: suggestion ? `did you mean "${suggestion}"?` : `items: ${names.join(', ')}` };
  }
  if (Array.isArray(base)) {
    const index = /^\d+$/.test(segment) ? Number(segment) : NaN;
    if (!(index < base.length)) return { ok: false, message: `${where} is a list of ${base.length} item(s); "${segment}" is not an index in it` };
    return setIn(base, segments.slice(at), value, trail);
  }
  if (base !== undefined && base !== null && !isPlainObject(base)) return { ok: false, message: `${where} is a value (${JSON.stringify(base)}), it has no field "${segment}"` };
  const inner = patchAt(segments, at + 1, value, isPlainObject(base) ? base[segment] : undefined, [...trail, segment]);
  return inner.ok ? { ok: true, patch: { [segment]: inner.patch } } : inner;
}

/** A copy of `base` with the value at `segments` replaced (for lists that merge as a whole). */
function setIn(base: unknown, segments: readonly string[], value: unknown, trail: readonly string[]): Built {
  if (segments.length === 0) return { ok: true, patch: value };
  const [segment, ...rest] = segments as [string, ...string[]];
  if (Array.isArray(base)) {
    const index = /^\d+$/.test(segment) ? Number(segment) : NaN;
    if (!(index < base.length)) return { ok: false, message: `${trail.join('.') || 'spec'} is a list of ${base.length} item(s); "${segment}" is not an index in it` };
    const inner = setIn(base[index], rest, value, [...trail, segment]);
    return inner.ok ? { ok: true, patch: base.map((item, i) => (i === index ? inner.patch : item)) } : inner;
  }
  if (base !== undefined && base !== null && !isPlainObject(base)) return { ok: false, message: `${trail.join('.')} is a value (${JSON.stringify(base)}), it has no field "${segment}"` };
  const object = isPlainObject(base) ? base : {};
  const inner = setIn(object[segment], rest, value, [...trail, segment]);
  return inner.ok ? { ok: true, patch: { ...object, [segment]: inner.patch } } : inner;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNamedList(value: unknown): value is Record<string, unknown>[] {
  return Array.isArray(value) && value.length > 0 && value.every((item) => isPlainObject(item) && typeof item.name === 'string');
}
