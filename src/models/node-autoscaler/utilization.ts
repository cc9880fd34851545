/**
 * Node utilization for scale-down (simulator/utilization/info.go): requests, not usage;
 * util = max(Σcpu requests / allocatable cpu, Σmemory requests / allocatable memory).
 * DaemonSet and mirror pods count unless ignored, in which case their requests leave both the
 * numerator and the denominator.
 */
import { staysWithNode } from './bound-pods.js';
import type { NodeView, PodView } from './types.js';

/** Utilization of one node; `resource` names the dominant one. */
export interface NodeUtilization {
  readonly cpu: number;
  readonly memory: number;
  readonly utilization: number;
  readonly resource: 'cpu' | 'memory';
}

/** Computes utilization of `node` whose bound pods are `podsOnNode`. */
export function nodeUtilization(node: NodeView, podsOnNode: readonly PodView[], ignoreDaemonSets: boolean): NodeUtilization {
  let cpuReq = node.requested.cpuMilli;
  let memReq = node.requested.memoryBytes;
  let cpuAlloc = node.allocatable.cpuMilli;
  let memAlloc = node.allocatable.memoryBytes;
  if (ignoreDaemonSets) {
    for (const p of podsOnNode) {
      if (!staysWithNode(p)) continue;
      cpuReq -= p.requests.cpuMilli;
      memReq -= p.requests.memoryBytes;
      cpuAlloc -= p.requests.cpuMilli;
      memAlloc -= p.requests.memoryBytes;
    }
  }
  const cpu = cpuAlloc > 0 ? Math.max(0, cpuReq) / cpuAlloc : 0;
  const memory = memAlloc > 0 ? Math.max(0, memReq) / memAlloc : 0;
  return cpu >= memory ? { cpu, memory, utilization: cpu, resource: 'cpu' } : { cpu, memory, utilization: memory, resource: 'memory' };
}
