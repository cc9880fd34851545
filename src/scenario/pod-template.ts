import type { PodGroup, PodView } from '../models/scheduler/types.js';
import type { WorkloadConfig } from './types.js';

/** The parts of a pod's scheduling view that come from its workload's template. */
export function workloadPodTemplate(w: WorkloadConfig): Omit<PodView, 'name' | 'nodeName' | 'createdMs'> {
  return {
    namespace: w.namespace,
    workload: w.name,
    ownerKind: w.kind === 'StatefulSet' ? 'StatefulSet' : 'ReplicaSet',
    requests: { cpuMilli: w.requests.cpuMilli, memoryBytes: w.requests.memoryBytes },
    nodeSelector: w.nodeSelector,
    tolerations: w.tolerations.map((t) => ({
      ...(t.key !== null ? { key: t.key } : {}),
      operator: t.operator,
      value: t.value,
      ...(t.effect !== null ? { effect: t.effect } : {}),
    })),
    labels: w.labels,
    ...(w.nodeAffinity || w.podAffinity || w.podAntiAffinity
      ? {
          affinity: {
            ...(w.nodeAffinity ? { nodeAffinity: w.nodeAffinity } : {}),
            ...(w.podAffinity ? { podAffinity: w.podAffinity } : {}),
            ...(w.podAntiAffinity ? { podAntiAffinity: w.podAntiAffinity } : {}),
          },
        }
      : {}),
    ...(w.topologySpreadConstraints.length > 0 ? { topologySpreadConstraints: w.topologySpreadConstraints } : {}),
    preemptionPolicy: w.preemptionPolicy,
    priority: w.priority,
  };
}

/** What the pods of `w` show to InterPodAffinity and PodTopologySpread when they run on a node. */
export function workloadPodGroup(w: WorkloadConfig): PodGroup {
  return {
    key: `${w.namespace}/${w.name}`,
    namespace: w.namespace,
    labels: w.labels,
    ...(w.podAffinity ? { podAffinity: w.podAffinity } : {}),
    ...(w.podAntiAffinity ? { podAntiAffinity: w.podAntiAffinity } : {}),
  };
}
