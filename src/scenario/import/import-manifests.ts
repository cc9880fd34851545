import type { Problem } from '../problem.js';
import type { ManifestObject } from './manifest-documents.js';
import { hpaObjectSchema, pdbObjectSchema, workloadObjectSchema } from './k8s-schemas.js';
import { importPodTemplate, writtenResources, type ImportedContainer, type PlacementInputs } from './import-pod-template.js';
import type { ContainerDefaults } from './pod-resources.js';
import { convertHpa, type WrittenHpa } from './convert-hpa.js';
import { matchesLabelSelector } from './label-selector.js';
import type { Origin } from './origins.js';
import { attachHpa } from './attach-hpa.js';
import { ManifestContext, type FieldOrigin } from './manifest-context.js';
import { importNamespaces, type ImportedNamespace } from './import-namespaces.js';
import { importPriorityClasses, type ImportedPriorityClass } from './import-priority-classes.js';

export type { FieldOrigin };

/** A Deployment or StatefulSet as a written scenario workload (upstream field names). */
export interface ImportedWorkload {
  readonly name: string;
  readonly namespace: string;
  readonly kind: 'Deployment' | 'StatefulSet';
  readonly written: Record<string, unknown>;
  readonly origins: FieldOrigin[];
  readonly placement: PlacementInputs;
  readonly containers: readonly ImportedContainer[];
  readonly labels: Readonly<Record<string, string>>;
  readonly object: ManifestObject;
}

/** A DaemonSet as per-node overhead (a `spec.cluster.daemonSets` entry). */
export interface ImportedDaemonSet {
  readonly name: string;
  readonly written: Record<string, unknown>;
  readonly origins: FieldOrigin[];
}

/** An HPA whose scaleTargetRef names no imported workload (the scenario may define it). */
export interface DetachedHpa {
  readonly targetKind: string;
  readonly targetName: string;
  readonly namespace: string;
  readonly hpa: WrittenHpa;
  readonly origin: Origin;
  readonly object: ManifestObject;
}

export interface ManifestImport {
  readonly workloads: ImportedWorkload[];
  readonly daemonSets: ImportedDaemonSet[];
  readonly detachedHpas: DetachedHpa[];
  readonly namespaces: ImportedNamespace[];
  /** PriorityClasses as `spec.cluster.priorityClasses` entries. */
  readonly priorityClasses: ImportedPriorityClass[];
  readonly problems: Problem[];
}

const MODELLED = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'ResourceQuota', 'LimitRange', 'PriorityClass']);

/**
 * Turns manifest objects into written scenario parts: Deployments and StatefulSets become
 * workloads (pod requests/limits as the scheduler counts them, LimitRange defaults applied per
 * container), HPAs (v1, v2beta1, v2beta2, v2) attach to their scaleTargetRef,
 * PodDisruptionBudgets to the workloads their selector matches, DaemonSets become per-node
 * overhead, ResourceQuotas and LimitRanges become `spec.namespaces` entries, PriorityClasses
 * `spec.cluster.priorityClasses` entries. Other kinds are
 * listed in one warning per file and skipped.
 */
export function importManifests(objects: readonly ManifestObject[], defaultNamespace: string, writtenDefaults: ReadonlyMap<string, ContainerDefaults> = new Map()): ManifestImport {
  const ctx = new ManifestContext(defaultNamespace);
  const ns = (o: ManifestObject): string => ctx.ns(o);
  const warn = ctx.warn.bind(ctx);
  const origin = ctx.origin.bind(ctx);
  // LimitRanges first: their defaults apply to every container of the namespace.
  const { namespaces, defaults } = importNamespaces(objects, ctx);
  // A LimitRange written in the scenario's spec.namespaces applies to the imported containers of
  // its namespace too, unless an imported LimitRange of that namespace already does.
  for (const [name, d] of writtenDefaults) if (!defaults.has(name)) defaults.set(name, d);

  const workloads: ImportedWorkload[] = [];
  const daemonSets: ImportedDaemonSet[] = [];
  for (const o of objects) {
    if (o.kind !== 'Deployment' && o.kind !== 'StatefulSet' && o.kind !== 'DaemonSet') continue;
    const w = ctx.parse(o, workloadObjectSchema);
    if (!w) continue;
    const template = importPodTemplate(w.spec.template.spec, defaults.get(ns(o)) ?? null);
    const podSpec = ['spec', 'template', 'spec'];
    const single = w.spec.template.spec.containers.length === 1 && !w.spec.template.spec.initContainers?.length;
    const resourcesOrigin = single ? origin(o, [...podSpec, 'containers', 0, 'resources']) : origin(o, [...podSpec, 'containers'], false);
    if (template.limitRangeSet.length > 0) warn(o, [...podSpec, 'containers'], `LimitRange in namespace ${ns(o)} set ${template.limitRangeSet.join('; ')}`);
    if (template.withoutRequests.length > 0) {
      const all = template.pod.requests.cpuMilli === 0 && template.pod.requests.memoryBytes === 0;
      warn(o, [...podSpec, 'containers'], all
        ? `no container has resource requests: assumed 0 CPU and 0 memory (${o.kind === 'DaemonSet' ? 'no per-node overhead is counted' : 'the scheduler packs such pods anywhere, and a Utilization HPA cannot compute a ratio'})`
        : `container(s) ${template.withoutRequests.join(', ')} have no requests: counted as 0`);
    }
    if (o.kind === 'DaemonSet') {
      if (w.spec.template.spec.nodeSelector || template.placement.nodeAffinity) warn(o, podSpec, 'has a node selector or affinity: counted on every node of every pool (per-pool DaemonSets are not modelled)');
      daemonSets.push({
        name: o.name,
        written: { name: o.name, namespace: ns(o), resources: writtenResources(template.pod.requests, template.pod.limits) },
        origins: [{ field: ['name'], origin: origin(o, ['metadata', 'name']) }, { field: ['resources'], origin: resourcesOrigin }],
      });
      continue;
    }
    const written: Record<string, unknown> = { name: o.name, namespace: ns(o), kind: o.kind, ...template.fields };
    if (w.spec.replicas !== undefined && w.spec.replicas !== null) written.replicas = w.spec.replicas;
    const origins: FieldOrigin[] = [
      { field: ['name'], origin: origin(o, ['metadata', 'name']) },
      { field: ['namespace'], origin: origin(o, ['metadata']) },
      { field: ['kind'], origin: origin(o, ['kind']) },
      { field: ['replicas'], origin: origin(o, ['spec', 'replicas']) },
      { field: ['resources'], origin: resourcesOrigin },
      ...['nodeSelector', 'tolerations', 'affinity', 'topologySpreadConstraints', 'terminationGracePeriodSeconds', 'priorityClassName', 'containers', 'initContainers'].map((f) => ({ field: [f], origin: origin(o, [...podSpec, f]) })),
      { field: ['labels'], origin: origin(o, ['spec', 'template', 'metadata', 'labels']) },
    ];
    const labels = w.spec.template.metadata?.labels ?? {};
    if (Object.keys(labels).length > 0) written.labels = labels;
    workloads.push({ name: o.name, namespace: ns(o), kind: o.kind, written, origins, placement: template.placement, containers: template.containers, labels, object: o });
  }
  qualifyDuplicateNames(workloads, (w, name) => warn(w.object, ['metadata', 'name'], `another workload is also named "${w.name}": imported as "${name}"`));

  const detachedHpas: DetachedHpa[] = [];
  for (const o of objects.filter((x) => x.kind === 'HorizontalPodAutoscaler')) {
    const h = ctx.parse(o, hpaObjectSchema);
    if (!h) continue;
    const { hpa, notes } = convertHpa(o.apiVersion, h.spec);
    for (const note of notes) warn(o, ['spec', 'metrics'], note);
    const exact = o.apiVersion === 'autoscaling/v2' || o.apiVersion === 'autoscaling/v2beta2';
    const ref = h.spec.scaleTargetRef;
    const target = workloads.find((w) => w.namespace === ns(o) && w.kind === ref.kind && w.object.name === ref.name);
    const hpaOrigin = origin(o, ['spec'], exact);
    if (!target) {
      detachedHpas.push({ targetKind: ref.kind, targetName: ref.name, namespace: ns(o), hpa, origin: hpaOrigin, object: o });
      continue;
    }
    if (target.written.hpa) {
      warn(o, ['spec', 'scaleTargetRef'], `${ref.kind} "${ref.name}" already has an HPA: this one is ignored (two HPAs on one target fight each other; the controller reports AmbiguousSelector)`);
      continue;
    }
    const attached = attachHpa(target.written, hpa);
    for (const note of attached.notes) warn(o, ['spec'], note);
    if (attached.attached) target.origins.push({ field: ['hpa'], origin: hpaOrigin });
  }

  for (const o of objects.filter((x) => x.kind === 'PodDisruptionBudget')) {
    const pdb = ctx.parse(o, pdbObjectSchema);
    if (!pdb) continue;
    const matched = workloads.filter((w) => w.namespace === ns(o) && matchesLabelSelector(pdb.spec.selector, w.labels));
    if (matched.length === 0) warn(o, ['spec', 'selector'], 'selects no imported workload: ignored');
    for (const w of matched) {
      if (w.written.podDisruptionBudget) {
        warn(o, ['spec', 'selector'], `workload "${w.name}" is already covered by another PodDisruptionBudget: ignored for it (eviction fails with several PDBs)`);
        continue;
      }
      w.written.podDisruptionBudget = {
        ...(pdb.spec.minAvailable !== undefined && pdb.spec.minAvailable !== null ? { minAvailable: pdb.spec.minAvailable } : {}),
        ...(pdb.spec.maxUnavailable !== undefined && pdb.spec.maxUnavailable !== null ? { maxUnavailable: pdb.spec.maxUnavailable } : {}),
      };
      w.origins.push({ field: ['podDisruptionBudget'], origin: origin(o, ['spec']) });
    }
  }

  const priorityClasses = importPriorityClasses(objects, ctx);
  ctx.problems.push(...skippedKinds(objects));
  return { workloads, daemonSets, detachedHpas, namespaces, priorityClasses, problems: ctx.problems };
}

/** Two workloads with one name (in different namespaces or kinds) get `name.namespace` / `name.kind`. */
function qualifyDuplicateNames(workloads: ImportedWorkload[], renamed: (w: ImportedWorkload, name: string) => void): void {
  const count = new Map<string, number>();
  for (const w of workloads) count.set(w.name, (count.get(w.name) ?? 0) + 1);
  const used = new Set<string>();
  workloads.forEach((w, i) => {
    if ((count.get(w.name) ?? 0) < 2) return;
    let name = `${w.name}.${w.namespace}`;
    if (used.has(name)) name = `${w.name}.${w.namespace}.${w.kind.toLowerCase()}`;
    used.add(name);
    renamed(w, name);
    workloads[i] = { ...w, name, written: { ...w.written, name } };
  });
}

/** One warning per file listing the objects of kinds the simulator does not model. */
function skippedKinds(objects: readonly ManifestObject[]): Problem[] {
  const byFile = new Map<string, ManifestObject[]>();
  for (const o of objects) if (!MODELLED.has(o.kind)) byFile.set(o.file, [...(byFile.get(o.file) ?? []), o]);
  return [...byFile].map(([file, list]) => {
    const kinds = new Map<string, string[]>();
    for (const o of list) kinds.set(o.kind, [...(kinds.get(o.kind) ?? []), o.name]);
    const parts = [...kinds].map(([kind, names]) => `${kind} x${names.length} (${names.slice(0, 4).join(', ')}${names.length > 4 ? ', ...' : ''})`);
    return { file, line: 0, column: 0, path: '', message: `skipped ${list.length} object(s) of kinds the simulator does not model: ${parts.join(', ')}`, severity: 'warning' as const };
  });
}
