import type { Problem } from '../problem.js';
import type { PathProblem } from '../resolve-context.js';
import { strategicMerge } from '../strategic-merge.js';
import { didYouMean } from '../did-you-mean.js';
import { parseYamlSource, type YamlSource } from '../yaml-source.js';
import { DEFAULT_NAMESPACE } from '../defaults.js';
import { join } from 'node:path';
import { cannotRead, inputPath, isManifestFile, type InputReader } from './input-files.js';
import { isObject, parseManifestText, type ManifestObject } from './manifest-documents.js';
import { importManifests, type FieldOrigin } from './import-manifests.js';
import { placementOf, writtenNodeAffinity, writtenPodAffinity, type ImportedContainer, type PlacementInputs } from './import-pod-template.js';
import { HELM_CREATE_MAPPING, helmWorkloadFields } from './helm-values.js';
import { attachHpa } from './attach-hpa.js';
import { Origins, pinOrigin, type Origin } from './origins.js';
import { expandRecordedLoad } from './expand-recorded-load.js';
import { limitRangeContainerDefaults, type ContainerDefaults, type ResourceValues } from './pod-resources.js';
import { bytes, cpuMilli } from '../resolve-quantities.js';
import { parseQuantity } from '../../quantities/quantity.js';
import { DEFAULT_LIMITS, type Limits } from '../limits.js';

type Path = readonly (string | number)[];
type Obj = Record<string, unknown>;

export type { InputReader };

/** What the imports carry beside the written spec: the files read, and placement and containers by workload as imported. */
export interface ImportedInputs {
  /** Every input file read (manifests, values, recordings), absolute paths. */
  readonly files: readonly string[];
  /** Node affinity, pod (anti-)affinity and topology spread by workload name. */
  readonly placement: Readonly<Record<string, PlacementInputs>>;
  /** Containers of the imported workloads as Kubernetes' rules resolved them, by workload name. */
  readonly containers?: Readonly<Record<string, readonly ImportedContainer[]>>;
}

export interface ExpandedSpec {
  /** The written spec with imported workloads, Helm values and recordings filled in. */
  readonly spec: Obj;
  /** Which expanded paths came from which input file. */
  readonly origins: Origins;
  /** Problems located in input files. */
  readonly problems: Problem[];
  /** Problems at scenario paths, for the caller to locate in the scenario (or its patch). */
  readonly specProblems: PathProblem[];
  readonly inputs: ImportedInputs;
  /** Some workload reads other Helm values for the after configuration. */
  readonly hasAfterInputs: boolean;
}

/**
 * Expands a written spec's inputs, before validation: `spec.imports` manifests become workloads
 * and DaemonSets (a `spec.workloads` entry of the same name is merged over the imported one, so
 * it adds what manifests do not carry: load, CPU cost per request, SLO), each workload's `helm`
 * values fill its replicas, resources and HPA, and recorded loads are read. Scenario entries keep
 * their index; imported workloads without an entry follow them.
 */
export function expandInputs(spec: Obj, side: 'before' | 'after', baseDir: string, reader: InputReader, limits: Limits = DEFAULT_LIMITS): ExpandedSpec {
  const out = { problems: [] as Problem[], specProblems: [] as PathProblem[], files: [] as string[] };
  const origins = new Origins();
  const read = (path: string): string | undefined => {
    const text = reader.readText(path);
    if (text !== undefined) out.files.push(path);
    return text;
  };
  const imports = Array.isArray(spec.imports) ? spec.imports.filter(isObject) : [];
  const objects: ManifestObject[] = [];
  imports.forEach((entry, i) => {
    const paths = typeof entry.manifests === 'string' ? [entry.manifests] : Array.isArray(entry.manifests) ? entry.manifests.filter((p): p is string => typeof p === 'string') : [];
    const namespace = typeof entry.namespace === 'string' ? entry.namespace : DEFAULT_NAMESPACE;
    paths.forEach((p, j) => {
      const at = typeof entry.manifests === 'string' ? ['spec', 'imports', i, 'manifests'] : ['spec', 'imports', i, 'manifests', j];
      const full = inputPath(baseDir, p);
      const single = read(full);
      const files = single !== undefined ? [full] : (reader.listFiles(full) ?? null)?.filter(isManifestFile);
      if (files === null || files === undefined) {
        out.specProblems.push({ path: at, message: cannotRead(full, reader.refusal, 'no such file or folder'), severity: 'error' });
        return;
      }
      if (files.length === 0) out.specProblems.push({ path: at, message: `no .yaml, .yml or .json files in ${full}`, severity: 'warning' });
      for (const f of files) {
        const text = f === full && single !== undefined ? single : read(f);
        if (text === undefined) {
          const why = reader.refusal?.(f);
          if (why) out.specProblems.push({ path: at, message: why, severity: 'error' });
          continue;
        }
        const parsed = parseManifestText(f, text, limits);
        out.problems.push(...parsed.problems);
        objects.push(...parsed.objects.map((o) => (o.namespace === null ? { ...o, namespace } : o)));
      }
    });
  });
  const imported = importManifests(objects, DEFAULT_NAMESPACE, writtenContainerDefaults(spec.namespaces));
  out.problems.push(...imported.problems);
  const placement: Record<string, PlacementInputs> = {};
  const containers: Record<string, readonly ImportedContainer[]> = {};

  // With imports, an absent workloads list means "every imported workload, as imported".
  const rawWorkloads = Array.isArray(spec.workloads) ? spec.workloads : spec.workloads === undefined && imports.length > 0 ? [] : null;
  const byName = new Map(imported.workloads.map((w) => [w.name, w]));
  const used = new Set<string>();
  let hasAfterInputs = false;
  const workloads: unknown[] = (rawWorkloads ?? []).map((entry, s) => {
    if (!isObject(entry) || typeof entry.name !== 'string') return entry;
    const at: Path = ['spec', 'workloads', s];
    const layers: { fields: Obj; origins: readonly FieldOrigin[] }[] = [];
    let helmAt: Origin | null = null;
    const match = byName.get(entry.name);
    if (match) {
      used.add(match.name);
      layers.push({ fields: match.written, origins: match.origins });
      placement[entry.name] = match.placement;
      containers[entry.name] = match.containers;
    }
    if (isObject(entry.helm)) {
      const helm = entry.helm;
      if (helm.valuesAfter !== undefined || helm.overlay !== undefined) hasAfterInputs = true;
      if (helm.valuesAfter !== undefined && helm.overlay !== undefined) {
        out.specProblems.push({ path: [...at, 'helm', 'overlay'], message: 'give valuesAfter (a whole second values file) or overlay (changes on top of values), not both', severity: 'error' });
      }
      const list = (v: unknown): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
      const chosen = side === 'after' && helm.valuesAfter !== undefined ? { key: 'valuesAfter', files: list(helm.valuesAfter) } : { key: 'values', files: list(helm.values) };
      const overlay = side === 'after' && helm.valuesAfter === undefined ? list(helm.overlay) : [];
      const sources: YamlSource[] = [];
      [...chosen.files.map((f, k) => ({ f, key: chosen.key, k })), ...overlay.map((f, k) => ({ f, key: 'overlay', k }))].forEach(({ f, key, k }) => {
        // A chart folder stands for its values.yaml.
        const given = inputPath(baseDir, f);
        const full = reader.readText(given) === undefined && reader.listFiles(given) !== undefined ? join(given, 'values.yaml') : given;
        const text = read(full);
        const where = typeof helm[key] === 'string' ? [...at, 'helm', key] : [...at, 'helm', key, k];
        if (text === undefined) return void out.specProblems.push({ path: where, message: cannotRead(full, reader.refusal), severity: 'error' });
        const parsed = parseYamlSource(full, text, limits);
        if (!parsed.ok) return void out.problems.push(...parsed.problems);
        if (parsed.source.value !== null && !isObject(parsed.source.value)) return void out.problems.push({ file: full, line: 1, column: 1, path: '', message: 'a values file must be a map', severity: 'error' });
        sources.push(parsed.source);
      });
      if (sources.length > 0) {
        const mapping = { ...HELM_CREATE_MAPPING, ...(isObject(helm.mapping) ? (helm.mapping as Record<string, string>) : {}) };
        const fromValues = helmWorkloadFields(sources, mapping, typeof helm.root === 'string' ? helm.root : '');
        for (const n of fromValues.notes) out.problems.push({ ...n.at.locate([]), path: n.at.describe(''), message: n.message, severity: n.severity });
        layers.push({ fields: fromValues.fields, origins: fromValues.origins });
        helmAt = fromValues.root;
        if (fromValues.affinity) {
          placement[entry.name] = placementOf(fromValues.affinity);
          // The chart renders `affinity` into the pod spec: its node and pod affinity are the workload's.
          const nodeAffinity = writtenNodeAffinity(fromValues.affinity);
          const affinity = { ...(nodeAffinity ? { nodeAffinity } : {}), ...writtenPodAffinity(fromValues.affinity) };
          if (Object.keys(affinity).length > 0) layers.push({ fields: { affinity }, origins: Object.keys(affinity).map((k) => ({ field: ['affinity', k], origin: fromValues.root })) });
        }
      }
    }
    let merged: Obj = {};
    for (const layer of layers) merged = strategicMerge(merged, layer.fields) as Obj;
    merged = strategicMerge(merged, entry) as Obj;
    if (layers.length > 0) {
      for (const layer of layers) for (const o of layer.origins) origins.add([...at, ...o.field], o.origin);
      // Fields the scenario entry sets itself come from the scenario, even where an import set them too.
      for (const leaf of leafPaths(entry)) origins.add([...at, ...leaf], null);
      merged = checkImportedHpa(merged, entry, [...at, 'hpa'], origins, out.problems);
      const requests = isObject(merged.resources) && isObject(merged.resources.requests) ? merged.resources.requests : {};
      const helmOrigin = helmAt ? (origins.find([...at, 'resources'])?.origin ?? helmAt) : null;
      if (helmOrigin && requests.cpu === undefined && requests.memory === undefined) {
        out.problems.push({ ...helmOrigin.locate([]), path: helmOrigin.describe(''), message: `workload "${entry.name}": the values set no resources.requests: assumed 0 CPU and 0 memory`, severity: 'warning' });
      }
    }
    if (layers.length === 0 && imports.length > 0 && entry.resources === undefined) {
      const guess = didYouMean(entry.name, byName.keys());
      out.specProblems.push({
        path: [...at, 'name'],
        message: `"${entry.name}" is not an imported workload and sets no resources: it is simulated with no requests`,
        severity: 'warning',
        ...(guess ? { hint: `did you mean "${guess}"?` } : {}),
      });
    }
    if (isObject(merged.load)) merged.load = expandRecordedLoad(merged.load, [...at, 'load'], baseDir, { readText: read, refusal: reader.refusal }, out, limits);
    return merged;
  });
  const unmatched = imported.workloads.filter((w) => !used.has(w.name));
  for (const w of unmatched) {
    const at: Path = ['spec', 'workloads', workloads.length];
    origins.add(at, pinOrigin(w.origins[0]!.origin));
    for (const o of w.origins) origins.add([...at, ...o.field], o.origin);
    workloads.push(w.written);
    placement[w.name] = w.placement;
    containers[w.name] = w.containers;
  }
  if (unmatched.length > 0 && rawWorkloads) {
    out.specProblems.push({
      path: ['spec', 'imports'],
      message: `${unmatched.length} imported workload(s) have no entry in spec.workloads, so they get no load (their pods still take their requests): ${unmatched.map((w) => w.name).join(', ')}`,
      severity: 'warning',
    });
  }
  attachDetachedHpas(imported.detachedHpas, workloads, origins, out.problems);
  const expanded: Obj = { ...spec };
  if (rawWorkloads) expanded.workloads = workloads;
  if (imported.daemonSets.length > 0 && isObject(spec.cluster)) {
    expanded.cluster = { ...spec.cluster, daemonSets: mergeNamed(spec.cluster.daemonSets, imported.daemonSets, ['spec', 'cluster', 'daemonSets'], origins) };
  }
  if (imported.priorityClasses.length > 0 && isObject(expanded.cluster)) {
    expanded.cluster = { ...expanded.cluster, priorityClasses: mergeNamed(expanded.cluster.priorityClasses, imported.priorityClasses, ['spec', 'cluster', 'priorityClasses'], origins) };
  }
  if (imported.namespaces.length > 0) expanded.namespaces = mergeNamed(spec.namespaces, imported.namespaces, ['spec', 'namespaces'], origins);
  const used2 = [...new Set(out.files)];
  return {
    spec: expanded,
    origins,
    problems: out.problems,
    specProblems: out.specProblems,
    inputs: { files: used2, placement, containers },
    hasAfterInputs,
  };
}

/**
 * An HPA that came from an input (not written in the scenario) on pods without the requests its
 * Utilization metrics need is handled as the controller would: see {@link attachHpa}.
 */
function checkImportedHpa(merged: Obj, entry: Obj, at: Path, origins: Origins, problems: Problem[]): Obj {
  if (entry.hpa !== undefined || !isObject(merged.hpa)) return merged;
  const { hpa, ...rest } = merged;
  const result = attachHpa(rest, hpa as unknown as Parameters<typeof attachHpa>[1]);
  const origin = origins.find(at)?.origin;
  if (origin) for (const note of result.notes) problems.push({ ...origin.locate([]), path: origin.describe(''), message: `workload "${String(entry.name)}": ${note}`, severity: 'warning' });
  return rest;
}

/** HPAs whose target was not imported attach to a scenario workload of that name, if any. */
function attachDetachedHpas(hpas: ReturnType<typeof importManifests>['detachedHpas'], workloads: unknown[], origins: Origins, problems: Problem[]): void {
  for (const d of hpas) {
    const where = { ...d.origin.locate(['scaleTargetRef']), path: d.origin.describe('.scaleTargetRef'), severity: 'warning' as const };
    const index = workloads.findIndex((w) => isObject(w) && w.name === d.targetName && (w.namespace ?? DEFAULT_NAMESPACE) === d.namespace);
    const target = workloads[index];
    if (!isObject(target)) {
      const names = workloads.filter(isObject).map((w) => String(w.name));
      const guess = didYouMean(d.targetName, names);
      problems.push({ ...where, message: `HorizontalPodAutoscaler "${d.object.name}": scaleTargetRef ${d.targetKind} "${d.targetName}" is neither imported nor in spec.workloads: the HPA is ignored`, ...(guess ? { hint: `did you mean "${guess}"?` } : {}) });
      continue;
    }
    if (target.hpa !== undefined) {
      problems.push({ ...where, message: `HorizontalPodAutoscaler "${d.object.name}": spec.workloads "${d.targetName}" sets its own hpa, which is kept; the imported one is ignored` });
      continue;
    }
    const result = attachHpa(target, d.hpa);
    for (const note of result.notes) problems.push({ ...where, message: `HorizontalPodAutoscaler "${d.object.name}": ${note}` });
    if (result.attached) origins.add(['spec', 'workloads', index, 'hpa'], d.origin);
  }
}

/**
 * Imported named entries (DaemonSets, namespaces) join the scenario's list at `at`; a scenario
 * entry of the same name is merged over the imported one.
 */
function mergeNamed(list: unknown, imported: readonly { name: string; written: Obj; origins: readonly FieldOrigin[] }[], at: Path, origins: Origins): unknown[] {
  const own = Array.isArray(list) ? [...list] : [];
  for (const d of imported) {
    const index = own.findIndex((x) => isObject(x) && x.name === d.name);
    const where = [...at, index >= 0 ? index : own.length];
    const scenarioEntry = index >= 0 ? own[index] : null;
    for (const o of d.origins) origins.add([...where, ...o.field], o.origin);
    if (isObject(scenarioEntry)) {
      own[index] = strategicMerge(d.written, scenarioEntry);
      for (const leaf of leafPaths(scenarioEntry)) origins.add([...where, ...leaf], null);
    } else {
      if (d.origins[0]) origins.add(where, pinOrigin(d.origins[0].origin));
      own.push(d.written);
    }
  }
  return own;
}

/** Paths of every leaf value under an object (lists count as leaves). */
function leafPaths(value: Obj, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [];
  for (const [k, v] of Object.entries(value)) {
    if (isObject(v) && Object.keys(v).length > 0) out.push(...leafPaths(v, [...prefix, k]));
    else out.push([...prefix, k]);
  }
  return out;
}

/**
 * The Container defaults of the LimitRanges written in spec.namespaces, for the importer to apply
 * per container. Entries the schema will reject later are skipped here.
 */
function writtenContainerDefaults(namespaces: unknown): Map<string, ContainerDefaults> {
  const out = new Map<string, ContainerDefaults>();
  if (!Array.isArray(namespaces)) return out;
  for (const ns of namespaces) {
    if (!isObject(ns) || typeof ns.name !== 'string' || !isObject(ns.limitRange) || !Array.isArray(ns.limitRange.limits)) continue;
    const item = ns.limitRange.limits.find((l): l is Obj => isObject(l) && l.type === 'Container');
    if (!item) continue;
    const num = (v: unknown): ResourceValues | null => {
      if (v === undefined) return {};
      if (!isObject(v)) return null;
      const out: { cpu?: number; memory?: number } = {};
      for (const [k, parse] of [['cpu', cpuMilli], ['memory', bytes]] as const) {
        const q = v[k];
        if (q === undefined) continue;
        if ((typeof q !== 'string' && typeof q !== 'number') || !parseQuantity(q).ok) return null;
        out[k] = parse(q);
      }
      return out;
    };
    const parts = [num(item.default), num(item.defaultRequest), num(item.max), num(item.min)];
    if (parts.some((p) => p === null)) continue;
    const [d, dr, max, min] = parts as ResourceValues[];
    out.set(ns.name, limitRangeContainerDefaults({ default: d!, defaultRequest: dr!, max: max!, min: min! }));
  }
  return out;
}
