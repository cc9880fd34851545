/**
 * What the simulation ran with, per workload, after import and defaulting: namespace, pod
 * requests and limits (LimitRange defaults applied), the containers import read, the PDB, the HPA
 * bounds and targets; and what the DaemonSets take on every node. In the JSON so that a user can
 * check what a manifest or a Helm chart turned into before trusting the numbers.
 */
import type { LoadedScenario } from '../scenario/load-scenario.js';
import type { Scenario } from '../scenario/types.js';
import type { ImportedContainer } from '../scenario/import/import-pod-template.js';
import type { HpaMetricSpec } from '../models/hpa/types.js';
import { daemonSetOverhead } from '../scenario/pool-template.js';

export interface ResolvedWorkload {
  readonly namespace: string;
  readonly kind: string;
  readonly replicas: number;
  readonly requests: { readonly cpuMilli: number; readonly memoryBytes: number };
  readonly limits: { readonly cpuMilli: number | null; readonly memoryBytes: number | null };
  /** Containers as imported, or as written when the pod has several; null for a one-container pod written in the scenario. */
  readonly containers: readonly ImportedContainer[] | null;
  readonly podDisruptionBudget: { readonly minAvailable: number | string | null; readonly maxUnavailable: number | string | null } | null;
  readonly hpa: { readonly minReplicas: number; readonly maxReplicas: number; readonly targets: readonly string[] } | null;
  readonly nodeSelector: Readonly<Record<string, string>>;
}

export interface ResolvedConfiguration {
  readonly workloads: Readonly<Record<string, ResolvedWorkload>>;
  /** What the DaemonSets request on every node. */
  readonly daemonSetsPerNode: { readonly cpuMilli: number; readonly memoryBytes: number; readonly pods: number; readonly names: readonly string[] };
}

export function resolvedConfiguration(s: Scenario, containers: Readonly<Record<string, readonly ImportedContainer[]>> = {}): ResolvedConfiguration {
  const workloads: Record<string, ResolvedWorkload> = {};
  for (const w of s.workloads) {
    workloads[w.name] = {
      namespace: w.namespace,
      kind: w.kind,
      replicas: w.replicas,
      requests: { cpuMilli: w.requests.cpuMilli, memoryBytes: w.requests.memoryBytes },
      limits: { cpuMilli: w.limits.cpuMilli, memoryBytes: w.limits.memoryBytes },
      containers: containers[w.name] ?? (w.containers.length > 1 ? w.containers.map(({ name, kind, requests, limits }) => ({ name, kind, requests, limits })) : null),
      podDisruptionBudget: w.podDisruptionBudget,
      hpa: w.hpa ? { minReplicas: w.hpa.minReplicas, maxReplicas: w.hpa.maxReplicas, targets: w.hpa.metrics.map(targetText) } : null,
      nodeSelector: w.nodeSelector,
    };
  }
  return { workloads, daemonSetsPerNode: { ...daemonSetOverhead(s.cluster), names: s.cluster.daemonSets.map((d) => d.name) } };
}

/** Both configurations of a loaded scenario. */
export function resolvedConfigurations(loaded: LoadedScenario): { readonly before: ResolvedConfiguration; readonly after: ResolvedConfiguration | null } {
  return {
    before: resolvedConfiguration(loaded.before, loaded.inputs?.before.containers),
    after: loaded.after ? resolvedConfiguration(loaded.after, loaded.inputs?.after?.containers ?? loaded.inputs?.before.containers) : null,
  };
}

/** "Resource cpu Utilization 80%", "Pods requests_per_second AverageValue 100" (autoscaling/v2 names). */
function targetText(m: HpaMetricSpec): string {
  const t = (target: { readonly type: string } & Partial<Record<'averageUtilization' | 'averageValue' | 'value', number>>) =>
    target.type === 'Utilization' ? `Utilization ${target.averageUtilization}%` : `${target.type} ${target.averageValue ?? target.value}`;
  switch (m.type) {
    case 'Resource':
      return `Resource ${m.resource.name} ${t(m.resource.target)}`;
    case 'ContainerResource':
      return `ContainerResource ${m.containerResource.name} of ${m.containerResource.container} ${t(m.containerResource.target)}`;
    case 'Pods':
      return `Pods ${m.pods.metric.name} ${t(m.pods.target)}`;
    case 'Object':
      return `Object ${m.object.metric.name} ${t(m.object.target)}`;
    case 'External':
      return `External ${m.external.metric.name} ${t(m.external.target)}`;
  }
}
