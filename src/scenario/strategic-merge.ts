/**
 * A strategic-merge patch as `kubectl patch --type strategic` applies one, reduced to what scenario
 * files need: objects merge key by key, `null` removes a key, lists whose items all carry a `name`
 * merge item by item on that name (as containers merge in a Pod spec), and an item
 * `{ name: x, $patch: delete }` removes the item named x (the strategic-merge directive); any other
 * list is replaced.
 */
export const PATCH_DIRECTIVE = '$patch';

export function strategicMerge(base: unknown, patch: unknown): unknown {
  if (patch === null) return undefined;
  if (isPlainObject(base) && isPlainObject(patch)) {
    const out: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(patch)) {
      const merged = strategicMerge(base[key], value);
      if (merged === undefined) delete out[key];
      else out[key] = merged;
    }
    return out;
  }
  if (isNamedList(base) && isNamedList(patch)) {
    const out = base.map((item) => ({ ...item }) as Record<string, unknown>);
    for (const item of patch) {
      const at = out.findIndex((existing) => existing.name === item.name);
      if (item[PATCH_DIRECTIVE] === 'delete') {
        if (at >= 0) out.splice(at, 1);
      } else if (at >= 0) out[at] = strategicMerge(out[at], item) as Record<string, unknown>;
      else out.push(item);
    }
    return out;
  }
  return patch;
}

/**
 * The path inside the patch that produced `mergedPath` of the merged value, or null when that part
 * of the merged value comes from the base. Lists merged by name are followed through the names.
 */
export function patchPathFor(mergedPath: readonly (string | number)[], merged: unknown, patch: unknown): (string | number)[] | null {
  const out: (string | number)[] = [];
  let m: unknown = merged;
  let p: unknown = patch;
  for (const segment of mergedPath) {
    if (typeof segment === 'number' && Array.isArray(m) && Array.isArray(p)) {
      const item = m[segment] as unknown;
      if (isNamedList(p) && isPlainObject(item)) {
        const at = p.findIndex((candidate) => candidate.name === item.name);
        if (at < 0) return null;
        out.push(at);
        m = item;
        p = p[at];
        continue;
      }
      if (segment >= p.length) return null;
      out.push(segment);
      m = item;
      p = p[segment];
      continue;
    }
    // The patch replaced this whole subtree with a scalar or a list: the problem is in the patch.
    if (!isPlainObject(p)) return out.length > 0 ? out : null;
    if (!(String(segment) in p)) return null;
    out.push(segment);
    m = isPlainObject(m) ? m[String(segment)] : undefined;
    p = p[String(segment)];
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNamedList(value: unknown): value is Record<string, unknown>[] {
  return Array.isArray(value) && value.length > 0 && value.every((item) => isPlainObject(item) && typeof item.name === 'string');
}
