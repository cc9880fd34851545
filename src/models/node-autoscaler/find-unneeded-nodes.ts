/**
 * Scale-down candidate search (core/scaledown/eligibility, planner; simulator/cluster.go): a node
 * is unneeded when it belongs to an autoscaled group, is not marked otherwise, its utilization
 * is strictly below the threshold, none of its pods blocks the drain, and every pod that has to
 * move fits on another node in a rescheduling simulation. Destinations found for one candidate
 * stay reserved (the forked layer is committed) so later candidates cannot reuse that room.
 * A node whose drain failed in simulation (a blocking pod, no room for its pods) is skipped until
 * --unremovable-node-recheck-timeout has passed (core/scaledown/planner categorizeNodes), which
 * also keeps a large cluster's loop from re-simulating every half-empty node every scan. Once the
 * loop has found as many removable nodes as unneeded-nodes-limit.ts allows, the remaining
 * candidates are skipped.
 */
import { withLazyProperty } from '../../engine/lazy-property.js';
import { PlacementSnapshot, withForkedSnapshot } from '../scheduler/placement-snapshot.js';
import { caAnnotations, type ClusterAutoscalerOptions } from './defaults.js';
import { drainDecisionReadsTime, podDrainDecision, type BlockingPodReason } from './drainability.js';
import { boundPodsOf, type BoundPods } from './bound-pods.js';
import { nodeUtilization, type NodeUtilization } from './utilization.js';
import type { NodeGroup, NodeView, PodView } from './types.js';

/** CA simulator.UnremovableReason values used by this model. */
export type UnremovableReason =
  | 'RecentlyUnremovable'
  | 'NotAutoscaled'
  | 'CurrentlyBeingDeleted'
  | 'ScaleDownDisabledAnnotation'
  | 'NotUnderutilized'
  | 'BlockedByPod'
  | 'NoPlaceToMovePods'
  | 'NotUnneededLongEnough'
  | 'NotUnreadyLongEnough'
  | 'NodeGroupMinSizeReached'
  | 'MinimalResourceLimitExceeded';

/** A node that could be removed now if it stays unneeded long enough. */
export interface UnneededNode {
  readonly nodeName: string;
  readonly nodeGroup: string;
  readonly utilization: NodeUtilization;
  /** Only DaemonSet/mirror pods on it. */
  readonly empty: boolean;
  /** Pods evicted on drain (moved or dropped), excluding DaemonSet and mirror pods. */
  readonly podsToEvict: readonly string[];
  /** Simulated destination of each pod that must move. */
  readonly destinations: Readonly<Record<string, string>>;
}

export interface Unremovable {
  readonly reason: UnremovableReason;
  readonly message: string;
  readonly blockingPod?: { readonly name: string; readonly reason: BlockingPodReason };
}

/** Input of {@link findUnneededNodes}. */
export interface FindUnneededInput {
  readonly nowMs: number;
  readonly nodes: readonly NodeView[];
  /** Bound pods (nodeName set). */
  readonly pods: readonly PodView[];
  /** The same pods indexed by node, when the caller keeps them so; then `pods` is not read. */
  readonly boundPods?: BoundPods;
  readonly nodeGroups: readonly NodeGroup[];
  readonly options: ClusterAutoscalerOptions;
  /** Nodes unneeded in the previous loop; checked right after empty nodes, as CA does. */
  readonly previouslyUnneeded?: readonly string[];
  /** Nodes whose drain simulation failed less than the recheck timeout ago: not simulated again. */
  readonly recentlyUnremovable?: ReadonlySet<string>;
  /**
   * Removable nodes to find before the rest are skipped unsimulated (unneeded-nodes-limit.ts);
   * no limit when absent.
   */
  readonly unneededLimit?: number;
}

/** The reasons a drain simulation gives (SimulateNodeRemoval upstream): these start the recheck timeout. */
export const simulationFailures: ReadonlySet<UnremovableReason> = new Set<UnremovableReason>(['BlockedByPod', 'NoPlaceToMovePods']);

export interface FindUnneededResult {
  readonly unneeded: readonly UnneededNode[];
  /** Why each other node is not unneeded. */
  readonly unremovable: Readonly<Record<string, Unremovable>>;
  /** The nodes whose drain simulation failed this loop (the recheck timeout starts), in loop order. */
  readonly simulationFailed: readonly string[];
  /** Whether a drain decision read the time, so the same cluster may give another result later. */
  readonly readsTime: boolean;
}

const noPods: readonly PodView[] = [];

/** Finds unneeded nodes on a private snapshot; inputs are not modified. */
export function findUnneededNodes(input: FindUnneededInput): FindUnneededResult {
  const o = input.options;
  const groups = new Set(input.nodeGroups.map((g) => g.name));
  const bound = input.boundPods ?? boundPodsOf(input.pods);
  // What each budget has left, read from the cluster the first time a drain moves one of its pods.
  const pdbRemaining = new Map<string, number>();
  const remaining = (pdb: string): number => pdbRemaining.get(pdb) ?? bound.disruptionsAllowed(pdb) ?? 0;
  // Destinations: Ready nodes not being deleted.
  const snapshot = new PlacementSnapshot(input.nodes.filter((n) => n.ready && !n.deleting));
  // Candidate order of CA's default sorting processors: empty nodes first, then nodes unneeded in
  // the previous loop, then the rest (processors/scaledowncandidates emptycandidates, previouscandidates).
  const prev = new Set(input.previouslyUnneeded ?? []);
  const isEmpty = (n: NodeView) => !bound.hasMovable(n.name);
  const rank = (n: NodeView) => (isEmpty(n) ? 0 : 2) + (prev.has(n.name) ? 0 : 1);
  // The four ranks in order, each in input order: the stable sort by rank, without an object per node.
  const ranks = new Uint8Array(input.nodes.length);
  for (let i = 0; i < ranks.length; i++) ranks[i] = rank(input.nodes[i]!);
  const ordered: NodeView[] = [];
  for (let r = 0; r < 4; r++) for (let i = 0; i < ranks.length; i++) if (ranks[i] === r) ordered.push(input.nodes[i]!);
  const unneeded: UnneededNode[] = [];
  // Why each other node is not unneeded, in loop order; made into the result's record only when
  // read (tests and diagnostics): on a large cluster nearly every node is one, every loop.
  const unremovableNames: string[] = [];
  const unremovableWhy: (Unremovable | NodeUtilization)[] = [];
  const setUnremovable = (name: string, why: Unremovable): void => {
    unremovableNames.push(name);
    unremovableWhy.push(why);
  };
  const simulationFailed: string[] = [];
  let readsTime = false;

  const limit = input.unneededLimit ?? Infinity;
  // Pods the simulation moved onto a node earlier in this loop must move again if it goes too.
  const movedInto = new Map<string, PodView[]>();
  // A node's pods are looked up only when read: most nodes of a large cluster stop at the
  // utilization check, which needs them only to leave DaemonSet pods out.
  const podsOf = (node: NodeView): readonly PodView[] => {
    const own = bound.on(node.name);
    const moved = movedInto.get(node.name);
    return moved === undefined ? own : [...own, ...moved];
  };
  for (const node of ordered) {
    if (input.recentlyUnremovable?.has(node.name) === true) {
      setUnremovable(node.name, { reason: 'RecentlyUnremovable', message: 'node was found unremovable in simulation recently; rechecked after the timeout' });
      continue;
    }
    if (!groups.has(node.pool)) {
      setUnremovable(node.name, { reason: 'NotAutoscaled', message: `node group ${node.pool} is not autoscaled` });
      continue;
    }
    if (node.deleting) {
      setUnremovable(node.name, { reason: 'CurrentlyBeingDeleted', message: 'node is being deleted' });
      continue;
    }
    if (node.annotations?.[caAnnotations.scaleDownDisabled] === 'true') {
      setUnremovable(node.name, { reason: 'ScaleDownDisabledAnnotation', message: `node has ${caAnnotations.scaleDownDisabled}=true` });
      continue;
    }
    const util = nodeUtilization(node, o.ignoreDaemonSetsUtilization ? podsOf(node) : noPods, o.ignoreDaemonSetsUtilization);
    if (!(util.utilization < o.scaleDownUtilizationThreshold)) {
      // Most nodes of a busy cluster stop here every loop: their utilization is kept, the reason
      // and its message are made only when read.
      unremovableNames.push(node.name);
      unremovableWhy.push(util);
      continue;
    }
    // Past the limit a candidate is skipped before its drain is simulated (categorizeNodes).
    if (unneeded.length >= limit) continue;
    const pods = podsOf(node);
    const toMove: PodView[] = [];
    const toEvict: string[] = [];
    let blocked: Unremovable | undefined;
    for (const p of pods) {
      if (drainDecisionReadsTime(p, o)) readsTime = true;
      const d = podDrainDecision(p, input.nowMs, o);
      if (d.kind === 'block') {
        blocked = { reason: 'BlockedByPod', message: d.message, blockingPod: { name: p.name, reason: d.reason } };
        break;
      }
      if (d.kind === 'move') toMove.push(p);
      if (d.kind === 'move' || d.why === 'Expendable') toEvict.push(p.name);
    }
    if (blocked === undefined) {
      const need = new Map<string, number>();
      for (const p of toMove) if (p.pdb) need.set(p.pdb.name, (need.get(p.pdb.name) ?? 0) + 1);
      for (const [pdb, n] of need) {
        if (n > remaining(pdb)) {
          const pod = toMove.find((p) => p.pdb?.name === pdb) as PodView;
          blocked = { reason: 'BlockedByPod', message: `not enough pod disruption budget to move ${pod.namespace}/${pod.name}`, blockingPod: { name: pod.name, reason: 'NotEnoughPdb' } };
          break;
        }
      }
    }
    if (blocked !== undefined) {
      setUnremovable(node.name, blocked);
      if (simulationFailures.has(blocked.reason)) simulationFailed.push(node.name);
      continue;
    }
    const destinations = simulateDrain(snapshot, node.name, toMove);
    if (destinations === undefined) {
      setUnremovable(node.name, { reason: 'NoPlaceToMovePods', message: `no place to move pods of node ${node.name}` });
      simulationFailed.push(node.name);
      continue;
    }
    for (const p of toMove) {
      if (p.pdb) pdbRemaining.set(p.pdb.name, remaining(p.pdb.name) - 1);
      const dest = destinations[p.name] as string;
      movedInto.set(dest, [...(movedInto.get(dest) ?? []), p]);
    }
    unneeded.push({
      nodeName: node.name,
      nodeGroup: node.pool,
      utilization: util,
      empty: toEvict.length === 0,
      podsToEvict: toEvict,
      destinations,
    });
  }
  const threshold = o.scaleDownUtilizationThreshold;
  return withLazyProperty({ unneeded, simulationFailed, readsTime }, 'unremovable', () => {
    const unremovable: Record<string, Unremovable> = {};
    for (let i = 0; i < unremovableNames.length; i++) {
      const name = unremovableNames[i]!;
      const why = unremovableWhy[i]!;
      unremovable[name] = 'reason' in why ? why : notUnderutilized(name, why, threshold);
    }
    return unremovable as Readonly<Record<string, Unremovable>>;
  });
}

/** The NotUnderutilized reason of node `name`, its message written when read. */
function notUnderutilized(name: string, util: NodeUtilization, threshold: number): Unremovable {
  return {
    reason: 'NotUnderutilized',
    get message() {
      return `node ${name} ${util.resource} utilization ${util.utilization.toFixed(3)} is not below ${threshold}`;
    },
  };
}

/**
 * Removes `nodeName` from the snapshot and places `pods` first-fit on the other nodes, on a
 * forked layer: committed (room stays reserved) when all fit, reverted otherwise.
 */
function simulateDrain(snapshot: PlacementSnapshot, nodeName: string, pods: readonly PodView[]): Record<string, string> | undefined {
  return withForkedSnapshot(snapshot, (s) => {
    s.removeNode(nodeName);
    const dest: Record<string, string> = {};
    for (const p of pods) {
      const target = s.fittingNode(p);
      if (target === undefined) return { result: undefined, commit: false };
      s.bindPod(p, target.name);
      dest[p.name] = target.name;
    }
    return { result: dest, commit: true };
  });
}
