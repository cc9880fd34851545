import type { ContainerInput, PodSpecInput } from './k8s-schemas.js';
import { applyContainerDefaults, podResources, type ContainerDefaults, type ContainerResources, type PodResources } from './pod-resources.js';
import { bytes, cpuMilli } from '../resolve-quantities.js';
import type { NodeAffinity, NodeSelectorTerm } from '../../models/scheduler/types.js';
import { isObject } from './manifest-documents.js';

/** A pod spec's placement constraints as imported (the written workload carries them too, as `affinity` and `topologySpreadConstraints`). */
export interface PlacementInputs {
  /** Required/preferred node affinity in the scheduler's form (models/scheduler NodeAffinity). */
  readonly nodeAffinity: NodeAffinity | null;
  /** podAffinity / podAntiAffinity as written. */
  readonly podAffinity: Readonly<Record<string, unknown>> | null;
  readonly topologySpreadConstraints: readonly Readonly<Record<string, unknown>>[];
}

/** One container as imported (LimitRange defaults applied), for reports of what import resolved. */
export interface ImportedContainer {
  readonly name: string;
  /** app: spec.containers; sidecar: an init container with restartPolicy Always; init: a plain init container. */
  readonly kind: 'app' | 'sidecar' | 'init';
  readonly requests: { readonly cpuMilli: number | null; readonly memoryBytes: number | null };
  readonly limits: { readonly cpuMilli: number | null; readonly memoryBytes: number | null };
}

/** What a pod template contributes to a written workload. */
export interface ImportedPodTemplate {
  readonly pod: PodResources;
  readonly containers: readonly ImportedContainer[];
  /** Written workload fields (upstream names) taken from the pod spec. */
  readonly fields: Record<string, unknown>;
  readonly placement: PlacementInputs;
  /** Containers that ended with neither a CPU nor a memory request. */
  readonly withoutRequests: readonly string[];
  /** "cpu request for container server" for each value a LimitRange filled in. */
  readonly limitRangeSet: readonly string[];
}

/** Reads a pod template's containers, scheduling fields and placement constraints. */
export function importPodTemplate(spec: PodSpecInput, defaults: ContainerDefaults | null): ImportedPodTemplate {
  const limitRangeSet: string[] = [];
  const withoutRequests: string[] = [];
  // Only containers that run alongside the app (app containers and sidecars) are worth a warning:
  // a plain init container without requests simply counts as zero.
  const read = (c: ContainerInput, sidecar: boolean, running: boolean): ContainerResources => {
    const { container, set } = applyContainerDefaults(toNumbers(c, sidecar), defaults);
    limitRangeSet.push(...set.map((s) => `${s} for container ${c.name}`));
    if (running && container.requests.cpu === undefined && container.requests.memory === undefined) withoutRequests.push(c.name);
    return container;
  };
  const containers = spec.containers.map((c) => read(c, false, true));
  const inits = (spec.initContainers ?? []).map((c) => read(c, c.restartPolicy === 'Always', c.restartPolicy === 'Always'));
  const pod = podResources(containers, inits);
  const fields: Record<string, unknown> = {};
  if (containers.length === 1 && inits.length === 0) {
    // One container: its resources are the pod's, written on the workload (where a change can
    // patch them); the container keeps its name for ContainerResource HPA metrics.
    fields.resources = writtenResources(pod.requests, pod.limits);
    fields.containers = [{ name: containers[0]!.name }];
  } else {
    fields.containers = containers.map((c) => ({ name: c.name, resources: writtenResources(c.requests, c.limits) }));
    if (inits.length > 0) fields.initContainers = inits.map((c) => ({ name: c.name, ...(c.sidecar ? { restartPolicy: 'Always' } : {}), resources: writtenResources(c.requests, c.limits) }));
  }
  if (spec.nodeSelector && Object.keys(spec.nodeSelector).length > 0) fields.nodeSelector = spec.nodeSelector;
  if (spec.tolerations?.length) fields.tolerations = spec.tolerations.map(writtenToleration);
  if (spec.terminationGracePeriodSeconds !== undefined && spec.terminationGracePeriodSeconds !== null) fields.terminationGracePeriodSeconds = spec.terminationGracePeriodSeconds;
  if (spec.priorityClassName) fields.priorityClassName = spec.priorityClassName;
  const affinity = { ...writtenNodeAffinityField(spec.affinity), ...writtenPodAffinity(spec.affinity) };
  if (Object.keys(affinity).length > 0) fields.affinity = affinity;
  if (spec.topologySpreadConstraints?.length) fields.topologySpreadConstraints = spec.topologySpreadConstraints.map(withoutNulls);
  const asImported = (c: ContainerResources, kind: ImportedContainer['kind']): ImportedContainer => ({
    name: c.name,
    kind,
    requests: { cpuMilli: c.requests.cpu ?? null, memoryBytes: c.requests.memory ?? null },
    limits: { cpuMilli: c.limits.cpu ?? null, memoryBytes: c.limits.memory ?? null },
  });
  return {
    pod,
    containers: [...inits.map((c) => asImported(c, c.sidecar ? 'sidecar' : 'init')), ...containers.map((c) => asImported(c, 'app'))],
    fields,
    placement: placementOf(spec.affinity, spec.topologySpreadConstraints ?? []),
    withoutRequests,
    limitRangeSet,
  };
}

type Amounts = { readonly cpu?: number; readonly memory?: number } | { readonly cpuMilli: number | null; readonly memoryBytes: number | null };

/** requests/limits in the written form (`250m`, bytes), leaving out what is not set. */
export function writtenResources(requests: Amounts, limits: Amounts): Record<string, unknown> {
  const list = (a: Amounts) => {
    const cpu = 'cpuMilli' in a ? a.cpuMilli : a.cpu;
    const memory = 'memoryBytes' in a ? a.memoryBytes : a.memory;
    return { ...(cpu !== null && cpu !== undefined ? { cpu: `${cpu}m` } : {}), ...(memory !== null && memory !== undefined ? { memory } : {}) };
  };
  return { requests: { cpu: '0m', memory: 0, ...list(requests) }, limits: list(limits) };
}

function writtenNodeAffinityField(affinity: unknown): Record<string, unknown> {
  const nodeAffinity = writtenNodeAffinity(affinity);
  return nodeAffinity ? { nodeAffinity } : {};
}

/** podAffinity and podAntiAffinity of a pod spec's affinity as written (nulls left out). */
export function writtenPodAffinity(affinity: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!isObject(affinity)) return out;
  for (const key of ['podAffinity', 'podAntiAffinity']) {
    const rules = withoutNulls(affinity[key]);
    if (isObject(rules) && Object.keys(rules).length > 0) out[key] = rules;
  }
  return out;
}

/** A manifest value without its null fields (`namespaces: null` in rendered charts means unset). */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) out[k] = withoutNulls(v);
  return out;
}

function toNumbers(c: ContainerInput, sidecar: boolean): ContainerResources {
  const req = c.resources?.requests ?? {};
  const lim = c.resources?.limits ?? {};
  const pick = (list: typeof req) => ({
    ...(list.cpu !== undefined ? { cpu: cpuMilli(list.cpu) } : {}),
    ...(list.memory !== undefined ? { memory: bytes(list.memory) } : {}),
  });
  return { name: c.name, sidecar, requests: pick(req), limits: pick(lim) };
}

function writtenToleration(t: NonNullable<PodSpecInput['tolerations']>[number]): Record<string, string> {
  const out: Record<string, string> = {};
  if (t.key) out.key = t.key;
  if (t.operator) out.operator = t.operator;
  if (t.value) out.value = t.value;
  if (t.effect) out.effect = t.effect;
  return out;
}

/**
 * The node affinity of a pod spec in the scenario's written form (the simulated scheduler filters
 * and scores with it); terms keep their matchExpressions (matchFields selects on node fields such
 * as metadata.name, which simulated nodes do not share with real ones).
 */
export function writtenNodeAffinity(affinity: unknown): Record<string, unknown> | null {
  if (!isObject(affinity) || !isObject(affinity.nodeAffinity)) return null;
  const n = affinity.nodeAffinity;
  const term = (t: unknown) => ({ matchExpressions: isObject(t) && Array.isArray(t.matchExpressions) ? t.matchExpressions : [] });
  const out: Record<string, unknown> = {};
  const required = isObject(n.requiredDuringSchedulingIgnoredDuringExecution) ? n.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms : undefined;
  if (Array.isArray(required) && required.length > 0) out.requiredDuringSchedulingIgnoredDuringExecution = { nodeSelectorTerms: required.map(term) };
  const preferred = n.preferredDuringSchedulingIgnoredDuringExecution;
  if (Array.isArray(preferred) && preferred.length > 0) {
    out.preferredDuringSchedulingIgnoredDuringExecution = preferred.filter(isObject).map((p) => ({ weight: p.weight, preference: term(p.preference) }));
  }
  return Object.keys(out).length > 0 ? out : null;
}

/** Placement data from a pod spec's `affinity` and `topologySpreadConstraints` as written. */
export function placementOf(affinity: unknown, topologySpreadConstraints: readonly Record<string, unknown>[] = []): PlacementInputs {
  const a = isObject(affinity) ? affinity : {};
  const podAffinity: Record<string, unknown> = {};
  for (const key of ['podAffinity', 'podAntiAffinity']) if (isObject(a[key])) podAffinity[key] = a[key];
  return {
    nodeAffinity: toNodeAffinity(a.nodeAffinity),
    podAffinity: Object.keys(podAffinity).length > 0 ? podAffinity : null,
    topologySpreadConstraints,
  };
}

/** core/v1 NodeAffinity flattened to the scheduler's view; null when there is none. */
function toNodeAffinity(value: unknown): NodeAffinity | null {
  if (!isObject(value)) return null;
  const required = isObject(value.requiredDuringSchedulingIgnoredDuringExecution) ? value.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms : undefined;
  const preferred = value.preferredDuringSchedulingIgnoredDuringExecution;
  const term = (t: unknown): NodeSelectorTerm => ({ matchExpressions: (isObject(t) && Array.isArray(t.matchExpressions) ? t.matchExpressions : []) as NodeSelectorTerm['matchExpressions'] });
  const out: { requiredTerms?: NodeSelectorTerm[]; preferredTerms?: { weight: number; preference: NodeSelectorTerm }[] } = {};
  if (Array.isArray(required)) out.requiredTerms = required.map(term);
  if (Array.isArray(preferred)) out.preferredTerms = preferred.filter(isObject).map((p) => ({ weight: Number(p.weight) || 0, preference: term(p.preference) }));
  return out.requiredTerms || out.preferredTerms ? out : null;
}
