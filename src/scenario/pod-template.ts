import type { PodView } from '../models/scheduler/types.js';
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
    ...(w.nodeAffinity ? { affinity: { nodeAffinity: w.nodeAffinity } } : {}),
    priority: w.priority,
  };
}
