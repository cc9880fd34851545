import type { RandomStream } from '../engine/index.js';
import type { WorkloadConfig } from '../scenario/types.js';
import type { HpaControllerState } from '../models/hpa/types.js';
import { initialHpaControllerState } from '../models/hpa/sync-hpa.js';
import { loadShapeFor } from '../models/load/shapes.js';
import type { LoadShape } from '../models/load/load-shape.js';
import { milliToShares } from '../models/cpu/kubelet-mapping.js';
import { qosClass, qosCode } from '../models/cpu/qos-class.js';
import type { CpuDist } from '../models/cpu/cpu-distribution.js';

/** A workload's constants and controller state during a run. */
export interface WorkloadRuntime {
  readonly index: number;
  readonly config: WorkloadConfig;
  readonly shape: LoadShape;
  readonly loadStream: RandomStream;
  /** spec.replicas of the Deployment (written by the HPA). */
  desiredReplicas: number;
  hpaState: HpaControllerState;
  /** Serial for pod names (payments-7). */
  nextPodSerial: number;
  /** The container's CFS weight: cpu.shares, or cpu.weight on cgroup v2 nodes (cgroup-weight.ts). */
  readonly shares: number;
  readonly qos: number;
  readonly limitCores: number;
  readonly cpuPerRequestSeconds: number;
  readonly cpuDist: CpuDist;
  readonly idleCores: number;
  /** Requests offered this step (after noise). */
  arrivals: number;
  /** Expected arrival rate this step, requests/s (the Poisson process's rate, before noise). */
  rate: number;
  /** Ready pods this step. */
  readyPods: number;
}

export function createWorkloadRuntime(index: number, config: WorkloadConfig, loadStream: RandomStream, weightOf: (shares: number) => number = (x) => x, startOffsetMs = 0): WorkloadRuntime {
  const qos = qosClass([
    {
      cpuRequestMilli: config.requests.cpuMilli,
      ...(config.limits.cpuMilli !== null ? { cpuLimitMilli: config.limits.cpuMilli } : {}),
      memoryRequestBytes: config.requests.memoryBytes,
      ...(config.limits.memoryBytes !== null ? { memoryLimitBytes: config.limits.memoryBytes } : {}),
    },
  ]);
  const cv = config.cpuPerRequestCv;
  return {
    index,
    config,
    shape: startOffsetMs === 0 ? loadShapeFor(config.load) : shiftedShape(loadShapeFor(config.load), startOffsetMs),
    loadStream,
    desiredReplicas: config.replicas,
    hpaState: initialHpaControllerState(),
    nextPodSerial: 0,
    // BestEffort containers get the minimum weight (pkg/kubelet/cm: MinShares).
    shares: weightOf(qos === 'BestEffort' ? 2 : milliToShares(config.requests.cpuMilli)),
    qos: qosCode(qos),
    limitCores: config.limits.cpuMilli !== null ? config.limits.cpuMilli / 1000 : Infinity,
    cpuPerRequestSeconds: config.cpuPerRequestMs / 1000,
    // cv 0 is a fixed cost, cv 1 the exponential; anything else a log-normal with that cv.
    cpuDist: cv === 0 ? 'fixed' : cv === 1 ? 'exp' : 'lognormal',
    idleCores: config.idleCpuMilli / 1000,
    arrivals: 0,
    rate: 0,
    readyPods: 0,
  };
}

/** The load as seen from a run that starts `offsetMs` into the load's timeline (spec.simulation.start). */
function shiftedShape(shape: LoadShape, offsetMs: number): LoadShape {
  return { peakRps: shape.peakRps, rateAt: (t) => shape.rateAt(t + offsetMs) };
}
