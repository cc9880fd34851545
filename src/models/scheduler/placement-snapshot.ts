/**
 * A working copy of node views for what-if placement (CA's ClusterSnapshot: fork / revert /
 * commit). Built from the caller's read-only views, which are never mutated: every change
 * replaces a node object inside this snapshot and is journalled so `revert` can undo it.
 */
import { filterNode, findFittingNode, hasClusterFilters } from './filter-node.js';
import { hasPodAffinityTerms, podGroupOf, type ClusterKnowledge } from './scheduling-context.js';
import { nonZeroRequests } from './non-zero-requests.js';
import type { NodeView, PodGroupCount, PodView } from './types.js';

type Undo = () => void;

export class PlacementSnapshot {
  private readonly slots: (NodeView | undefined)[] = [];
  /**
   * Per slot, what a pod may still request there: allocatable − requested for cpu, memory and pods
   * (−Infinity pods for an empty slot). fittingNode's resource check reads these numbers instead
   * of each node's view objects: most nodes a what-if passes over are full, and on a large
   * cluster that check over every node was most of a drain or consolidation simulation.
   */
  private freeCpu = new Float64Array(16);
  private freeMem = new Float64Array(16);
  private freePods = new Float64Array(16);
  private readonly index = new Map<string, number>();
  private readonly journals: Undo[][] = [];
  /** The live nodes (then the domains) as one list, rebuilt only after a change: placements read it per pod. */
  private live: NodeView[] | null = null;
  /**
   * Whether any pod that has been in the snapshot has pod (anti-)affinity terms. It only ever
   * turns true (a revert keeps it): true merely costs InterPodAffinity its scan.
   */
  private podAffinitySeen = false;

  /**
   * Copies the list of views (the view objects themselves are shared, never mutated).
   * @param domains views that only count as topology domains for the cluster-wide filters, never
   * placed on (nothing allocatable): the nodes a node autoscaler could launch (Karpenter's
   * NodePool domains). @default none
   */
  constructor(
    nodes: readonly NodeView[],
    private readonly domains: readonly NodeView[] = [],
  ) {
    for (const n of nodes) this.insert(n);
  }

  private insert(node: NodeView): void {
    this.index.set(node.name, this.slots.length);
    this.slots.push(undefined);
    this.put(this.slots.length - 1, node);
    this.noteGroups(node);
  }

  /** Slot i holds `node` (undefined: empty), with its free resources. */
  private put(i: number, node: NodeView | undefined): void {
    if (i >= this.freePods.length) {
      const size = Math.max(i + 1, this.freePods.length * 2);
      const grow = (a: Float64Array) => {
        const b = new Float64Array(size);
        b.set(a);
        return b;
      };
      this.freeCpu = grow(this.freeCpu);
      this.freeMem = grow(this.freeMem);
      this.freePods = grow(this.freePods);
    }
    this.slots[i] = node;
    if (node === undefined) {
      this.freeCpu[i] = -Infinity;
      this.freeMem[i] = -Infinity;
      this.freePods[i] = -Infinity;
    } else {
      // The same differences fitsResources takes, so the comparisons below are its own.
      this.freeCpu[i] = node.allocatable.cpuMilli - node.requested.cpuMilli;
      this.freeMem[i] = node.allocatable.memoryBytes - node.requested.memoryBytes;
      this.freePods[i] = node.allocatable.pods - node.requested.pods;
    }
    this.live = null;
  }

  private noteGroups(node: NodeView | undefined): void {
    if (this.podAffinitySeen || node?.podGroups === undefined) return;
    for (const g of node.podGroups) if (hasPodAffinityTerms(g.group)) this.podAffinitySeen = true;
  }

  /** False when no pod that has been in the snapshot has pod (anti-)affinity terms. */
  get podAffinityInNodes(): boolean {
    return this.podAffinitySeen;
  }

  /** What the snapshot knows beyond its nodes when placing `pod`. */
  clusterFor(pod: PodView): ClusterKnowledge {
    return { podAffinityInCluster: this.podAffinitySeen || hasPodAffinityTerms(podGroupOf(pod)) };
  }

  /** First node (in insertion order) where `pod` passes every filter (findFittingNode over the snapshot). */
  fittingNode(pod: PodView): NodeView | undefined {
    const cluster = this.clusterFor(pod);
    if (!hasClusterFilters(pod, cluster)) {
      // No node list to build (a drain simulation binds between pods, which would rebuild it each
      // time). fitsResources over the free numbers: pods + 1 > allocatable is 1 > allocatable −
      // pods for these whole numbers; an empty slot has −Infinity pods free.
      const cpu = pod.requests.cpuMilli;
      const mem = pod.requests.memoryBytes;
      const freeCpu = this.freeCpu;
      const freeMem = this.freeMem;
      const freePods = this.freePods;
      for (let i = 0; i < this.slots.length; i++) {
        if (1 > freePods[i]! || (cpu > 0 && cpu > freeCpu[i]!) || (mem > 0 && mem > freeMem[i]!)) continue;
        const n = this.slots[i]!;
        if (filterNode(pod, n).fits) return n;
      }
      return undefined;
    }
    if (this.live === null) this.live = this.domains.length === 0 ? this.nodes() : [...this.nodes(), ...this.domains];
    return findFittingNode(pod, this.live, cluster);
  }

  private record(undo: Undo): void {
    this.journals[this.journals.length - 1]?.push(undo);
  }

  private replace(i: number, node: NodeView | undefined): void {
    const prev = this.slots[i];
    this.put(i, node);
    this.noteGroups(node);
    this.record(() => this.put(i, prev));
  }

  /** Nodes currently in the snapshot, in insertion order. */
  nodes(): NodeView[] {
    const out: NodeView[] = [];
    for (const n of this.slots) if (n !== undefined) out.push(n);
    return out;
  }

  /** First node (in insertion order) satisfying `predicate`, without copying the node list. */
  find(predicate: (node: NodeView) => boolean): NodeView | undefined {
    for (const n of this.slots) if (n !== undefined && predicate(n)) return n;
    return undefined;
  }

  get(name: string): NodeView | undefined {
    const i = this.index.get(name);
    return i === undefined ? undefined : this.slots[i];
  }

  /** Adds a node (e.g. a template node). Names must be unique. */
  addNode(node: NodeView): void {
    const existing = this.index.get(node.name);
    if (existing !== undefined && this.slots[existing] !== undefined) throw new Error(`node ${node.name} already in snapshot`);
    if (existing !== undefined) {
      this.replace(existing, node);
      return;
    }
    this.insert(node);
    const i = this.slots.length - 1;
    this.record(() => this.put(i, undefined));
  }

  /** Removes a node from the snapshot. */
  removeNode(name: string): void {
    const i = this.index.get(name);
    if (i !== undefined) this.replace(i, undefined);
  }

  /**
   * Accounts `pod` on node `nodeName` (requests, pod count, non-zero requests, workload count, and
   * its template group in `podGroups`, so spreading and pod affinity see it).
   */
  bindPod(pod: PodView, nodeName: string): void {
    this.adjust(pod, nodeName, 1);
  }

  /** Removes `pod`'s accounting from node `nodeName`. */
  unbindPod(pod: PodView, nodeName: string): void {
    this.adjust(pod, nodeName, -1);
  }

  private adjust(pod: PodView, nodeName: string, sign: 1 | -1): void {
    const i = this.index.get(nodeName);
    const n = i === undefined ? undefined : this.slots[i];
    if (i === undefined || n === undefined) throw new Error(`node ${nodeName} not in snapshot`);
    const nz = nonZeroRequests(pod);
    const baseNz = n.nonZeroRequested ?? n.requested;
    const counts = new Map(n.workloadPodCounts);
    counts.set(pod.workload, (counts.get(pod.workload) ?? 0) + sign);
    this.replace(i, {
      ...n,
      requested: {
        cpuMilli: n.requested.cpuMilli + sign * pod.requests.cpuMilli,
        memoryBytes: n.requested.memoryBytes + sign * pod.requests.memoryBytes,
        pods: n.requested.pods + sign,
      },
      nonZeroRequested: { cpuMilli: baseNz.cpuMilli + sign * nz.cpuMilli, memoryBytes: baseNz.memoryBytes + sign * nz.memoryBytes },
      workloadPodCounts: counts,
      podGroups: adjustGroups(n.podGroups, pod, sign),
    });
  }

  /** Starts a speculative layer; changes after this can be reverted. */
  fork(): void {
    this.journals.push([]);
  }

  /** Undoes every change since the matching `fork`. */
  revert(): void {
    const j = this.journals.pop();
    if (j === undefined) throw new Error('revert without fork');
    for (let k = j.length - 1; k >= 0; k--) (j[k] as Undo)();
  }

  /** Keeps the changes since the matching `fork` (they join the enclosing layer, if any). */
  commit(): void {
    const j = this.journals.pop();
    if (j === undefined) throw new Error('commit without fork');
    const parent = this.journals[this.journals.length - 1];
    if (parent !== undefined) parent.push(...j);
  }
}

/** `groups` with the pod's group count moved by `sign` (matched by key; an entry at 0 is dropped). */
export function adjustGroups(groups: readonly PodGroupCount[] | undefined, pod: PodView, sign: 1 | -1): readonly PodGroupCount[] {
  const group = podGroupOf(pod);
  const out: PodGroupCount[] = [];
  let found = false;
  for (const e of groups ?? []) {
    if (!found && e.group.key === group.key) {
      found = true;
      if (e.count + sign > 0) out.push({ group: e.group, count: e.count + sign });
    } else out.push(e);
  }
  if (!found && sign > 0) out.push({ group, count: 1 });
  return out;
}

/**
 * Runs `fn` on a forked layer of `snapshot` and always reverts it, even if `fn` throws,
 * unless `fn` returns `{ commit: true }` in which case the changes are kept.
 */
export function withForkedSnapshot<T>(snapshot: PlacementSnapshot, fn: (s: PlacementSnapshot) => { result: T; commit: boolean }): T {
  snapshot.fork();
  let outcome: { result: T; commit: boolean } | undefined;
  try {
    outcome = fn(snapshot);
  } finally {
    if (outcome?.commit === true) snapshot.commit();
    else snapshot.revert();
  }
  return outcome.result;
}
