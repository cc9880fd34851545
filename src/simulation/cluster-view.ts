import { nodeGroupOf as sharedNodeGroupOf, zoneGroupName } from '../scenario/pool-template.js';
import type { Simulation } from './simulation.js';
import { NodePhase, PodPhase } from './pod-phase.js';
import type { NodeView, PodView } from '../models/scheduler/types.js';
import type { NodeGroup } from '../models/node-autoscaler/types.js';
import type { BoundPods } from '../models/node-autoscaler/bound-pods.js';
import type { PoolRuntime } from './pool-runtime.js';

/** Plain-data snapshot of the cluster for the node autoscalers (built at controller rate, not per step). */
export interface ClusterView {
  readonly nodes: NodeView[];
  readonly nodeSlots: Map<string, number>;
  /** Bound pods in slot order, built when first read (a Cluster Autoscaler loop reads boundPods). */
  readonly pods: PodView[];
  /** Bound pods by node, each node's views built when first asked for. */
  readonly boundPods: BoundPods;
  readonly pendingPods: PodView[];
  /** PodDisruptionBudget status.disruptionsAllowed per workload index (undefined = no PDB). */
  readonly disruptionsAllowed: readonly (number | undefined)[];
}

const noPods: readonly PodView[] = [];

/** A pod the autoscalers see as running somewhere: neither a free slot, nor leaving, nor Pending. */
function isBoundPhase(phase: number): boolean {
  return phase !== PodPhase.free && phase !== PodPhase.terminating && phase !== PodPhase.pending;
}

/**
 * @param keepLists hand out a node's list of pod views again while its pods are the same (off
 * only to check that this changes no byte, with the view's own reuse: cluster-view-reuse.ts)
 */
export function buildClusterView(sim: Simulation, keepLists = true): ClusterView {
  const s = sim.state;
  const nodes: NodeView[] = [];
  const nodeSlots = new Map<string, number>();
  for (let n = 0; n < s.nodeHighWater; n++) {
    if (s.nodePhase[n] === NodePhase.free) continue;
    nodes.push(sim.scheduler.nodeView(n));
    nodeSlots.set(s.nodeName[n]!, n);
  }
  const pdb = disruptionsAllowed(sim);
  const viewOf = (p: number): PodView => {
    const base = sim.scheduler.podView(p);
    const allowed = pdb[s.podWorkload[p]!];
    return allowed === undefined ? base : withPdb(base, allowed);
  };
  // Bound pod slots grouped by node slot in one pass over the typed arrays (counting sort, slot
  // order kept within a node): no pod's view is touched until its node is asked for.
  const pendingPods: PodView[] = [];
  const start = new Int32Array(s.nodeHighWater + 1);
  for (let p = 0; p < s.podHighWater; p++) {
    if (s.podPhase[p] === PodPhase.pending) pendingPods.push(viewOf(p));
    else if (isBoundPhase(s.podPhase[p]!) && s.podNode[p]! >= 0) start[s.podNode[p]! + 1]!++;
  }
  for (let n = 0; n < s.nodeHighWater; n++) start[n + 1]! += start[n]!;
  const slots = new Int32Array(start[s.nodeHighWater]!);
  const fill = start.slice(0, s.nodeHighWater);
  for (let p = 0; p < s.podHighWater; p++) if (isBoundPhase(s.podPhase[p]!) && s.podNode[p]! >= 0) slots[fill[s.podNode[p]!]!++] = p;
  const byNode = new Map<string, readonly PodView[]>();
  const lists = nodeListsOf(sim);
  let allowedByName: Map<string, number> | undefined;
  const boundPods: BoundPods = {
    on(nodeName) {
      const n = nodeSlots.get(nodeName);
      if (n === undefined || start[n] === start[n + 1]) return noPods;
      let views = byNode.get(nodeName);
      if (views === undefined) {
        const kept = keepLists ? lists[n] : undefined;
        if (kept !== undefined && kept.nodeName === nodeName && sameList(kept, s, slots, start[n]!, start[n + 1]!, pdb)) views = kept.views;
        else {
          const list: PodView[] = [];
          for (let i = start[n]!; i < start[n + 1]!; i++) list.push(viewOf(slots[i]!));
          views = list;
          lists[n] = keptList(nodeName, s, slots, start[n]!, start[n + 1]!, pdb, list);
        }
        byNode.set(nodeName, views);
      }
      return views;
    },
    // Every pod slot is a workload's pod: DaemonSets are node overhead here, and there are no mirror pods.
    hasMovable: (nodeName) => {
      const n = nodeSlots.get(nodeName);
      return n !== undefined && start[n]! < start[n + 1]!;
    },
    disruptionsAllowed(pdbName) {
      if (allowedByName === undefined) {
        allowedByName = new Map();
        for (const w of sim.workloads) if (pdb[w.index] !== undefined) allowedByName.set(w.config.name, pdb[w.index]!);
      }
      return allowedByName.get(pdbName);
    },
  };
  let pods: PodView[] | undefined;
  return {
    nodes,
    nodeSlots,
    get pods(): PodView[] {
      if (pods === undefined) {
        pods = [];
        for (let p = 0; p < s.podHighWater; p++) if (isBoundPhase(s.podPhase[p]!)) pods.push(viewOf(p));
      }
      return pods;
    },
    boundPods,
    pendingPods,
    disruptionsAllowed: pdb,
  };
}

/**
 * A node's list of pod views as the last view built it, with what it was built from: the pod
 * slots, their names (a reused slot has a new name) and their PDBs' disruptionsAllowed. The view
 * is built again whenever any pod anywhere binds or leaves, and most nodes then hold the same
 * pods: their list is handed out again, the same object, without reading a pod view (Karpenter's
 * disruption poll reads every node's list; consolidation-candidates.ts keeps facts per list).
 */
interface KeptList {
  readonly nodeName: string;
  readonly slots: Int32Array;
  readonly names: readonly string[];
  readonly allowed: Float64Array;
  readonly views: readonly PodView[];
}

const nodeLists = new WeakMap<Simulation, (KeptList | undefined)[]>();

function nodeListsOf(sim: Simulation): (KeptList | undefined)[] {
  let lists = nodeLists.get(sim);
  if (lists === undefined) nodeLists.set(sim, (lists = []));
  return lists;
}

/** A workload's disruptionsAllowed as a number, -Infinity for no PDB. */
function allowedOf(pdb: readonly (number | undefined)[], s: Simulation['state'], p: number): number {
  return pdb[s.podWorkload[p]!] ?? -Infinity;
}

function sameList(kept: KeptList, s: Simulation['state'], slots: Int32Array, from: number, to: number, pdb: readonly (number | undefined)[]): boolean {
  if (kept.slots.length !== to - from) return false;
  for (let i = from, k = 0; i < to; i++, k++) {
    const p = slots[i]!;
    if (kept.slots[k] !== p || kept.names[k] !== s.podName[p] || kept.allowed[k] !== allowedOf(pdb, s, p)) return false;
  }
  return true;
}

function keptList(nodeName: string, s: Simulation['state'], slots: Int32Array, from: number, to: number, pdb: readonly (number | undefined)[], views: readonly PodView[]): KeptList {
  const mine = slots.slice(from, to);
  const names: string[] = [];
  const allowed = new Float64Array(to - from);
  for (let k = 0; k < mine.length; k++) {
    names.push(s.podName[mine[k]!]!);
    allowed[k] = allowedOf(pdb, s, mine[k]!);
  }
  return { nodeName, slots: mine, names, allowed, views };
}

const pdbViews = new WeakMap<PodView, PodView>();

/** `pod` with its PDB's disruptionsAllowed, reused while both are unchanged (every scan reads every pod). */
function withPdb(pod: PodView, allowed: number): PodView {
  const hit = pdbViews.get(pod);
  if (hit !== undefined && hit.pdb?.disruptionsAllowed === allowed) return hit;
  const view: PodView = { ...pod, pdb: { name: pod.workload, disruptionsAllowed: allowed } };
  pdbViews.set(pod, view);
  return view;
}

/** PodDisruptionBudget status.disruptionsAllowed per workload index (undefined = no PDB). */
export function disruptionsAllowed(sim: Simulation): (number | undefined)[] {
  const s = sim.state;
  return sim.workloads.map((w) => {
    const pdb = w.config.podDisruptionBudget;
    if (!pdb) return undefined;
    // Only a workload with a PDB needs its Ready pods counted: its own pod list, not every slot.
    let healthy = 0;
    for (const p of s.workloadPods[w.index]!) if (s.podPhase[p] === PodPhase.ready) healthy++;
    const expected = w.desiredReplicas;
    // pkg/controller/disruption: desiredHealthy from minAvailable, or expected - maxUnavailable;
    // percentages round up.
    const resolve = (v: number | string): number => (typeof v === 'number' ? v : Math.ceil((parseFloat(v) / 100) * expected));
    const desiredHealthy = pdb.minAvailable !== null ? resolve(pdb.minAvailable) : pdb.maxUnavailable !== null ? expected - resolve(pdb.maxUnavailable) : expected;
    return Math.max(0, healthy - desiredHealthy);
  });
}

/** A pool as a Cluster Autoscaler node group (template = its first instance type). */
export function nodeGroupOf(sim: Simulation, pool: PoolRuntime): NodeGroup {
  return sharedNodeGroupOf(sim.scenario.cluster, pool.config, pool.types, poolTarget(sim, pool));
}

/** Nodes of `pool` (in `zone` when given) that are Ready or on their way. */
function poolTarget(sim: Simulation, pool: PoolRuntime, zone?: string): number {
  const s = sim.state;
  let target = 0;
  for (let n = 0; n < s.nodeHighWater; n++) {
    if (s.nodePool[n] !== pool.index || (zone !== undefined && s.nodeZone[n] !== zone)) continue;
    if (s.nodePhase[n] === NodePhase.ready || s.nodePhase[n] === NodePhase.provisioning) target++;
  }
  return target;
}

/** The Cluster Autoscaler's node groups: one per pool, or per zone of a pool over several zones. */
export interface ZonalNodeGroups {
  readonly groups: NodeGroup[];
  /** Group name -> the pool and zone its nodes are launched in. */
  readonly byName: Map<string, { readonly pool: PoolRuntime; readonly zone: string | undefined }>;
}

export function zonalNodeGroups(sim: Simulation): ZonalNodeGroups {
  const groups: NodeGroup[] = [];
  const byName = new Map<string, { pool: PoolRuntime; zone: string | undefined }>();
  for (const pool of sim.pools) {
    if (pool.config.zones.length <= 1) {
      const g = nodeGroupOf(sim, pool);
      groups.push(g);
      byName.set(g.name, { pool, zone: undefined });
      continue;
    }
    const poolSize = poolTarget(sim, pool);
    for (const zone of pool.config.zones) {
      const g = sharedNodeGroupOf(sim.scenario.cluster, pool.config, pool.types, poolTarget(sim, pool, zone), zone, poolSize);
      groups.push(g);
      byName.set(g.name, { pool, zone });
    }
  }
  return { groups, byName };
}

/** The node group a node belongs to, as the Cluster Autoscaler sees it (its pool, or its pool's zone group). */
export function nodeGroupNameOf(sim: Simulation, n: number): string {
  const pool = sim.pools[sim.state.nodePool[n]!]!;
  return zoneGroupName(pool.config, sim.state.nodeZone[n]!);
}
