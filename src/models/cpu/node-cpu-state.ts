/**
 * Struct-of-arrays CPU state of one node, reused every simulation step (house style: per-tick
 * functions run over typed arrays and allocate nothing). Slots are indexed by container and pod.
 * A node's arrays are views of one buffer, sized to the containers it holds, not to the most it
 * could hold: the step reads a few slots of each array of every node, and a thousand nodes' arrays
 * each sized for 110 pods, in separate allocations, kept those slots far apart in memory.
 */
import { bestEffortShares, defaultCgroupShares, minShares } from './defaults.js';
import { createWaterFillScratch, type WaterFillScratch } from './water-fill.js';

/** CPU inputs and outputs of one node; the caller fills the inputs each step. */
export interface NodeCpuState {
  /** Slot room for containers / pods: the arrays' length ({@link ensureNodeCpuRoom} grows it). */
  maxContainers: number;
  maxPods: number;
  /** Used slots: containers 0..containerCount-1, pods 0..podCount-1. */
  containerCount: number;
  podCount: number;
  /** Node CPU count (cores) shared by kubepods and system daemons. */
  nodeCores: number;
  /** `kubepods` shares = shares(allocatable). */
  kubepodsShares: number;
  /** `kubepods/burstable` shares = shares(Σ Burstable requests). */
  burstableShares: number;
  /** `kubepods/besteffort` shares (always 2). */
  besteffortShares: number;
  /** Weight of system daemons outside kubepods (system.slice, kubelet; 1024 by default). */
  systemShares: number;
  /** CPU demand of system daemons this step, cores (competes with kubepods at the root). */
  systemDemandCores: number;

  /** Per container: pod slot it belongs to. */
  podIndex: Int32Array;
  /** Per container: cpu.shares from its request. */
  shares: Float64Array;
  /** Per container: mean CPU demand this step, cores. */
  demandCores: Float64Array;
  /** Per container: runnable threads available (thread pool size), cores. */
  parallelismCap: Float64Array;
  /** Per container: cpuset size, cores (node cores when not pinned). */
  cpusetCores: Float64Array;
  /** Per container: limit in cores (quota/period); Infinity without a limit. */
  limitCores: Float64Array;
  /**
   * Per container: threads one burst runs on (request fan-out, or a periodic job's threads).
   * 0 = steady demand, never bursts above its mean; Infinity = bursts on all its threads.
   */
  burstThreads: Float64Array;
  /** Per container: CPU of one burst (one request, one job), core·seconds; Infinity = unknown. */
  burstWorkCoreSeconds: Float64Array;

  /** Per pod: QoS code (QOS_GUARANTEED / QOS_BURSTABLE / QOS_BEST_EFFORT). */
  podQos: Int32Array;
  /** Per pod: pod cgroup shares (Σ requests, or 2 for BestEffort). */
  podShares: Float64Array;
  /** Per pod: pod quota as cores; Infinity unless every container has a limit. */
  podLimitCores: Float64Array;

  /** Output per container: cores received this step. */
  received: Float64Array;
  /** Output per container: burst rate, cores it would get while running all its threads. */
  burstCores: Float64Array;
  /** Output per container (computeBurstInterference): fraction of time it bursts, β. */
  burstFraction: Float64Array;
  /** Output per container: burst rate while its bursting neighbours burst too, cores (≤ burstCores). */
  contendedBurstCores: Float64Array;
  /**
   * Output per container: expected burst rate over its neighbours' burst states, cores: with them
   * idle (1 − p) or bursting (p). The rate at which a burst burns its quota.
   */
  expectedBurstCores: Float64Array;
  /** Output per container: probability that one of its requests meets a neighbour's burst. */
  contentionProb: Float64Array;
  /** Output per container: mean length of the neighbour bursts it meets, seconds (Infinity = unknown). */
  contentionSeconds: Float64Array;
  /** Output per pod: cores received. */
  podReceived: Float64Array;
  /** Output: cores received by system daemons. */
  systemReceived: number;
}

/** Preallocated working memory of {@link splitNodeCpu}; one serves every node within its room, in turn. */
export interface NodeCpuScratch {
  /** Room: the largest node state this scratch serves. */
  readonly maxContainers: number;
  readonly maxPods: number;
  readonly containerCap: Float64Array;
  readonly podCap: Float64Array;
  readonly podAlloc: Float64Array;
  /** CSR lists: containers by pod, pods by QoS group. */
  readonly podStart: Int32Array;
  readonly podFill: Int32Array;
  readonly byPod: Int32Array;
  readonly groupPods: Int32Array;
  /** Level buffers: weights, caps, allocations, slot ids. */
  readonly w: Float64Array;
  readonly u: Float64Array;
  readonly a: Float64Array;
  readonly ids: Int32Array;
  /** Second output buffer for burst-rate what-ifs. */
  readonly alt: Float64Array;
  readonly altPod: Float64Array;
  /** Per-container caps of the contended what-if (neighbours at their burst level). */
  readonly burstCap: Float64Array;
  /** Per-container burst level (cores while one burst runs) of the contended what-if. */
  readonly burstLevel: Float64Array;
  /** Per-container mean cap min(demand, threads, cpuset, limit) of the contended what-if. */
  readonly meanCap: Float64Array;
  /**
   * The full split's mean caps, which its burst what-ifs and their fit test reuse: per container,
   * per pod summed and per pod within its limit and the node, and [the pods' total].
   */
  readonly fitCap: Float64Array;
  readonly fitPodSum: Float64Array;
  readonly fitPodCap: Float64Array;
  readonly fitTop: Float64Array;
  readonly fill: WaterFillScratch;
  /**
   * The split's scalar argument and result, [override cap, cores]: a number passed to or returned
   * from a call V8 does not inline is a heap allocation, and the what-ifs run per container and step.
   */
  readonly io: Float64Array;
}

/** The state's arrays per container and per pod, with the value a slot holds before it is written. */
const containerFloats = [
  ['shares', 0],
  ['demandCores', 0],
  ['parallelismCap', 0],
  ['cpusetCores', NaN], // the node's cores, set below
  ['limitCores', Infinity],
  ['burstThreads', Infinity],
  ['burstWorkCoreSeconds', Infinity],
  ['received', 0],
  ['burstCores', 0],
  ['burstFraction', 0],
  ['contendedBurstCores', 0],
  ['expectedBurstCores', 0],
  ['contentionProb', 0],
  ['contentionSeconds', Infinity],
] as const satisfies readonly (readonly [keyof NodeCpuState, number])[];
const podFloats = [
  ['podShares', 0],
  ['podLimitCores', Infinity],
  ['podReceived', 0],
] as const satisfies readonly (readonly [keyof NodeCpuState, number])[];

/** A node state with room for `maxContainers` containers in `maxPods` pods, all slots empty. */
export function createNodeCpuState(maxContainers: number, maxPods: number, nodeCores: number): NodeCpuState {
  // Every field in the literal, so that all states share one shape with the arrays in the object.
  const none = new Float64Array(0);
  const state: NodeCpuState = {
    maxContainers: 0,
    maxPods: 0,
    containerCount: 0,
    podCount: 0,
    nodeCores,
    kubepodsShares: Math.round(nodeCores * 1024),
    burstableShares: minShares,
    besteffortShares: bestEffortShares,
    systemShares: defaultCgroupShares,
    systemDemandCores: 0,
    podIndex: new Int32Array(0),
    shares: none,
    demandCores: none,
    parallelismCap: none,
    cpusetCores: none,
    limitCores: none,
    burstThreads: none,
    burstWorkCoreSeconds: none,
    podQos: new Int32Array(0),
    podShares: none,
    podLimitCores: none,
    received: none,
    burstCores: none,
    burstFraction: none,
    contendedBurstCores: none,
    expectedBurstCores: none,
    contentionProb: none,
    contentionSeconds: none,
    podReceived: none,
    systemReceived: 0,
  };
  layOut(state, maxContainers, maxPods);
  return state;
}

/**
 * Makes room for at least `containers` containers and `pods` pods, at least doubling what grows,
 * and keeps every slot's value.
 */
export function ensureNodeCpuRoom(state: NodeCpuState, containers: number, pods: number): void {
  if (containers <= state.maxContainers && pods <= state.maxPods) return;
  layOut(
    state,
    containers <= state.maxContainers ? state.maxContainers : Math.max(containers, 2 * state.maxContainers),
    pods <= state.maxPods ? state.maxPods : Math.max(pods, 2 * state.maxPods),
  );
}

/** The state's arrays as views of one new buffer of this room, the old slots copied and the new ones at their defaults. */
function layOut(state: NodeCpuState, maxContainers: number, maxPods: number): void {
  const ints = maxContainers + maxPods + ((maxContainers + maxPods) & 1);
  const buffer = new ArrayBuffer(8 * (containerFloats.length * maxContainers + podFloats.length * maxPods) + 4 * ints);
  let at = 0;
  const floats = (name: keyof NodeCpuState, n: number, empty: number): void => {
    const old = state[name] as Float64Array;
    const a = new Float64Array(buffer, at, n);
    at += 8 * n;
    a.set(old);
    a.fill(empty, old.length);
    (state[name] as Float64Array) = a;
  };
  for (const [name, empty] of containerFloats) floats(name, maxContainers, name === 'cpusetCores' ? state.nodeCores : empty);
  for (const [name, empty] of podFloats) floats(name, maxPods, empty);
  const podIndex = new Int32Array(buffer, at, maxContainers);
  podIndex.set(state.podIndex);
  at += 4 * maxContainers;
  const podQos = new Int32Array(buffer, at, maxPods);
  podQos.set(state.podQos);
  state.podIndex = podIndex;
  state.podQos = podQos;
  state.maxContainers = maxContainers;
  state.maxPods = maxPods;
}

/**
 * Scratch with room for `state`'s containers and pods. A split writes every entry it reads, so one
 * scratch serves any number of nodes no larger than `state`, one at a time.
 */
export function createNodeCpuScratch(state: Pick<NodeCpuState, 'maxContainers' | 'maxPods'>): NodeCpuScratch {
  const level = Math.max(state.maxContainers, state.maxPods) + 3;
  return {
    maxContainers: state.maxContainers,
    maxPods: state.maxPods,
    containerCap: new Float64Array(state.maxContainers),
    podCap: new Float64Array(state.maxPods),
    podAlloc: new Float64Array(state.maxPods),
    podStart: new Int32Array(state.maxPods + 1),
    podFill: new Int32Array(state.maxPods),
    byPod: new Int32Array(state.maxContainers),
    groupPods: new Int32Array(state.maxPods),
    w: new Float64Array(level),
    u: new Float64Array(level),
    a: new Float64Array(level),
    ids: new Int32Array(level),
    alt: new Float64Array(state.maxContainers),
    altPod: new Float64Array(state.maxPods),
    burstCap: new Float64Array(state.maxContainers),
    burstLevel: new Float64Array(state.maxContainers),
    meanCap: new Float64Array(state.maxContainers),
    fitCap: new Float64Array(state.maxContainers),
    fitPodSum: new Float64Array(state.maxPods),
    fitPodCap: new Float64Array(state.maxPods),
    fitTop: new Float64Array(1),
    fill: createWaterFillScratch(level),
    io: new Float64Array(2),
  };
}
