import type { Simulation } from './simulation.js';
import { NodePhase, PodPhase } from './pod-phase.js';
import { WorkloadAccumulators } from './workload-accumulators.js';
import { grow } from './cluster-state.js';
import { splitNodeCpu } from '../models/cpu/split-node-cpu.js';
import { createNodeCpuScratch, ensureNodeCpuRoom, type NodeCpuScratch, type NodeCpuState } from '../models/cpu/node-cpu-state.js';
import { computeBurstCores } from '../models/cpu/burst-cores.js';
import { computeBurstInterference } from '../models/cpu/burst-interference.js';
import { podLatencyContendedStep } from '../models/cpu/contended-latency.js';
import { milliToShares } from '../models/cpu/kubelet-mapping.js';
import { QOS_BURSTABLE } from '../models/cpu/qos-class.js';
import { cfsPeriodSeconds } from '../models/cpu/defaults.js';
import { createThrottleCache, shareThrottleTable, type ThrottleCache } from '../models/cpu/throttle-cache.js';
import { ExactInputMemo } from '../models/cpu/exact-input-memo.js';
import { throttleTable } from '../models/cpu/throttle-table.js';
import {
  createThrottleOut,
  packThrottleInput,
  THROTTLE_KEY_SIZE,
  THROTTLE_OUT_SIZE,
  throttleStep,
  THROTTLE_NR_PERIODS,
  THROTTLE_NR_THROTTLED,
  THROTTLE_RATIO,
  THROTTLE_STALL_PER_PERIOD_SECONDS,
  THROTTLE_THROTTLED_SECONDS,
  THROTTLE_LAT_P50,
  THROTTLE_LAT_P90,
  THROTTLE_LAT_P99,
  type ThrottleStepInput,
} from '../models/cpu/throttle-step.js';
import {
  createLatencyInput,
  createLatencyOut,
  packLatencyInput,
  LATENCY_KEY_SIZE,
  LAT_OUT_SIZE,
  LAT_BACKLOG_OUT,
  LAT_P50,
  LAT_P90,
  LAT_P99,
  LAT_SLO_VIOLATED_SECONDS,
} from '../models/cpu/request-latency.js';
import { REQUEST_TIMEOUT_SECONDS } from './defaults.js';
import { ColocationTracker } from './colocation-tracker.js';
import {
  quietNodeSteps,
  QuietNodeReplay,
  VISIT_DEMAND,
  VISIT_DROPPED,
  VISIT_INT_BUCKETS,
  VISIT_INT_CONTAINER_TYPE,
  VISIT_INT_POD,
  VISIT_INT_SERVED,
  VISIT_INT_SLOT,
  VISIT_INT_STRIDE,
  VISIT_INT_WORKLOAD,
  VISIT_NR_PERIODS,
  VISIT_NR_THROTTLED,
  VISIT_P50,
  VISIT_P90,
  VISIT_P99,
  VISIT_POINTS_MAX,
  VISIT_RECEIVED,
  VISIT_RPS,
  VISIT_SHARE,
  VISIT_SLO_SECONDS,
  VISIT_STRIDE,
  VISIT_THROTTLED_SECONDS,
} from './quiet-node-replay.js';
import { RepeatedStep } from './repeated-step.js';

/**
 * Monte Carlo throttle estimates are deterministic per quantized key (seeded by the key), so one
 * cache serves every run in the process: before and after, every seed and sweep point.
 */
const throttleCache = createThrottleCache(1000, 100);
/** Recent inputs remembered per container type: the distinct node states a step's pods meet are few. */
const memoWays = 4;

/** The step, and what must run before the run's totals are read. */
export interface CpuStep {
  readonly step: (now: number) => void;
  /** Adds the co-location seconds still held per node (colocation-tracker.ts). */
  readonly settle: () => void;
}

/** Options of {@link createCpuStep}. */
export interface CpuStepOptions {
  /**
   * Replay a node's last step when every input of its CPU step repeats (quiet-node-replay.ts).
   * Off only to check that replaying gives the same bytes as recomputing. @default true
   */
  readonly replayQuietNodes?: boolean;
}

/** A node not recorded writes no visit record. */
const noVisits = new Float64Array(0);
const noVisitInts = new Int32Array(0);

/** Seconds each workload ran, and ran beside each other workload, on the same node. */
export interface Colocation {
  readonly podSeconds: Float64Array;
  readonly withSeconds: Float64Array[];
}

/**
 * The CPU step: each node's cores split among its pods by CFS weights and quotas (the DaemonSet
 * pods as one Burstable pod that uses what it requests), then throttling, latency and backlog per
 * pod, summed into the interval accumulators. Allocation-free in the steady state: every buffer is
 * created here once. Returns the step, run after offerLoad (offered-load.ts) each step, and the
 * settling of the co-location totals, run before they are read.
 */
export function createCpuStep(sim: Simulation, interval: WorkloadAccumulators, colocation: Colocation, options: CpuStepOptions = {}): CpuStep {
  const replayQuiet = options.replayQuietNodes ?? true;
  const { state: s, workloads, scenario } = sim;
  const dt = scenario.stepMs / 1000;
  const throttleIn: ThrottleStepInput = {
    meanDemandCores: 0,
    arrivalRatePerSecond: 0,
    cpuPerRequestSeconds: 0,
    cpuDist: 'exp',
    cpuCv: 1,
    fanout: 1,
    threadsCap: 1,
    burstCores: 0,
    limitCores: Infinity,
    periodSeconds: cfsPeriodSeconds,
    stepSeconds: dt,
    workers: 1,
  };
  const throttleOut = createThrottleOut();
  const latencyIn = createLatencyInput();
  latencyIn.stepSeconds = dt;
  latencyIn.periodSeconds = cfsPeriodSeconds;
  const latencyOut = createLatencyOut();
  const C = s.containersPerPod;
  // Pods of a workload on uncontended nodes repeat each other's inputs within a step: one solve each.
  let containerTypes = 0;
  for (const w of workloads) for (const ctr of w.containers) containerTypes = Math.max(containerTypes, ctr.globalIndex + 1);
  const throttleMemo = new ExactInputMemo(containerTypes, memoWays, THROTTLE_KEY_SIZE, THROTTLE_OUT_SIZE);
  const latencyMemo = new ExactInputMemo(containerTypes, memoWays, LATENCY_KEY_SIZE, LAT_OUT_SIZE);
  let demand = new Float64Array(s.podCapacity * C);
  // One scratch for every node, grown to the largest: a scratch per node made each node's split
  // touch its own cold copy, some 30 kB per node at a thousand nodes.
  let scratch: NodeCpuScratch = createNodeCpuScratch({ maxContainers: 0, maxPods: 0 });
  let burstableMilli = new Float64Array(s.nodeCapacity);
  // Only a load without noise can repeat a step exactly: a node is recorded for replay only when
  // every pod on it has one, so that runs under the default Poisson noise pay nothing for it.
  const noiseFree = Uint8Array.from(workloads, (w) => (w.config.load.noise === 'none' ? 1 : 0));
  let quietCapable = new Uint8Array(s.nodeCapacity);
  const latencyArgs = new Float64Array(5);
  const colocated = new ColocationTracker(colocation, workloads.length, dt);
  // Where the step's per-workload additions go. Under loads without noise a whole step can repeat
  // (repeated-step.ts): they are summed per step first and the sums added to the interval, so a
  // repeated step adds each workload's sums once instead of replaying every container's visit.
  // Under noise no step repeats, and they go straight to the interval as they always did.
  const stepSums = noiseFree.includes(1) ? new WorkloadAccumulators(interval.size, interval.containerSize) : undefined;
  const sums = stepSums ?? interval;
  const quiet = new QuietNodeReplay(s, workloads, sums, C);
  const repeated = new RepeatedStep(s, workloads, sim.nodes.cpu);
  // Whether every node of the last computed step was recorded (no node under a noisy load).
  let allRecorded = false;
  let curPods = new Int32Array(0);
  let curWorkloads = new Int32Array(0);
  // Per node, per CPU-state container slot: the pod slot (-1 = the DaemonSets) and its container index.
  let members: Int32Array[] = [];
  let memberContainer: Int32Array[] = [];

  /** A container slot of pod slot `podSlot` on node n (pod `pod`, its container `container`); the caller writes its numbers. */
  const addContainer = (cpu: NodeCpuState, n: number, pod: number, container: number, podSlot: number): number => {
    const k = cpu.containerCount++;
    if (k === cpu.maxContainers) ensureNodeCpuRoom(cpu, k + 1, cpu.maxPods);
    if (k === members[n]!.length) {
      members[n] = grow(members[n]!, cpu.maxContainers);
      memberContainer[n] = grow(memberContainer[n]!, cpu.maxContainers);
    }
    members[n]![k] = pod;
    memberContainer[n]![k] = container;
    cpu.podIndex[k] = podSlot;
    cpu.cpusetCores[k] = cpu.nodeCores;
    return k;
  };

  /** Demand per container, and the pods of each node into its CPU state. */
  const fillNodeStates = (): void => {
    if (demand.length < s.podCapacity * C) demand = new Float64Array(s.podCapacity * C);
    if (burstableMilli.length < s.nodeCapacity) burstableMilli = new Float64Array(s.nodeCapacity);
    if (quietCapable.length < s.nodeCapacity) quietCapable = new Uint8Array(s.nodeCapacity);
    // Demand per container, and the pods of each node into its CPU state.
    for (let n = 0; n < s.nodeHighWater; n++) {
      const cpu = sim.nodes.cpu[n];
      if (!cpu) continue;
      cpu.containerCount = 0;
      cpu.podCount = 0;
      // addContainer grows the lists with the node's state.
      if (!members[n]) {
        members[n] = new Int32Array(cpu.maxContainers);
        memberContainer[n] = new Int32Array(cpu.maxContainers);
      }
      quietCapable[n] = 1;
      // The DaemonSet pods as one Burstable pod that uses what it requests.
      burstableMilli[n] = sim.nodes.daemon.cpuMilli;
      if (sim.nodes.daemon.cpuMilli > 0) {
        const shares = sim.weightOf(milliToShares(sim.nodes.daemon.cpuMilli));
        const podSlot = addPod(cpu, QOS_BURSTABLE);
        cpu.podShares[podSlot] = shares;
        cpu.podLimitCores[podSlot] = Infinity;
        const k = addContainer(cpu, n, -1, 0, podSlot);
        cpu.shares[k] = shares;
        cpu.demandCores[k] = sim.nodes.daemon.cpuMilli / 1000;
        cpu.parallelismCap[k] = 2;
        cpu.limitCores[k] = Infinity;
        cpu.burstThreads[k] = 0;
        cpu.burstWorkCoreSeconds[k] = Infinity;
      }
    }
    for (let p = 0; p < s.podHighWater; p++) {
      const phase = s.podPhase[p]!;
      const n = s.podNode[p]!;
      if (n < 0 || phase === PodPhase.free || phase === PodPhase.starting || phase === PodPhase.pending) continue;
      const cpu = sim.nodes.cpu[n];
      if (!cpu) continue;
      const w = workloads[s.podWorkload[p]!]!;
      const perPod = phase === PodPhase.ready ? w.arrivals / w.readyPods : 0;
      quietCapable[n] = quietCapable[n]! & noiseFree[w.index]!;
      if (w.qos === QOS_BURSTABLE) burstableMilli[n]! += w.config.requests.cpuMilli;
      const podSlot = addPod(cpu, w.qos);
      cpu.podShares[podSlot] = w.podShares;
      cpu.podLimitCores[podSlot] = w.podLimitCores;
      for (let c = 0; c < w.containers.length; c++) {
        const ctr = w.containers[c]!;
        const d = ctr.idleCores + (perPod * ctr.cpuPerRequestSeconds + s.ctrBacklog[p * C + c]!) / dt;
        demand[p * C + c] = d;
        const k = addContainer(cpu, n, p, c, podSlot);
        cpu.shares[k] = ctr.shares;
        cpu.demandCores[k] = d;
        cpu.parallelismCap[k] = ctr.workerThreads;
        cpu.limitCores[k] = ctr.limitCores;
        // A request's burst runs on its fan-out threads for its CPU (burst-interference.ts).
        cpu.burstThreads[k] = Math.max(1, ctr.fanout);
        cpu.burstWorkCoreSeconds[k] = ctr.cpuPerRequestSeconds;
      }
    }
  };

  /**
   * Node n's step: its cores split, or its last step replayed. Apart from the loop over nodes,
   * so that a branch first taken late in a run (a node starting, a quiet node) makes V8
   * recompile this function and not the whole step.
   */
  const stepNode = (n: number): void => {
    const cpu = sim.nodes.cpu[n];
    if (!cpu || s.nodePhase[n] === NodePhase.provisioning) {
      colocated.vacate(n);
      quiet.forget(n);
      return;
    }
    // kubepods/burstable: shares of the sum of its pods' requests (qos_container_manager_linux.go).
    cpu.burstableShares = sim.weightOf(milliToShares(burstableMilli[n]!));
    if (scratch.maxContainers < cpu.maxContainers || scratch.maxPods < cpu.maxPods) {
      scratch = createNodeCpuScratch({ maxContainers: Math.max(scratch.maxContainers, cpu.maxContainers), maxPods: Math.max(scratch.maxPods, cpu.maxPods) });
    }
    const list = members[n]!;
    const listContainer = memberContainer[n]!;
    // Co-scheduling: which pods share this node during the step (once per pod, at its first container).
    if (curPods.length < cpu.containerCount) {
      curPods = new Int32Array(cpu.maxContainers);
      curWorkloads = new Int32Array(cpu.maxContainers);
    }
    let m = 0;
    for (let k = 0; k < cpu.containerCount; k++) {
      const p = list[k]!;
      if (p < 0 || listContainer[k] !== 0) continue;
      curPods[m] = p;
      curWorkloads[m++] = s.podWorkload[p]!;
    }
    colocated.observe(n, curPods, curWorkloads, m);
    // A recorded node whose inputs repeat the last step's adds that step's record again.
    const recording = replayQuiet && quietCapable[n] === 1;
    if (!recording) {
      quiet.forget(n);
      allRecorded = false;
    } else if (quiet.refresh(n, cpu, list, listContainer, sim.nodes.daemon.cpuMilli)) {
      quiet.replay(n);
      return;
    }
    splitNodeCpu(cpu, scratch);
    computeBurstCores(cpu, scratch, true);
    computeBurstInterference(cpu, scratch);
    accountContainers(n, cpu, list, listContainer, recording);
  };

  /**
   * Throttling, latency and backlog of node n's containers after its split, added to the
   * interval's accumulators (and to the node's replay record when `recording`).
   */
  const accountContainers = (n: number, cpu: NodeCpuState, list: Int32Array, listContainer: Int32Array, recording: boolean): void => {
    const log = recording ? quiet.visitsOf(n) : noVisits;
    const ints = recording ? quiet.visitIntsOf(n) : noVisitInts;
    let visits = 0;
    // Containers of one pod are consecutive, the serving one first: a pod's latency is its serving
    // container's plus the in-path delay its other containers (a proxy sidecar) add, an upper
    // bound of the sum's quantiles (docs/models/latency.md).
    let podExtraP50 = 0;
    let podExtraP90 = 0;
    let podExtraP99 = 0;
    let podDropped = 0;
    for (let first = 0; first < cpu.containerCount; first++) {
      const p = list[first]!;
      if (p < 0) continue;
      const count = workloads[s.podWorkload[p]!]!.containers.length;
      podExtraP50 = 0;
      podExtraP90 = 0;
      podExtraP99 = 0;
      podDropped = 0;
      // The pod's other containers first, so the serving one (its first) sees their delay.
      for (let k = first + count - 1; k >= first; k--) {
        const c = listContainer[k]!;
        const w = workloads[s.podWorkload[p]!]!;
        const ctr = w.containers[c]!;
        const wi = w.index;
        const gi = ctr.globalIndex;
        const received = cpu.received[k]!;
        const slot = p * C + c;
        const ready = s.podPhase[p] === PodPhase.ready;
        const share = ready ? w.arrivals / w.readyPods : 0;
        // Throttling is estimated for the arrival process (its expected rate, which also keeps the
        // Monte Carlo cache keys few); queueing takes the step's realised arrivals, the same work
        // the CPU split was asked for, so demand and service stay consistent.
        const lambda = ready ? w.rate / w.readyPods : 0;
        const realised = share / dt;
        throttleIn.meanDemandCores = demand[slot]!;
        throttleIn.arrivalRatePerSecond = lambda;
        throttleIn.cpuPerRequestSeconds = ctr.cpuPerRequestSeconds;
        throttleIn.cpuDist = ctr.cpuDist;
        throttleIn.cpuCv = ctr.cpuCv;
        throttleIn.fanout = ctr.fanout;
        throttleIn.threadsCap = Math.min(ctr.workerThreads, cpu.nodeCores);
        throttleIn.workers = ctr.workerThreads;
        // A burst burns the quota at its rate averaged over the neighbours' bursts (burst-interference.ts).
        const pc = cpu.contentionProb[k]!;
        throttleIn.burstCores = cpu.expectedBurstCores[k]!;
        throttleIn.limitCores = ctr.limitCores;
        packThrottleInput(throttleIn, throttleMemo.key);
        if (!throttleMemo.lookup(gi, throttleOut)) {
          throttleStep(throttleIn, throttleCache, throttleOut);
          throttleMemo.store(gi, throttleOut);
        }
        const rdt = received * dt;
        const ddt = demand[slot]! * dt;
        s.podCpuSeconds[p]! += rdt;
        s.ctrCpuSeconds[slot]! += rdt;
        sums.cpuDemandCoreSeconds[wi]! += ddt;
        sums.cpuReceivedCoreSeconds[wi]! += rdt;
        sums.containerCpuReceivedCoreSeconds[gi]! += rdt;
        if (ctr.serving) s.podRps[p] = realised;
        sums.nrPeriods[wi]! += throttleOut[THROTTLE_NR_PERIODS]!;
        sums.nrThrottled[wi]! += throttleOut[THROTTLE_NR_THROTTLED]!;
        sums.throttledSeconds[wi]! += throttleOut[THROTTLE_THROTTLED_SECONDS]!;
        sums.containerNrPeriods[gi]! += throttleOut[THROTTLE_NR_PERIODS]!;
        sums.containerNrThrottled[gi]! += throttleOut[THROTTLE_NR_THROTTLED]!;
        // The record holds what was just added, in this order (quiet-node-replay.ts adds it again).
        const o = visits * VISIT_STRIDE;
        const i = visits * VISIT_INT_STRIDE;
        if (recording) {
          visits++;
          ints[i + VISIT_INT_POD] = p;
          ints[i + VISIT_INT_SLOT] = slot;
          ints[i + VISIT_INT_WORKLOAD] = wi;
          ints[i + VISIT_INT_CONTAINER_TYPE] = gi;
          ints[i + VISIT_INT_SERVED] = 0;
          log[o + VISIT_RECEIVED] = rdt;
          log[o + VISIT_DEMAND] = ddt;
          log[o + VISIT_RPS] = ctr.serving ? realised : NaN;
          log[o + VISIT_NR_PERIODS] = throttleOut[THROTTLE_NR_PERIODS]!;
          log[o + VISIT_NR_THROTTLED] = throttleOut[THROTTLE_NR_THROTTLED]!;
          log[o + VISIT_THROTTLED_SECONDS] = throttleOut[THROTTLE_THROTTLED_SECONDS]!;
        }
        if (!ready || share <= 0 || (!ctr.serving && ctr.cpuPerRequestSeconds <= 0)) {
          s.ctrBacklog[slot] = 0;
          continue;
        }
        latencyIn.arrivalRatePerSecond = realised;
        latencyIn.cpuPerRequestSeconds = ctr.cpuPerRequestSeconds;
        latencyIn.cpuDist = ctr.cpuDist;
        latencyIn.cpuCv = ctr.cpuCv;
        latencyIn.fanout = ctr.fanout;
        latencyIn.workers = ctr.workerThreads;
        latencyIn.receivedCores = Math.max(0, received - ctr.idleCores);
        latencyIn.burstCores = Math.max(0, cpu.burstCores[k]! - ctr.idleCores);
        latencyIn.limitCores = ctr.limitCores - ctr.idleCores;
        latencyIn.contendedBurstCores = Math.max(0, cpu.contendedBurstCores[k]! - ctr.idleCores);
        latencyIn.contentionProb = pc;
        latencyIn.contentionSeconds = cpu.contentionSeconds[k]!;
        latencyIn.throttledRatio = throttleOut[THROTTLE_RATIO]!;
        latencyIn.stallPerThrottledSeconds = throttleOut[THROTTLE_STALL_PER_PERIOD_SECONDS]!;
        // The Monte Carlo's own request latencies catch pile-ups over several throttled periods.
        latencyIn.throttledLatencyP50Seconds = throttleOut[THROTTLE_LAT_P50]!;
        latencyIn.throttledLatencyP90Seconds = throttleOut[THROTTLE_LAT_P90]!;
        latencyIn.throttledLatencyP99Seconds = throttleOut[THROTTLE_LAT_P99]!;
        latencyIn.backlogCoreSeconds = s.ctrBacklog[slot]!;
        const T = REQUEST_TIMEOUT_SECONDS;
        // The SLO budget left to the serving container after the in-path containers' delay.
        latencyIn.sloSeconds = ctr.serving && w.config.slo ? Math.max(0, w.config.slo.latencyMs / 1000 - podExtraP99) : Infinity;
        latencyIn.sloQuantile = w.config.slo ? w.config.slo.percentile / 100 : 0.99;
        packLatencyInput(latencyIn, latencyMemo.key);
        if (!latencyMemo.lookup(gi, latencyOut)) {
          podLatencyContendedStep(latencyIn, latencyOut);
          latencyMemo.store(gi, latencyOut);
        }
        // Clients give up after the request timeout: work older than that is dropped, not queued.
        const drainRate = Math.max(latencyIn.receivedCores, 1e-3);
        const maxBacklog = drainRate * T;
        const backlog = latencyOut[LAT_BACKLOG_OUT]!;
        const overflow = backlog > maxBacklog;
        const abandoned = overflow ? (backlog - maxBacklog) / ctr.cpuPerRequestSeconds : 0;
        s.ctrBacklog[slot] = overflow ? maxBacklog : backlog;
        if (!ctr.serving) {
          // A request waits in each container on its path: the proxy's delay adds to the app's.
          podExtraP50 += latencyOut[LAT_P50]!;
          podExtraP90 += latencyOut[LAT_P90]!;
          podExtraP99 += latencyOut[LAT_P99]!;
          podDropped = Math.max(podDropped, abandoned);
          continue;
        }
        // A request abandoned in either queue is one dropped request, counted once.
        const dropped = Math.max(abandoned, podDropped);
        sums.droppedRequests[wi]! += dropped;
        const anyOverflow = dropped > 0;
        // Requests slower than the timeout never complete: they are no latency. When a queue
        // overflowed, the abandoned work above was counted as dropped already and the requests
        // left wait at most the timeout, so the tail beyond it is not counted twice.
        const p50 = latencyOut[LAT_P50]! + podExtraP50;
        const p90 = latencyOut[LAT_P90]! + podExtraP90;
        const p99 = latencyOut[LAT_P99]! + podExtraP99;
        latencyArgs[0] = share;
        latencyArgs[1] = anyOverflow ? Math.min(p50, T) : p50;
        latencyArgs[2] = anyOverflow ? Math.min(p90, T) : p90;
        latencyArgs[3] = anyOverflow ? Math.min(p99, T) : p99;
        latencyArgs[4] = T;
        const histogram = sums.latency[wi]!;
        histogram.addFrom(latencyArgs, 0);
        if (!anyOverflow) sums.droppedRequests[wi]! += histogram.dropped;
        const sloSeconds = latencyOut[LAT_SLO_VIOLATED_SECONDS]! * (share / w.arrivals);
        sums.sloViolatedSeconds[wi]! += sloSeconds;
        if (recording) {
          ints[i + VISIT_INT_SERVED] = 1;
          log[o + VISIT_DROPPED] = dropped;
          log[o + VISIT_SHARE] = share;
          // Where this call's points fell: the replay adds its requests there without placing them.
          log[o + VISIT_POINTS_MAX] = histogram.copyPlacement(ints, i + VISIT_INT_BUCKETS);
          log[o + VISIT_P50] = latencyArgs[1]!;
          log[o + VISIT_P90] = latencyArgs[2]!;
          log[o + VISIT_P99] = latencyArgs[3]!;
          log[o + VISIT_SLO_SECONDS] = sloSeconds;
        }
      }
      first += count - 1;
    }
    if (recording) quiet.recorded(n, visits);
  };

  const step = (): void => {
    if (replayQuiet && allRecorded && repeated.same()) {
      replayStep();
      return;
    }
    // The next step compares its inputs with this one's. Only when the last step recorded every
    // node: under noise no step repeats, and then no snapshot is taken.
    if (allRecorded) repeated.take();
    else repeated.clear();
    fillNodeStates();
    allRecorded = replayQuiet;
    stepSums?.reset();
    for (let n = 0; n < s.nodeHighWater; n++) stepNode(n);
    if (stepSums) interval.add(stepSums);
  };

  /**
   * A step whose every input repeats the last one's (repeated-step.ts): each node that ran replays
   * its record, in node order as stepNode would (after a step that recorded every node, the nodes
   * that ran are those with a record), and each keeps its co-located pods one step more. The
   * step's sums per workload are the last step's, still held: added once, as that step added them.
   */
  const replayStep = (): void => {
    quietNodeSteps.wholeSteps++;
    if (stepSums) {
      quiet.replayPods(s.nodeHighWater);
      interval.add(stepSums);
    } else {
      for (let n = 0; n < s.nodeHighWater; n++) if (quiet.has(n)) quiet.replay(n);
    }
    colocated.repeat();
  };
  return { step, settle: () => colocated.settle() };
}

/**
 * A pod slot of QoS `qos` on the node; the caller writes its weight and limit. The numbers are not
 * arguments: a number passed to a call V8 does not inline is a heap allocation, every pod and step.
 */
function addPod(cpu: NodeCpuState, qos: number): number {
  const podSlot = cpu.podCount++;
  if (podSlot === cpu.maxPods) ensureNodeCpuRoom(cpu, cpu.maxContainers, podSlot + 1);
  cpu.podQos[podSlot] = qos;
  return podSlot;
}

/**
 * Shares this thread's throttle results with every thread given the same buffer
 * (throttle-table.ts): the sweep's and compare's worker pool and its workers.
 */
export function shareThrottleResults(buffer: SharedArrayBuffer): void {
  shareThrottleTable(throttleCache, throttleTable(buffer));
}

/** The process-wide throttle cache (for benchmarks: hits and misses). */
export function sharedThrottleCache(): ThrottleCache {
  return throttleCache;
}
