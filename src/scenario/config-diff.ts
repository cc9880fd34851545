/** One field that differs between the before and the after configuration. */
export interface ChangedField {
  /** Path with named list items by name: `workloads.payments.hpa.maxReplicas`. */
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
}

/** Leaf-by-leaf difference of two resolved configurations, lists of named items matched by name. */
export function diffConfigs(before: unknown, after: unknown): ChangedField[] {
  const a = flatten(before);
  const b = flatten(after);
  const out: ChangedField[] = [];
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    // A field absent on one side and null on the other is the same "not set".
    const x = a.get(key) ?? null;
    const y = b.get(key) ?? null;
    if (JSON.stringify(x) !== JSON.stringify(y)) out.push({ path: key, before: x, after: y });
  }
  return out;
}

function flatten(value: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (Array.isArray(value)) {
    const named = value.length > 0 && value.every((v) => typeof v === 'object' && v !== null && typeof (v as { name?: unknown }).name === 'string');
    if (!named) {
      out.set(prefix, value);
      return out;
    }
    for (const item of value) flatten(item, `${prefix}.${(item as { name: string }).name}`, out);
    return out;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) if (k !== 'name' || !prefix) flatten(v, prefix ? `${prefix}.${k}` : k, out);
    return out;
  }
  out.set(prefix, value);
  return out;
}

/**
 * The change between two configurations: changed fields, with one field per workload that only one
 * side has (`workloads.<name>`: added or removed) instead of one per leaf.
 */
export function diffScenarios(before: { readonly workloads: readonly { readonly name: string }[] }, after: { readonly workloads: readonly { readonly name: string }[] }): { fields: ChangedField[]; added: string[]; removed: string[] } {
  const b = new Set(before.workloads.map((w) => w.name));
  const a = new Set(after.workloads.map((w) => w.name));
  const added = [...a].filter((n) => !b.has(n));
  const removed = [...b].filter((n) => !a.has(n));
  const whole = new Set([...added, ...removed]);
  const containerOnOneSide = new Set<string>();
  const containerChanges: ChangedField[] = [];
  for (const w of after.workloads) {
    const old = before.workloads.find((x) => x.name === w.name);
    if (!old) continue;
    const was = containerNames(old);
    const is = containerNames(w);
    if (was.length <= 1 && is.length <= 1) continue;
    for (const c of is.filter((n) => !was.includes(n))) containerChanges.push({ path: `workloads.${w.name}.containers.${c}`, before: null, after: 'added' });
    for (const c of was.filter((n) => !is.includes(n))) containerChanges.push({ path: `workloads.${w.name}.containers.${c}`, before: 'present', after: 'removed' });
  }
  for (const f of containerChanges) containerOnOneSide.add(f.path.replace(/^workloads\./, '').replace('.containers.', '.'));
  // A one-container pod's container repeats the workload's own fields: report those once, at the
  // workload. A pod with several containers (on either side) is reported per container, and its
  // pod totals and serving-container terms, derived from the containers, are left out.
  const multi = new Set([...before.workloads, ...after.workloads].filter((w) => containerNames(w).length > 1).map((w) => w.name));
  const fields = diffConfigs(before, after).filter((f) => {
    const m = /^workloads\.([^.]+)\.(containers\.)?([^.]+)?/.exec(f.path);
    const name = m?.[1] ?? '';
    if (whole.has(name)) return false;
    if (m?.[2] !== undefined) return multi.has(name) && !containerOnOneSide.has(`${name}.${m[3]}`);
    return !(multi.has(name) && DERIVED.has(m?.[3] ?? ''));
  });
  fields.push(...containerChanges);
  for (const name of added) fields.push({ path: `workloads.${name}`, before: null, after: 'added' });
  for (const name of removed) fields.push({ path: `workloads.${name}`, before: 'present', after: 'removed' });
  return { fields, added, removed };
}

/** Workload fields computed from its containers (pod totals, the serving container's terms). */
const DERIVED = new Set(['requests', 'limits', 'cpuPerRequestMs', 'cpuPerRequestCv', 'fanout', 'workerThreads', 'idleCpuMilli', 'memoryUsageBytes']);

function containerNames(w: { readonly name: string }): string[] {
  const c = (w as { readonly containers?: readonly { readonly name?: unknown }[] }).containers;
  return c ? c.map((x) => String(x.name)) : [];
}
