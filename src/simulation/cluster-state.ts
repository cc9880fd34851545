import { NodePhase, PodPhase } from './pod-phase.js';

/**
 * Hot simulation state as struct-of-arrays indexed by pod and node slots (house style: the
 * per-step loops run over typed arrays and allocate nothing). Slots are reused after a pod or node
 * is gone; arrays grow by doubling when a run needs more.
 */
export class ClusterState {
  podCapacity = 0;
  nodeCapacity = 0;

  // Pods
  podWorkload = new Int32Array(0);
  podNode = new Int32Array(0);
  podPhase = new Uint8Array(0);
  podCreatedMs = new Float64Array(0);
  /** status.startTime: when the containers started (-1 = not started). */
  podStartMs = new Float64Array(0);
  /** Ready condition lastTransitionTime (-1 = never ready). */
  podReadyMs = new Float64Array(0);
  /** Cumulative CPU used, core-seconds (what cAdvisor's usage counter holds). */
  podCpuSeconds = new Float64Array(0);
  /** Per container (pod slot x containersPerPod + container): cumulative CPU used, core-seconds. */
  ctrCpuSeconds = new Float64Array(0);
  /** Per container: work queued and not yet served, core-seconds. */
  ctrBacklog = new Float64Array(0);
  /** Requests served per second in the last step (for Pods metrics). */
  podRps = new Float64Array(0);
  podName: string[] = [];

  // Nodes
  nodePool = new Int32Array(0);
  nodePhase = new Uint8Array(0);
  nodeCreatedMs = new Float64Array(0);
  nodeReadyMs = new Float64Array(0);
  nodeCores = new Float64Array(0);
  nodeAllocCpu = new Float64Array(0);
  nodeAllocMem = new Float64Array(0);
  nodeAllocPods = new Int32Array(0);
  /** Requests of pods bound to the node, including DaemonSet pods. */
  nodeReqCpu = new Float64Array(0);
  nodeReqMem = new Float64Array(0);
  nodePodCount = new Int32Array(0);
  nodePriceHourly = new Float64Array(0);
  nodeName: string[] = [];
  nodeType: string[] = [];
  /** topology.kubernetes.io/zone of the node. */
  nodeZone: string[] = [];
  /** Pods of each workload bound to each node (node slot x workloads + workload), kept on bind and release. */
  nodeWorkloadPods = new Int32Array(0);
  /** Bumped whenever a node's pods or requests change, so views of the node built before are known stale. */
  nodeVersion = new Int32Array(0);

  /**
   * Each workload's pod slots in ascending order (every phase but free), kept on allocate and
   * release: controllers that look at one workload's pods read its list, not every slot.
   */
  readonly workloadPods: number[][];

  private freePods: number[] = [];
  private freeNodes: number[] = [];
  podHighWater = 0;
  nodeHighWater = 0;

  /**
   * @param containersPerPod the most running containers any pod has: the stride of the
   *   per-container arrays.
   */
  constructor(podCapacity: number, nodeCapacity: number, readonly containersPerPod = 1, readonly workloadCount = 0) {
    this.workloadPods = Array.from({ length: workloadCount }, () => []);
    this.growPods(Math.max(16, podCapacity));
    this.growNodes(Math.max(4, nodeCapacity));
  }

  /** A free pod slot, now of `workload`. */
  allocatePod(workload: number): number {
    const slot = this.freePods.pop() ?? this.podHighWater++;
    if (slot >= this.podCapacity) this.growPods(this.podCapacity * 2);
    this.podWorkload[slot] = workload;
    const list = this.workloadPods[workload]!;
    let i = list.length;
    while (i > 0 && list[i - 1]! > slot) i--;
    list.splice(i, 0, slot);
    return slot;
  }

  releasePod(slot: number): void {
    const list = this.workloadPods[this.podWorkload[slot]!]!;
    list.splice(list.indexOf(slot), 1);
    this.podPhase[slot] = PodPhase.free;
    this.podNode[slot] = -1;
    this.ctrBacklog.fill(0, slot * this.containersPerPod, (slot + 1) * this.containersPerPod);
    this.podRps[slot] = 0;
    this.freePods.push(slot);
  }

  allocateNode(): number {
    const slot = this.freeNodes.pop() ?? this.nodeHighWater++;
    if (slot >= this.nodeCapacity) this.growNodes(this.nodeCapacity * 2);
    return slot;
  }

  releaseNode(slot: number): void {
    this.nodePhase[slot] = NodePhase.free;
    this.nodeReqCpu[slot] = 0;
    this.nodeReqMem[slot] = 0;
    this.nodePodCount[slot] = 0;
    this.nodeWorkloadPods.fill(0, slot * this.workloadCount, (slot + 1) * this.workloadCount);
    this.nodeVersion[slot]!++;
    this.freeNodes.push(slot);
  }

  private growPods(capacity: number): void {
    this.podWorkload = grow(this.podWorkload, capacity);
    this.podNode = grow(this.podNode, capacity);
    this.podPhase = grow(this.podPhase, capacity);
    this.podCreatedMs = grow(this.podCreatedMs, capacity);
    this.podStartMs = grow(this.podStartMs, capacity);
    this.podReadyMs = grow(this.podReadyMs, capacity);
    this.podCpuSeconds = grow(this.podCpuSeconds, capacity);
    this.ctrCpuSeconds = grow(this.ctrCpuSeconds, capacity * this.containersPerPod);
    this.ctrBacklog = grow(this.ctrBacklog, capacity * this.containersPerPod);
    this.podRps = grow(this.podRps, capacity);
    this.podName.length = capacity;
    this.podCapacity = capacity;
  }

  private growNodes(capacity: number): void {
    this.nodePool = grow(this.nodePool, capacity);
    this.nodePhase = grow(this.nodePhase, capacity);
    this.nodeCreatedMs = grow(this.nodeCreatedMs, capacity);
    this.nodeReadyMs = grow(this.nodeReadyMs, capacity);
    this.nodeCores = grow(this.nodeCores, capacity);
    this.nodeAllocCpu = grow(this.nodeAllocCpu, capacity);
    this.nodeAllocMem = grow(this.nodeAllocMem, capacity);
    this.nodeAllocPods = grow(this.nodeAllocPods, capacity);
    this.nodeReqCpu = grow(this.nodeReqCpu, capacity);
    this.nodeReqMem = grow(this.nodeReqMem, capacity);
    this.nodePodCount = grow(this.nodePodCount, capacity);
    this.nodePriceHourly = grow(this.nodePriceHourly, capacity);
    this.nodeName.length = capacity;
    this.nodeType.length = capacity;
    this.nodeZone.length = capacity;
    this.nodeWorkloadPods = grow(this.nodeWorkloadPods, capacity * this.workloadCount);
    this.nodeVersion = grow(this.nodeVersion, capacity);
    this.nodeCapacity = capacity;
  }
}

type TypedArray = Int32Array | Uint8Array | Float64Array;

/** `array` copied into a new one of `capacity` elements (zeros after the copy). */
export function grow<T extends TypedArray>(array: T, capacity: number): T {
  const next = new (array.constructor as new (n: number) => T)(capacity);
  next.set(array);
  return next;
}

/**
 * A copy of `from`'s first `n` elements, in `into` when it has room, else in a new array at least
 * twice as long (snapshots of a state that grows reallocate rarely). Elements past `n` are stale.
 */
export function copyPrefix<T extends TypedArray>(into: T, from: T, n: number): T {
  const target = into.length >= n ? into : new (from.constructor as new (n: number) => T)(Math.max(n, into.length * 2));
  target.set(from.subarray(0, n) as T);
  return target;
}
