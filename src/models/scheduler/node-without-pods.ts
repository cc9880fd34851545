/**
 * A node's view with some of its pods taken off, as the preemption dry run sees it after
 * NodeInfo.RemovePod (pkg/scheduler/framework/preemption/preemption.go, SelectVictimsOnNode).
 */
import { nonZeroRequests } from './non-zero-requests.js';
import type { NodeView, PodGroupCount, PodView } from './types.js';

/**
 * `node` without `removed` (pods bound to it): requests, pod count, the scoring non-zero requests,
 * the per-workload counts and the pod groups (keyed by the pod's workload) go down by theirs.
 * Returns a new view; `node` is not changed.
 */
export function nodeWithoutPods(node: NodeView, removed: readonly PodView[]): NodeView {
  if (removed.length === 0) return node;
  let cpu = 0;
  let mem = 0;
  let nzCpu = 0;
  let nzMem = 0;
  const perWorkload = new Map<string, number>();
  for (const p of removed) {
    cpu += p.requests.cpuMilli;
    mem += p.requests.memoryBytes;
    const nz = nonZeroRequests(p);
    nzCpu += nz.cpuMilli;
    nzMem += nz.memoryBytes;
    perWorkload.set(p.workload, (perWorkload.get(p.workload) ?? 0) + 1);
  }
  const requested = {
    cpuMilli: node.requested.cpuMilli - cpu,
    memoryBytes: node.requested.memoryBytes - mem,
    pods: node.requested.pods - removed.length,
  };
  const nonZeroRequested = node.nonZeroRequested
    ? { cpuMilli: node.nonZeroRequested.cpuMilli - nzCpu, memoryBytes: node.nonZeroRequested.memoryBytes - nzMem }
    : undefined;
  let workloadPodCounts = node.workloadPodCounts;
  if (workloadPodCounts) {
    const next = new Map(workloadPodCounts);
    for (const [w, n] of perWorkload) {
      const had = next.get(w);
      if (had !== undefined) next.set(w, Math.max(0, had - n));
    }
    workloadPodCounts = next;
  }
  let podGroups = node.podGroups;
  if (podGroups) {
    const next: PodGroupCount[] = [];
    for (const g of podGroups) {
      const count = g.count - (perWorkload.get(g.group.key) ?? 0);
      if (count > 0) next.push({ group: g.group, count });
    }
    podGroups = next;
  }
  return {
    ...node,
    requested,
    ...(nonZeroRequested ? { nonZeroRequested } : {}),
    ...(workloadPodCounts ? { workloadPodCounts } : {}),
    ...(podGroups ? { podGroups } : {}),
  };
}
