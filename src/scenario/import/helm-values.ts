import type { YamlSource } from '../yaml-source.js';
import { pathToString } from '../problem.js';
import { isObject } from './manifest-documents.js';
import type { Origin } from './origins.js';
import type { FieldOrigin } from './import-manifests.js';

type Path = readonly (string | number)[];

/**
 * Where a chart keeps each workload setting: scenario field -> dotted path in the values. These
 * are the keys of the chart `helm create` scaffolds (helm/helm pkg/chart/v2/util/create.go:
 * values.yaml, deployment.yaml, hpa.yaml); a scenario's `helm.mapping` overrides any of them.
 */
export const HELM_CREATE_MAPPING = {
  replicas: 'replicaCount',
  resources: 'resources',
  'resources.requests.cpu': '',
  'resources.requests.memory': '',
  'resources.limits.cpu': '',
  'resources.limits.memory': '',
  'hpa.enabled': 'autoscaling.enabled',
  'hpa.minReplicas': 'autoscaling.minReplicas',
  'hpa.maxReplicas': 'autoscaling.maxReplicas',
  'hpa.targetCPUUtilizationPercentage': 'autoscaling.targetCPUUtilizationPercentage',
  'hpa.targetMemoryUtilizationPercentage': 'autoscaling.targetMemoryUtilizationPercentage',
  nodeSelector: 'nodeSelector',
  tolerations: 'tolerations',
  affinity: 'affinity',
} as const;

/**
 * Merges values files as `helm -f a.yaml -f b.yaml` does (chartutil CoalesceTables): maps merge
 * key by key, a later file wins, `null` deletes a key, lists and scalars are replaced whole.
 */
export function mergeValues(base: unknown, override: unknown): unknown {
  if (!isObject(base) || !isObject(override)) return override;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(override)) {
    if (v === null) delete out[k];
    else out[k] = mergeValues(base[k], v);
  }
  return out;
}

/** Workload fields read from merged values, with the values-file field each one came from. */
export interface HelmWorkloadFields {
  readonly fields: Record<string, unknown>;
  readonly origins: FieldOrigin[];
  /** The `affinity` value, when the mapping finds one (kept as placement data). */
  readonly affinity: Record<string, unknown> | null;
  /** The chart root (or the file start) in the last values file, for whole-workload messages. */
  readonly root: Origin;
  /** Problems found in the values. */
  readonly notes: { readonly at: Origin; readonly message: string; readonly severity: 'error' | 'warning' }[];
}

/**
 * Reads a workload's settings from Helm values files (later files override earlier ones) through
 * a mapping. As the `helm create` templates do: `replicas` is left to the HPA when autoscaling is
 * enabled, the HPA exists only when `hpa.enabled` is truthy, and each target utilization becomes a
 * Resource metric only when truthy (Go template `if`).
 */
export function helmWorkloadFields(sources: readonly YamlSource[], mapping: Readonly<Record<string, string>>, root = ''): HelmWorkloadFields {
  const values = sources.reduce<unknown>((acc, s) => mergeValues(acc, s.value ?? {}), {});
  const rootPath = root ? root.split('.') : [];
  const fields: Record<string, unknown> = {};
  const origins: FieldOrigin[] = [];
  const notes: HelmWorkloadFields['notes'] = [];
  const pathOf = (target: string): string[] | null => {
    const dotted = mapping[target] ?? '';
    return dotted ? [...rootPath, ...dotted.split('.')] : null;
  };
  const read = (target: string): { value: unknown; origin: Origin } | null => {
    const path = pathOf(target);
    if (!path) return null;
    const value = valueAt(values, path);
    return value === undefined || value === null ? null : { value, origin: valuesOrigin(sources, path) };
  };
  const set = (field: string[], value: unknown, origin: Origin): void => {
    let obj = fields;
    for (const k of field.slice(0, -1)) obj = (obj[k] = isObject(obj[k]) ? obj[k] : {}) as Record<string, unknown>;
    obj[field[field.length - 1]!] = value;
    origins.push({ field, origin });
  };
  const enabled = read('hpa.enabled');
  const autoscaling = enabled !== null && truthy(enabled.value);
  const replicas = read('replicas');
  if (replicas && !autoscaling) set(['replicas'], replicas.value, replicas.origin);
  const resources = read('resources');
  if (resources) {
    if (!isObject(resources.value)) notes.push({ at: resources.origin, message: 'resources must be a map with requests and limits', severity: 'error' });
    else {
      const kept = pick(resources.value, ['requests', 'limits']);
      for (const side of ['requests', 'limits'] as const) if (isObject(kept[side])) kept[side] = pick(kept[side], ['cpu', 'memory']);
      set(['resources'], kept, resources.origin);
    }
  }
  for (const leaf of ['resources.requests.cpu', 'resources.requests.memory', 'resources.limits.cpu', 'resources.limits.memory']) {
    const v = read(leaf);
    if (v) set(leaf.split('.'), v.value, v.origin);
  }
  if (autoscaling) {
    const at = enabled!.origin;
    set(['hpa'], {}, at);
    for (const k of ['minReplicas', 'maxReplicas']) {
      const v = read(`hpa.${k}`);
      if (v) set(['hpa', k], v.value, v.origin);
      else if (k === 'maxReplicas') notes.push({ at, message: `autoscaling is enabled but ${pathOf('hpa.maxReplicas')?.join('.') ?? 'hpa.maxReplicas'} is not set (the rendered HPA would be invalid)`, severity: 'error' });
    }
    const metrics: unknown[] = [];
    for (const [key, name] of [['hpa.targetCPUUtilizationPercentage', 'cpu'], ['hpa.targetMemoryUtilizationPercentage', 'memory']] as const) {
      const v = read(key);
      if (!v || !truthy(v.value)) continue;
      origins.push({ field: ['hpa', 'metrics', metrics.length], origin: valuesOrigin(sources, pathOf(key)!, false) });
      metrics.push({ type: 'Resource', resource: { name, target: { type: 'Utilization', averageUtilization: v.value } } });
    }
    if (metrics.length > 0) (fields.hpa as Record<string, unknown>).metrics = metrics;
  }
  for (const target of ['nodeSelector', 'tolerations'] as const) {
    const v = read(target);
    if (v && (Array.isArray(v.value) ? v.value.length > 0 : isObject(v.value) && Object.keys(v.value).length > 0)) set([target], v.value, v.origin);
  }
  const affinity = read('affinity');
  return { fields, origins, root: valuesOrigin(sources, rootPath, false), affinity: affinity && isObject(affinity.value) && Object.keys(affinity.value).length > 0 ? affinity.value : null, notes };
}

/** Go template truthiness: false, 0, "", empty collections and nil are false. */
function truthy(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0;
  if (isObject(v)) return Object.keys(v).length > 0;
  return v !== false && v !== 0 && v !== '' && v !== null && v !== undefined;
}

function pick(obj: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(obj).filter(([k]) => keys.includes(k)));
}

function valueAt(root: unknown, path: Path): unknown {
  let v = root;
  for (const k of path) v = isObject(v) ? v[String(k)] : undefined;
  return v;
}

/** Locates a values path in the last file that sets it (the one Helm would use). */
function valuesOrigin(sources: readonly YamlSource[], base: Path, exact = true): Origin {
  const owner = (path: Path): YamlSource => [...sources].reverse().find((s) => s.has(path)) ?? sources[sources.length - 1]!;
  return {
    locate: (rest) => {
      const path = exact ? [...base, ...rest] : base;
      const source = owner(path).has(path) ? owner(path) : owner(base);
      return { file: source.file, ...source.locate(path) };
    },
    describe: (restText) => `${pathToString(base)}${exact ? restText : ''}`,
  };
}
