/**
 * Binpacking estimator (cluster-autoscaler estimator/binpacking_estimator.go,
 * decreasing_pod_orderer.go): how many template nodes of one group the pending pods need.
 *
 * Pods are grouped into equivalence groups (same workload and requests), groups sorted by
 * cpu/allocatable + memory/allocatable descending, then each group is first fitted onto nodes
 * already added by this estimation and otherwise onto the last added node, adding a node when
 * needed. This is first-fit decreasing, which uses at most 11/9·OPT + 6/9 bins (Dósa 2007).
 * All placement happens on a forked layer of the snapshot that is always reverted.
 *
 * Every check runs the scheduler's filters on the snapshot as CA does (CheckPredicates runs the
 * PreFilter and Filter plugins), so a pod placed on a template node joins that node's pod groups:
 * a required anti-affinity on the hostname keeps one such pod per node, and DoNotSchedule spread
 * constraints count the pods already packed (and the pods of existing nodes).
 * When a pod with a hostname spread constraint fails on the last added node because of that
 * constraint, it is tried on every other node of the snapshot, existing nodes included; like
 * upstream, a node that receives a pod this way counts among the nodes of the estimate
 * (binpacking_estimator.go tryToScheduleOnNewNodes, isPodUsingHostNameTopologyKey).
 */
import { labels as wellKnown, filterReasons } from '../scheduler/defaults.js';
import { filterNode, preFilter, type FilterResult, type FilterState } from '../scheduler/filter-node.js';
import { PlacementSnapshot, withForkedSnapshot } from '../scheduler/placement-snapshot.js';
import { buildTemplateNode } from './template-node.js';
import type { NodeGroup, PodView } from './types.js';

/** Result of {@link estimateNodeCount}. */
export interface NodeEstimate {
  /**
   * Nodes that received at least one pod: the new nodes, plus any existing node that took a pod
   * through the hostname spread retry (counted as upstream does).
   */
  readonly nodeCount: number;
  readonly scheduledPods: readonly PodView[];
  readonly unschedulablePods: readonly PodView[];
  /** Pod names per node counted in `nodeCount`, in the order the nodes received their first pod. */
  readonly podsPerNode: readonly (readonly string[])[];
  /** `LimitReached` when the node limit stopped the packing with pods left over. */
  readonly reason: 'AllPodsFit' | 'LimitReached' | 'PodsDoNotFitTemplate';
}

/** Equivalence groups sorted by size score descending (stable on first appearance). */
export function orderPodsDecreasing(pods: readonly PodView[], group: NodeGroup): PodView[][] {
  const groups = new Map<string, PodView[]>();
  for (const p of pods) {
    const key = `${p.namespace}/${p.workload}/${p.requests.cpuMilli}/${p.requests.memoryBytes}/${JSON.stringify(p.nodeSelector ?? {})}`;
    const g = groups.get(key);
    if (g === undefined) groups.set(key, [p]);
    else g.push(p);
  }
  const alloc = group.template.allocatable;
  const score = (p: PodView): number =>
    (alloc.cpuMilli > 0 ? p.requests.cpuMilli / alloc.cpuMilli : 0) + (alloc.memoryBytes > 0 ? p.requests.memoryBytes / alloc.memoryBytes : 0);
  return [...groups.values()]
    .map((g, i) => ({ g, i, s: score(g[0] as PodView) }))
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .map((x) => x.g);
}

/**
 * Estimates the new nodes of `group` needed for `pods`, adding at most `maxNewNodes`.
 * `snapshot` supplies the cluster context; it is forked and reverted, never changed.
 */
export function estimateNodeCount(
  snapshot: PlacementSnapshot,
  pods: readonly PodView[],
  group: NodeGroup,
  maxNewNodes: number,
): NodeEstimate {
  return withForkedSnapshot(snapshot, (s) => ({ result: pack(s, pods, group, maxNewNodes), commit: false }));
}

function pack(s: PlacementSnapshot, pods: readonly PodView[], group: NodeGroup, maxNewNodes: number): NodeEstimate {
  const newNodes: string[] = [];
  /** Pods per node that received pods in this estimation (new nodes, and others via the hostname retry). */
  const podsOn = new Map<string, string[]>();
  const scheduled: PodView[] = [];
  const scheduledSet = new Set<PodView>();
  const unschedulable: PodView[] = [];
  let limitHit = false;
  let doesNotFit = false;
  // PreFilter state of the pod under test; any bind or new node changes the counts, so it is recomputed.
  let statePod: PodView | undefined;
  let state: FilterState | undefined;
  const stateFor = (pod: PodView): FilterState => {
    if (statePod !== pod || state === undefined) {
      state = preFilter(pod, { ...s.clusterFor(pod), allNodes: s.nodes() });
      statePod = pod;
    }
    return state;
  };
  const check = (pod: PodView, nodeName: string): FilterResult | undefined => {
    const node = s.get(nodeName);
    return node === undefined ? undefined : filterNode(pod, node, stateFor(pod));
  };
  const bind = (pod: PodView, nodeName: string): void => {
    s.bindPod(pod, nodeName);
    state = undefined;
    let list = podsOn.get(nodeName);
    if (list === undefined) podsOn.set(nodeName, (list = []));
    list.push(pod.name);
    scheduled.push(pod);
    scheduledSet.add(pod);
  };
  const tryOn = (pod: PodView, nodeName: string): boolean => {
    if (check(pod, nodeName)?.fits !== true) return false;
    bind(pod, nodeName);
    return true;
  };
  const usesHostnameSpread = (pod: PodView): boolean =>
    (pod.topologySpreadConstraints ?? []).some((c) => c.topologyKey === wellKnown.hostname);
  for (const eqGroup of orderPodsDecreasing(pods, group)) {
    let i = 0;
    // 1. First fit over the nodes this estimation already added.
    for (; i < eqGroup.length; i++) {
      const pod = eqGroup[i] as PodView;
      if (!newNodes.some((n) => tryOn(pod, n))) break;
    }
    // 2. The rest go to the last added node, adding nodes as needed.
    for (; i < eqGroup.length; i++) {
      const pod = eqGroup[i] as PodView;
      const last = newNodes[newNodes.length - 1];
      if (last !== undefined) {
        const r = check(pod, last);
        if (r?.fits === true) {
          bind(pod, last);
          continue;
        }
        if (usesHostnameSpread(pod) && r?.reasons.includes(filterReasons.spreadConstraintsNotMatch) === true) {
          const st = stateFor(pod);
          const other = s.find((n) => n.name !== last && filterNode(pod, n, st).fits);
          if (other !== undefined) {
            bind(pod, other.name);
            continue;
          }
        }
      }
      // An empty fresh node that rejected the pod means no new node can take it.
      if (last !== undefined && (podsOn.get(last)?.length ?? 0) === 0) {
        doesNotFit = true;
        break;
      }
      if (newNodes.length >= maxNewNodes) {
        limitHit = true;
        break;
      }
      const name = `template-node-for-${group.name}-${newNodes.length}`;
      s.addNode(buildTemplateNode(group, name));
      state = undefined;
      newNodes.push(name);
      if (!tryOn(pod, name)) {
        doesNotFit = true;
        break;
      }
    }
    for (; i < eqGroup.length; i++) {
      const pod = eqGroup[i] as PodView;
      if (!scheduledSet.has(pod)) unschedulable.push(pod);
    }
  }
  const podsPerNode = [...podsOn.values()].filter((l) => l.length > 0);
  const reason = unschedulable.length === 0 ? 'AllPodsFit' : limitHit ? 'LimitReached' : doesNotFit ? 'PodsDoNotFitTemplate' : 'LimitReached';
  return { nodeCount: podsPerNode.length, scheduledPods: scheduled, unschedulablePods: unschedulable, podsPerNode, reason };
}
