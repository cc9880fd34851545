import type { RandomStream } from '../engine/index.js';
import type { Resources, WorkloadConfig } from '../scenario/types.js';
import type { HpaControllerState } from '../models/hpa/types.js';
import { initialHpaControllerState } from '../models/hpa/sync-hpa.js';
import { loadShapeFor } from '../models/load/shapes.js';
import type { LoadShape } from '../models/load/load-shape.js';
import { milliToShares } from '../models/cpu/kubelet-mapping.js';
import { qosClass, qosCode } from '../models/cpu/qos-class.js';
import type { CpuDist } from '../models/cpu/cpu-distribution.js';
import type { PodGroup, PodView } from '../models/scheduler/types.js';
import { workloadPodGroup, workloadPodTemplate } from '../scenario/pod-template.js';

/** A running container's constants (app containers and native sidecars; init containers have finished). */
export interface ContainerRuntime {
  readonly name: string;
  readonly requests: Resources;
  readonly memoryUsageBytes: number;
  /** The container's CFS weight: cpu.shares, or cpu.weight on cgroup v2 nodes (cgroup-weight.ts). */
  readonly shares: number;
  /** CFS quota in cores; Infinity without a CPU limit. */
  readonly limitCores: number;
  readonly cpuPerRequestSeconds: number;
  readonly cpuDist: CpuDist;
  readonly cpuCv: number;
  readonly idleCores: number;
  readonly workerThreads: number;
  readonly fanout: number;
  /** Whose queue is the request latency. */
  readonly serving: boolean;
  /** Index among all workloads' running containers (for per-container sums). */
  readonly globalIndex: number;
}

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
  /** The scheduling view its pods share (all but name, node and creation time), built once. */
  readonly podTemplate: Omit<PodView, 'name' | 'nodeName' | 'createdMs'>;
  /** What its pods show to pod affinity and spreading on a node (one object, shared). */
  readonly podGroup: PodGroup;
  /** The pod's running containers, the serving one first. */
  readonly containers: readonly ContainerRuntime[];
  /** The pod cgroup's CFS weight (from the pod's requests; 2 for BestEffort). */
  readonly podShares: number;
  /** The pod cgroup's quota in cores; Infinity unless every container has a CPU limit. */
  readonly podLimitCores: number;
  readonly qos: number;
  /** The serving container's per-request CPU, seconds. */
  readonly cpuPerRequestSeconds: number;
  /** Σ CPU requests of the running containers, the per-pod request the HPA divides by (millicores). */
  readonly hpaCpuRequestMilli: number;
  /** Σ memory requests of the running containers, bytes. */
  readonly hpaMemoryRequestBytes: number;
  /** Requests offered this step (after noise). */
  arrivals: number;
  /** Expected arrival rate this step, requests/s (the Poisson process's rate, before noise). */
  rate: number;
  /** Ready pods this step. */
  readyPods: number;
}

/**
 * A workload's run-time constants. `firstContainerIndex` numbers its running containers among all
 * workloads' (the caller passes the running total).
 */
export function createWorkloadRuntime(index: number, config: WorkloadConfig, loadStream: RandomStream, weightOf: (shares: number) => number = (x) => x, startOffsetMs = 0, firstContainerIndex = 0): WorkloadRuntime {
  // QoS from every container (init containers included, as the kubelet's GetPodQOS reads them).
  const qos = qosClass(
    config.containers.map((c) => ({
      cpuRequestMilli: c.requests.cpuMilli,
      ...(c.limits.cpuMilli !== null ? { cpuLimitMilli: c.limits.cpuMilli } : {}),
      memoryRequestBytes: c.requests.memoryBytes,
      ...(c.limits.memoryBytes !== null ? { memoryLimitBytes: c.limits.memoryBytes } : {}),
    })),
  );
  const running = config.containers.filter((c) => c.kind !== 'init').sort((a, b) => Number(b.serving) - Number(a.serving));
  const containers = running.map((c, k): ContainerRuntime => ({
    name: c.name,
    requests: c.requests,
    memoryUsageBytes: c.memoryUsageBytes,
    // BestEffort containers get the minimum weight (pkg/kubelet/cm: MinShares).
    shares: weightOf(qos === 'BestEffort' ? 2 : milliToShares(c.requests.cpuMilli)),
    limitCores: c.limits.cpuMilli !== null ? c.limits.cpuMilli / 1000 : Infinity,
    cpuPerRequestSeconds: c.cpuPerRequestMs / 1000,
    // cv 0 is a fixed cost, cv 1 the exponential; anything else a log-normal with that cv.
    cpuDist: c.cpuPerRequestCv === 0 ? 'fixed' : c.cpuPerRequestCv === 1 ? 'exp' : 'lognormal',
    cpuCv: c.cpuPerRequestCv,
    idleCores: c.idleCpuMilli / 1000,
    workerThreads: c.workerThreads,
    fanout: c.fanout,
    serving: c.serving,
    globalIndex: firstContainerIndex + k,
  }));
  return {
    index,
    config,
    shape: startOffsetMs === 0 ? loadShapeFor(config.load) : shiftedShape(loadShapeFor(config.load), startOffsetMs),
    loadStream,
    desiredReplicas: config.replicas,
    hpaState: initialHpaControllerState(),
    nextPodSerial: 0,
    podTemplate: workloadPodTemplate(config),
    podGroup: workloadPodGroup(config),
    containers,
    // The pod cgroup (kubelet ResourceConfigForPod): shares from the pod's requests, quota only when every container is limited.
    podShares: weightOf(qos === 'BestEffort' ? 2 : milliToShares(config.requests.cpuMilli)),
    podLimitCores: config.limits.cpuMilli !== null ? config.limits.cpuMilli / 1000 : Infinity,
    qos: qosCode(qos),
    cpuPerRequestSeconds: containers[0]!.cpuPerRequestSeconds,
    hpaCpuRequestMilli: running.reduce((sum, c) => sum + c.requests.cpuMilli, 0),
    hpaMemoryRequestBytes: running.reduce((sum, c) => sum + c.requests.memoryBytes, 0),
    arrivals: 0,
    rate: 0,
    readyPods: 0,
  };
}

/** The load as seen from a run that starts `offsetMs` into the load's timeline (spec.simulation.start). */
function shiftedShape(shape: LoadShape, offsetMs: number): LoadShape {
  return { peakRps: shape.peakRps, rateAt: (t) => shape.rateAt(t + offsetMs) };
}
