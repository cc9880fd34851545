import type { Simulation } from './simulation.js';
import { NodePhase, PodPhase } from './pod-phase.js';
import type { WorkloadAccumulators } from './workload-accumulators.js';
import { splitNodeCpu } from '../models/cpu/split-node-cpu.js';
import { computeBurstCores } from '../models/cpu/burst-cores.js';
import { computeBurstInterference } from '../models/cpu/burst-interference.js';
import { podLatencyContendedStep } from '../models/cpu/contended-latency.js';
import { milliToShares } from '../models/cpu/kubelet-mapping.js';
import { QOS_BURSTABLE } from '../models/cpu/qos-class.js';
import { cfsPeriodSeconds } from '../models/cpu/defaults.js';
import { createThrottleCache, type ThrottleCache } from '../models/cpu/throttle-cache.js';
import {
  createThrottleOut,
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
  LAT_BACKLOG_OUT,
  LAT_P50,
  LAT_P90,
  LAT_P99,
  LAT_SLO_VIOLATED_SECONDS,
} from '../models/cpu/request-latency.js';
import { REQUEST_TIMEOUT_SECONDS } from './defaults.js';

/**
 * Monte Carlo throttle estimates are deterministic per quantized key (seeded by the key), so one
 * cache serves every run in the process: before and after, every seed and sweep point.
 */
const throttleCache = createThrottleCache(1000, 100);

/** Seconds each workload ran, and ran beside each other workload, on the same node. */
export interface Colocation {
  readonly podSeconds: Float64Array;
  readonly withSeconds: Float64Array[];
}

/**
 * The CPU step: each node's cores split among its pods by CFS weights and quotas (the DaemonSet
 * pods as one Burstable pod that uses what it requests), then throttling, latency and backlog per
 * pod, summed into the interval accumulators. Allocation-free in the steady state: every buffer is
 * created here once. Returns the step function, run after offerLoad (offered-load.ts) each step.
 */
export function createCpuStep(sim: Simulation, interval: WorkloadAccumulators, colocation: Colocation): (now: number) => void {
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
  let demand = new Float64Array(s.podCapacity);
  let burstableMilli = new Float64Array(s.nodeCapacity);
  const seen = new Uint8Array(workloads.length);
  const present = new Int32Array(workloads.length);
  let presentCount = 0;
  let members: Int32Array[] = [];

  return (): void => {
    if (demand.length < s.podCapacity) demand = new Float64Array(s.podCapacity);
    if (burstableMilli.length < s.nodeCapacity) burstableMilli = new Float64Array(s.nodeCapacity);
    // Demand per pod, and the pods of each node into its CPU state.
    for (let n = 0; n < s.nodeHighWater; n++) {
      const cpu = sim.nodes.cpu[n];
      if (!cpu) continue;
      cpu.containerCount = 0;
      cpu.podCount = 0;
      if (!members[n] || members[n]!.length < cpu.maxContainers) members[n] = new Int32Array(cpu.maxContainers);
      // The DaemonSet pods as one Burstable pod that uses what it requests.
      burstableMilli[n] = sim.nodes.daemon.cpuMilli;
      if (sim.nodes.daemon.cpuMilli > 0) addContainer(cpu, members[n]!, -1, sim.weightOf(milliToShares(sim.nodes.daemon.cpuMilli)), QOS_BURSTABLE, sim.nodes.daemon.cpuMilli / 1000, 2, Infinity, 0, Infinity);
    }
    for (let p = 0; p < s.podHighWater; p++) {
      const phase = s.podPhase[p]!;
      const n = s.podNode[p]!;
      if (n < 0 || phase === PodPhase.free || phase === PodPhase.starting || phase === PodPhase.pending) continue;
      const cpu = sim.nodes.cpu[n];
      if (!cpu) continue;
      const w = workloads[s.podWorkload[p]!]!;
      let d = w.idleCores;
      if (phase === PodPhase.ready) d += ((w.arrivals / w.readyPods) * w.cpuPerRequestSeconds + s.podBacklog[p]!) / dt;
      demand[p] = d;
      if (w.qos === QOS_BURSTABLE) burstableMilli[n]! += w.config.requests.cpuMilli;
      // A request's burst runs on its fan-out threads for its CPU (burst-interference.ts).
      addContainer(cpu, members[n]!, p, w.shares, w.qos, d, w.config.workerThreads, w.limitCores, Math.max(1, w.config.fanout), w.cpuPerRequestSeconds);
    }
    // Split each node's cores; throttling and latency per pod.
    for (let n = 0; n < s.nodeHighWater; n++) {
      const cpu = sim.nodes.cpu[n];
      if (!cpu || s.nodePhase[n] === NodePhase.provisioning) continue;
      // kubepods/burstable: shares of the sum of its pods' requests (qos_container_manager_linux.go).
      cpu.burstableShares = sim.weightOf(milliToShares(burstableMilli[n]!));
      const scratch = sim.nodes.scratch[n]!;
      // Co-scheduling: which workloads share this node during the step (bit per workload index).
      presentCount = 0;
      for (let k = 0; k < cpu.containerCount; k++) {
        const p = members[n]![k]!;
        if (p < 0) continue;
        const wi = s.podWorkload[p]!;
        if (!seen[wi]) {
          seen[wi] = 1;
          present[presentCount++] = wi;
        }
      }
      for (let k = 0; k < cpu.containerCount; k++) {
        const p = members[n]![k]!;
        if (p < 0) continue;
        const wi = s.podWorkload[p]!;
        colocation.podSeconds[wi]! += dt;
        const row = colocation.withSeconds[wi]!;
        for (let j = 0; j < presentCount; j++) row[present[j]!]! += dt;
      }
      for (let j = 0; j < presentCount; j++) seen[present[j]!] = 0;
      splitNodeCpu(cpu, scratch);
      computeBurstCores(cpu, scratch, true);
      computeBurstInterference(cpu, scratch);
      const list = members[n]!;
      for (let k = 0; k < cpu.containerCount; k++) {
        const p = list[k]!;
        if (p < 0) continue;
        const w = workloads[s.podWorkload[p]!]!;
        const wi = w.index;
        const received = cpu.received[k]!;
        s.podCpuSeconds[p]! += received * dt;
        interval.cpuDemandCoreSeconds[wi]! += demand[p]! * dt;
        interval.cpuReceivedCoreSeconds[wi]! += received * dt;
        const ready = s.podPhase[p] === PodPhase.ready;
        const share = ready ? w.arrivals / w.readyPods : 0;
        // Throttling is estimated for the arrival process (its expected rate, which also keeps the
        // Monte Carlo cache keys few); queueing takes the step's realised arrivals, the same work
        // the CPU split was asked for, so demand and service stay consistent.
        const lambda = ready ? w.rate / w.readyPods : 0;
        const realised = share / dt;
        s.podRps[p] = realised;
        throttleIn.meanDemandCores = demand[p]!;
        throttleIn.arrivalRatePerSecond = lambda;
        throttleIn.cpuPerRequestSeconds = w.cpuPerRequestSeconds;
        throttleIn.cpuDist = w.cpuDist;
        throttleIn.cpuCv = w.config.cpuPerRequestCv;
        throttleIn.fanout = w.config.fanout;
        throttleIn.threadsCap = Math.min(w.config.workerThreads, cpu.nodeCores);
        throttleIn.workers = w.config.workerThreads;
        // A burst burns the quota at its rate averaged over the neighbours' bursts (burst-interference.ts).
        const pc = cpu.contentionProb[k]!;
        throttleIn.burstCores = cpu.expectedBurstCores[k]!;
        throttleIn.limitCores = w.limitCores;
        throttleStep(throttleIn, throttleCache, throttleOut);
        interval.nrPeriods[wi]! += throttleOut[THROTTLE_NR_PERIODS]!;
        interval.nrThrottled[wi]! += throttleOut[THROTTLE_NR_THROTTLED]!;
        interval.throttledSeconds[wi]! += throttleOut[THROTTLE_THROTTLED_SECONDS]!;
        if (!ready || share <= 0) {
          s.podBacklog[p] = 0;
          continue;
        }
        latencyIn.arrivalRatePerSecond = realised;
        latencyIn.cpuPerRequestSeconds = w.cpuPerRequestSeconds;
        latencyIn.cpuDist = w.cpuDist;
        latencyIn.cpuCv = w.config.cpuPerRequestCv;
        latencyIn.fanout = w.config.fanout;
        latencyIn.workers = w.config.workerThreads;
        latencyIn.receivedCores = Math.max(0, received - w.idleCores);
        latencyIn.burstCores = Math.max(0, cpu.burstCores[k]! - w.idleCores);
        latencyIn.limitCores = w.limitCores - w.idleCores;
        latencyIn.contendedBurstCores = Math.max(0, cpu.contendedBurstCores[k]! - w.idleCores);
        latencyIn.contentionProb = pc;
        latencyIn.contentionSeconds = cpu.contentionSeconds[k]!;
        latencyIn.throttledRatio = throttleOut[THROTTLE_RATIO]!;
        latencyIn.stallPerThrottledSeconds = throttleOut[THROTTLE_STALL_PER_PERIOD_SECONDS]!;
        // The Monte Carlo's own request latencies catch pile-ups over several throttled periods.
        latencyIn.throttledLatencyP50Seconds = throttleOut[THROTTLE_LAT_P50]!;
        latencyIn.throttledLatencyP90Seconds = throttleOut[THROTTLE_LAT_P90]!;
        latencyIn.throttledLatencyP99Seconds = throttleOut[THROTTLE_LAT_P99]!;
        latencyIn.backlogCoreSeconds = s.podBacklog[p]!;
        latencyIn.sloSeconds = w.config.slo ? w.config.slo.latencyMs / 1000 : Infinity;
        latencyIn.sloQuantile = w.config.slo ? w.config.slo.percentile / 100 : 0.99;
        podLatencyContendedStep(latencyIn, latencyOut);
        // Clients give up after the request timeout: work older than that is dropped, not queued.
        const drainRate = Math.max(latencyIn.receivedCores, 1e-3);
        const maxBacklog = drainRate * REQUEST_TIMEOUT_SECONDS;
        const backlog = latencyOut[LAT_BACKLOG_OUT]!;
        const overflow = backlog > maxBacklog;
        if (overflow) {
          interval.droppedRequests[wi]! += (backlog - maxBacklog) / w.cpuPerRequestSeconds;
          s.podBacklog[p] = maxBacklog;
        } else {
          s.podBacklog[p] = backlog;
        }
        // Requests slower than the timeout never complete: they are no latency. When the queue
        // overflowed, the abandoned work above was counted as dropped already and the requests
        // left wait at most the timeout, so the tail beyond it is not counted twice.
        const T = REQUEST_TIMEOUT_SECONDS;
        const late = overflow
          ? interval.latency[wi]!.add(share, Math.min(latencyOut[LAT_P50]!, T), Math.min(latencyOut[LAT_P90]!, T), Math.min(latencyOut[LAT_P99]!, T), T)
          : interval.latency[wi]!.add(share, latencyOut[LAT_P50]!, latencyOut[LAT_P90]!, latencyOut[LAT_P99]!, T);
        if (!overflow) interval.droppedRequests[wi]! += late;
        interval.sloViolatedSeconds[wi]! += latencyOut[LAT_SLO_VIOLATED_SECONDS]! * (share / w.arrivals);
      }
    }
  };
}

function addContainer(
  cpu: import('../models/cpu/node-cpu-state.js').NodeCpuState,
  members: Int32Array,
  pod: number,
  shares: number,
  qos: number,
  demandCores: number,
  threads: number,
  limitCores: number,
  burstThreads: number,
  burstWorkCoreSeconds: number,
): void {
  const k = cpu.containerCount++;
  const podSlot = cpu.podCount++;
  members[k] = pod;
  cpu.podIndex[k] = podSlot;
  cpu.shares[k] = shares;
  cpu.demandCores[k] = demandCores;
  cpu.parallelismCap[k] = threads;
  cpu.cpusetCores[k] = cpu.nodeCores;
  cpu.limitCores[k] = limitCores;
  cpu.burstThreads[k] = burstThreads;
  cpu.burstWorkCoreSeconds[k] = burstWorkCoreSeconds;
  cpu.podQos[podSlot] = qos;
  cpu.podShares[podSlot] = shares;
  cpu.podLimitCores[podSlot] = limitCores;
}

/** The process-wide throttle cache (for benchmarks: hits and misses). */
export function sharedThrottleCache(): ThrottleCache {
  return throttleCache;
}
