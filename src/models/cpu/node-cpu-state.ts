/**
 * Struct-of-arrays CPU state of one node, reused every simulation step (house style: per-tick
 * functions run over typed arrays and allocate nothing). Slots are indexed by container and pod.
 */
import { bestEffortShares, defaultCgroupShares, minShares } from './defaults.js';
import { createWaterFillScratch, type WaterFillScratch } from './water-fill.js';

/** CPU inputs and outputs of one node; the caller fills the inputs each step. */
export interface NodeCpuState {
  /** Slot capacity for containers / pods (fixed at creation). */
  readonly maxContainers: number;
  readonly maxPods: number;
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
  readonly podIndex: Int32Array;
  /** Per container: cpu.shares from its request. */
  readonly shares: Float64Array;
  /** Per container: mean CPU demand this step, cores. */
  readonly demandCores: Float64Array;
  /** Per container: runnable threads available (thread pool size), cores. */
  readonly parallelismCap: Float64Array;
  /** Per container: cpuset size, cores (node cores when not pinned). */
  readonly cpusetCores: Float64Array;
  /** Per container: limit in cores (quota/period); Infinity without a limit. */
  readonly limitCores: Float64Array;
  /**
   * Per container: threads one burst runs on (request fan-out, or a periodic job's threads).
   * 0 = steady demand, never bursts above its mean; Infinity = bursts on all its threads.
   */
  readonly burstThreads: Float64Array;
  /** Per container: CPU of one burst (one request, one job), core·seconds; Infinity = unknown. */
  readonly burstWorkCoreSeconds: Float64Array;

  /** Per pod: QoS code (QOS_GUARANTEED / QOS_BURSTABLE / QOS_BEST_EFFORT). */
  readonly podQos: Int32Array;
  /** Per pod: pod cgroup shares (Σ requests, or 2 for BestEffort). */
  readonly podShares: Float64Array;
  /** Per pod: pod quota as cores; Infinity unless every container has a limit. */
  readonly podLimitCores: Float64Array;

  /** Output per container: cores received this step. */
  readonly received: Float64Array;
  /** Output per container: burst rate, cores it would get while running all its threads. */
  readonly burstCores: Float64Array;
  /** Output per container (computeBurstInterference): fraction of time it bursts, β. */
  readonly burstFraction: Float64Array;
  /** Output per container: burst rate while its bursting neighbours burst too, cores (≤ burstCores). */
  readonly contendedBurstCores: Float64Array;
  /**
   * Output per container: expected burst rate over its neighbours' burst states, cores: with them
   * idle (1 − p) or bursting (p). The rate at which a burst burns its quota.
   */
  readonly expectedBurstCores: Float64Array;
  /** Output per container: probability that one of its requests meets a neighbour's burst. */
  readonly contentionProb: Float64Array;
  /** Output per container: mean length of the neighbour bursts it meets, seconds (Infinity = unknown). */
  readonly contentionSeconds: Float64Array;
  /** Output per pod: cores received. */
  readonly podReceived: Float64Array;
  /** Output: cores received by system daemons. */
  systemReceived: number;
}

/** Preallocated working memory of {@link splitNodeCpu}; one per node capacity. */
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

/** A node state with room for `maxContainers` containers in `maxPods` pods, all slots empty. */
export function createNodeCpuState(maxContainers: number, maxPods: number, nodeCores: number): NodeCpuState {
  const f = (n: number): Float64Array => new Float64Array(n);
  return {
    maxContainers,
    maxPods,
    containerCount: 0,
    podCount: 0,
    nodeCores,
    kubepodsShares: Math.round(nodeCores * 1024),
    burstableShares: minShares,
    besteffortShares: bestEffortShares,
    systemShares: defaultCgroupShares,
    systemDemandCores: 0,
    podIndex: new Int32Array(maxContainers),
    shares: f(maxContainers),
    demandCores: f(maxContainers),
    parallelismCap: f(maxContainers),
    cpusetCores: f(maxContainers).fill(nodeCores),
    limitCores: f(maxContainers).fill(Infinity),
    burstThreads: f(maxContainers).fill(Infinity),
    burstWorkCoreSeconds: f(maxContainers).fill(Infinity),
    podQos: new Int32Array(maxPods),
    podShares: f(maxPods),
    podLimitCores: f(maxPods).fill(Infinity),
    received: f(maxContainers),
    burstCores: f(maxContainers),
    burstFraction: f(maxContainers),
    contendedBurstCores: f(maxContainers),
    expectedBurstCores: f(maxContainers),
    contentionProb: f(maxContainers),
    contentionSeconds: f(maxContainers).fill(Infinity),
    podReceived: f(maxPods),
    systemReceived: 0,
  };
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
