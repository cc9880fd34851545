/**
 * Coarse prediction of a node case with the per-step functions the simulator uses (docs/models/cpu.md#the-per-step-model-used-in-cluster-runs):
 * one step as long as the window, water-filling on mean demand, burst rates, cached Monte Carlo
 * throttling and queueing latency. Cheaper and rougher than {@link predictNodeCase}; the CLI's
 * `--mode coarse` shows both models on the same case.
 */
import { computeBurstCores } from './burst-cores.js';
import { computeBurstInterference } from './burst-interference.js';
import { round3 } from './latency-percentiles.js';
import type { NodeCase, NodeCaseContainerResult, NodeCaseResult } from './node-case.js';
import { createNodeCpuScratch, createNodeCpuState } from './node-cpu-state.js';
import { QOS_GUARANTEED } from './qos-class.js';
import { createLatencyInput, createLatencyOut, LAT_P50, LAT_P90, LAT_P99 } from './request-latency.js';
import { podLatencyContendedStep } from './contended-latency.js';
import { splitNodeCpu } from './split-node-cpu.js';
import { createThrottleCache, type ThrottleCache } from './throttle-cache.js';
import {
  createThrottleOut,
  THROTTLE_LAT_P50,
  THROTTLE_LAT_P90,
  THROTTLE_LAT_P99,
  THROTTLE_NR_PERIODS,
  THROTTLE_NR_THROTTLED,
  THROTTLE_RATIO,
  THROTTLE_STALL_PER_PERIOD_SECONDS,
  THROTTLE_THROTTLED_SECONDS,
  throttleStep,
  type ThrottleStepInput,
} from './throttle-step.js';
import type { CpuDist } from './cpu-distribution.js';

interface Demand {
  cores: number;
  /** Threads one burst runs on (0 = steady) and its CPU, core·seconds (burst-interference.ts). */
  burstThreads: number;
  burstWork: number;
  threads: number;
  rate: number;
  cpu: number;
  dist: CpuDist;
  cv: number;
  fanout: number;
}

function demandOf(c: NodeCase['containers'][number]): Demand {
  const l = c.load;
  switch (l.type) {
    case 'busy':
      return { cores: l.threads, burstThreads: 0, burstWork: Infinity, threads: l.threads, rate: 0, cpu: 0, dist: 'fixed', cv: 0, fanout: 1 };
    case 'idle':
      return { cores: 0, burstThreads: 0, burstWork: Infinity, threads: 0, rate: 0, cpu: 0, dist: 'fixed', cv: 0, fanout: 1 };
    case 'periodic': {
      const rate = (l.threads * 1000) / l.period_ms;
      return { cores: (rate * l.busy_ms) / 1000, burstThreads: l.threads, burstWork: (l.threads * l.busy_ms) / 1000, threads: l.threads, rate, cpu: l.busy_ms / 1000, dist: 'fixed', cv: 0, fanout: 1 };
    }
    case 'poisson':
      return { cores: (l.rate_per_s * l.cpu_ms) / 1000, burstThreads: l.fanout, burstWork: l.cpu_ms / 1000, threads: l.workers, rate: l.rate_per_s, cpu: l.cpu_ms / 1000, dist: l.dist, cv: l.cv ?? 1, fanout: l.fanout };
  }
}

/** Coarse per-container prediction of a resolved node case. */
export function predictNodeCaseCoarse(c: NodeCase, cache: ThrottleCache = createThrottleCache()): NodeCaseResult {
  const nc = c.containers.length;
  const np = c.pods.length;
  const T = c.periodMicros / 1e6;
  const state = createNodeCpuState(nc, np + nc, c.cores);
  const demands = c.containers.map(demandOf);
  let pseudo = np;
  c.pods.forEach((p, k) => {
    state.podShares[k] = p.shares;
    state.podLimitCores[k] = p.quotaMicros > 0 ? p.quotaMicros / c.periodMicros : Infinity;
  });
  c.containers.forEach((k, i) => {
    const pod = k.podIndex >= 0 ? k.podIndex : pseudo++;
    if (k.podIndex < 0) state.podShares[pod] = k.shares;
    const d = demands[i]!;
    state.podIndex[i] = pod;
    state.shares[i] = k.shares;
    state.demandCores[i] = d.cores;
    state.parallelismCap[i] = d.threads;
    state.cpusetCores[i] = Math.min(c.cores, k.cpus?.length ?? c.cores);
    state.limitCores[i] = k.quotaMicros > 0 ? k.quotaMicros / c.periodMicros : Infinity;
    state.burstThreads[i] = d.burstThreads;
    state.burstWorkCoreSeconds[i] = d.burstWork;
  });
  state.containerCount = nc;
  state.podCount = pseudo;
  state.podQos.fill(QOS_GUARANTEED);
  const scratch = createNodeCpuScratch(state);
  splitNodeCpu(state, scratch);
  computeBurstCores(state, scratch, true);
  computeBurstInterference(state, scratch);

  const th = createThrottleOut();
  const lat = createLatencyOut();
  const li = createLatencyInput();
  const containers: NodeCaseContainerResult[] = c.containers.map((k, i) => {
    const d = demands[i]!;
    const x: ThrottleStepInput = {
      meanDemandCores: d.cores,
      arrivalRatePerSecond: d.rate,
      cpuPerRequestSeconds: d.cpu,
      cpuDist: d.dist,
      cpuCv: d.cv,
      fanout: d.fanout,
      threadsCap: Math.min(d.threads, state.cpusetCores[i]!),
      workers: d.threads,
      // Same expected quota burn rate as the simulator's step loop.
      burstCores: state.expectedBurstCores[i]!,
      limitCores: state.limitCores[i]!,
      periodSeconds: T,
      stepSeconds: c.durationSeconds,
    };
    throttleStep(x, cache, th);
    let latency: NodeCaseContainerResult['latency_ms'] = null;
    if (d.rate > 0) {
      Object.assign(li, {
        arrivalRatePerSecond: d.rate,
        cpuPerRequestSeconds: d.cpu,
        cpuDist: d.dist,
        cpuCv: d.cv,
        fanout: d.fanout,
        workers: d.threads,
        receivedCores: state.received[i]!,
        burstCores: state.burstCores[i]!,
        limitCores: state.limitCores[i]!,
        throttledRatio: th[THROTTLE_RATIO]!,
        stallPerThrottledSeconds: th[THROTTLE_STALL_PER_PERIOD_SECONDS]!,
        throttledLatencyP50Seconds: th[THROTTLE_LAT_P50]!,
        throttledLatencyP90Seconds: th[THROTTLE_LAT_P90]!,
        throttledLatencyP99Seconds: th[THROTTLE_LAT_P99]!,
        periodSeconds: T,
        backlogCoreSeconds: 0,
        stepSeconds: c.durationSeconds,
        contendedBurstCores: state.contendedBurstCores[i]!,
        contentionProb: state.contentionProb[i]!,
        contentionSeconds: state.contentionSeconds[i]!,
      });
      podLatencyContendedStep(li, lat);
      latency = { p50: round3(lat[LAT_P50]! * 1000), p90: round3(lat[LAT_P90]! * 1000), p99: round3(lat[LAT_P99]! * 1000) };
    }
    const limited = k.quotaMicros > 0;
    const periods = th[THROTTLE_NR_PERIODS]!;
    return {
      name: k.name,
      cores_used: round3(state.received[i]!),
      throttled_ratio: limited ? (periods > 0 ? round3(th[THROTTLE_NR_THROTTLED]! / periods) : 0) : null,
      throttled_s: limited ? round3(th[THROTTLE_THROTTLED_SECONDS]!) : 0,
      latency_ms: latency,
    };
  });
  return { name: c.name, containers };
}
