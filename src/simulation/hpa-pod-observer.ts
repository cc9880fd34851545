import type { Simulation } from './simulation.js';
import type { MetricsPipeline } from './metrics-pipeline.js';
import type { WorkloadRuntime } from './workload-runtime.js';
import { PodPhase } from './pod-phase.js';
import type { HpaContainerObservation, HpaPodObservation } from '../models/hpa/types.js';

/** A sample the observer rewrites in place. */
interface SampleSlot {
  valueMilli: number;
  timestampMs: number;
  windowMs: number;
}

/** One pod slot's observation, rewritten in place at every sync. */
interface ObservationSlot {
  name: string;
  phase: HpaPodObservation['phase'];
  ready: boolean | null;
  deleting: boolean;
  startTimeMs: number | null;
  readyTransitionTimeMs: number | null;
  readonly requestsMilli: HpaPodObservation['requestsMilli'];
  containers?: Record<string, HpaContainerObservation>;
  readonly metrics: { cpu: SampleSlot | null; memory: SampleSlot | null; pods: Readonly<Record<string, number>> };
}

/** A pod slot's observation and the two samples it points to while the pod has them. */
interface PodSlot {
  readonly observation: ObservationSlot;
  readonly cpu: SampleSlot;
  readonly memory: SampleSlot;
}

/**
 * The HPA's pod lister: the workload's pods as observations. syncHpa is a pure function that keeps
 * nothing of its input, so each pod slot's observation, its samples and the list itself are
 * rewritten in place at every sync rather than allocated: they were most of what a sync allocated,
 * and at a thousand workloads the collector's main work.
 */
export class PodObserver {
  private readonly slots: (PodSlot | undefined)[] = [];
  private readonly list: ObservationSlot[] = [];
  private readonly memoryMilli: number;
  private readonly containerMetrics: boolean;
  private readonly podsMetricsRead: boolean;
  // The HPA's per-pod request sums the running containers (app and sidecars), not init containers;
  // one object for every pod (the controller reads it, never writes it).
  private readonly requestsMilli: HpaPodObservation['requestsMilli'];

  constructor(
    private readonly sim: Simulation,
    private readonly metrics: MetricsPipeline,
    private readonly w: WorkloadRuntime,
  ) {
    this.memoryMilli = w.config.memoryUsageBytes * 1000;
    this.containerMetrics = w.config.hpa?.metrics.some((m) => m.type === 'ContainerResource') ?? false;
    this.podsMetricsRead = w.config.hpa?.metrics.some((m) => m.type === 'Pods') ?? false;
    this.requestsMilli = { cpu: w.hpaCpuRequestMilli, memory: w.hpaMemoryRequestBytes * 1000 };
  }

  /** The workload's pods now; the array and its objects are valid until the next call. */
  observe(): readonly HpaPodObservation[] {
    const s = this.sim.state;
    const { metrics, w, list } = this;
    list.length = 0;
    for (const p of s.workloadPods[w.index]!) {
      const slot = this.slots[p] ?? (this.slots[p] = this.newSlot());
      const o = slot.observation;
      const phase = s.podPhase[p]!;
      const started = phase === PodPhase.running || phase === PodPhase.ready || phase === PodPhase.terminating;
      const createdMs = s.podCreatedMs[p]!;
      const sampled = metrics.hasSample(p, createdMs);
      o.name = s.podName[p]!;
      o.phase = started ? 'Running' : 'Pending';
      o.ready = started ? phase === PodPhase.ready || (phase === PodPhase.terminating && s.podReadyMs[p]! >= 0) : phase === PodPhase.starting ? false : null;
      o.deleting = phase === PodPhase.terminating;
      o.startTimeMs = started ? s.podStartMs[p]! : null;
      o.readyTransitionTimeMs = s.podReadyMs[p]! >= 0 ? s.podReadyMs[p]! : started ? s.podStartMs[p]! : null;
      if (this.containerMetrics) o.containers = containerObservations(metrics, w, p, createdMs);
      const { cpu, memory } = slot;
      if (sampled) {
        cpu.valueMilli = metrics.cpuMilli[p]!;
        cpu.timestampMs = metrics.timestampMs[p]!;
        cpu.windowMs = metrics.windowMs[p]!;
        memory.valueMilli = this.memoryMilli;
        memory.timestampMs = cpu.timestampMs;
        memory.windowMs = cpu.windowMs;
      }
      o.metrics.cpu = sampled ? cpu : null;
      o.metrics.memory = sampled ? memory : null;
      o.metrics.pods = sampled && this.podsMetricsRead ? podsMetrics(w, s.podRps[p]! * 1000) : noPodsMetrics;
      list.push(o);
    }
    return list;
  }

  private newSlot(): PodSlot {
    const base = {
      name: '',
      phase: 'Pending' as HpaPodObservation['phase'],
      ready: null,
      deleting: false,
      startTimeMs: null,
      readyTransitionTimeMs: null,
      requestsMilli: this.requestsMilli,
    };
    const metrics = { cpu: null, memory: null, pods: noPodsMetrics };
    // The containers field exists only where ContainerResource metrics read it, as before.
    const observation: ObservationSlot = this.containerMetrics ? { ...base, containers: {}, metrics } : { ...base, metrics };
    return { observation, cpu: { valueMilli: 0, timestampMs: 0, windowMs: 0 }, memory: { valueMilli: 0, timestampMs: 0, windowMs: 0 } };
  }
}

/** Each running container's requests and samples, for ContainerResource metrics. */
function containerObservations(metrics: MetricsPipeline, w: WorkloadRuntime, p: number, createdMs: number): Record<string, HpaContainerObservation> {
  const out: Record<string, HpaContainerObservation> = {};
  w.containers.forEach((c, k) => {
    const cpu = metrics.containerSample(p, k, createdMs);
    out[c.name] = {
      requestsMilli: { cpu: c.requests.cpuMilli, memory: c.requests.memoryBytes * 1000 },
      metrics: { cpu, memory: cpu ? { valueMilli: c.memoryUsageBytes * 1000, timestampMs: cpu.timestampMs, windowMs: cpu.windowMs } : null },
    };
  });
  return out;
}

/** No Pods metric to read: one frozen empty record for every pod. */
const noPodsMetrics: Readonly<Record<string, number>> = Object.freeze({});

/** Every Pods metric of the HPA reads the pod's served requests per second (milli-units). */
function podsMetrics(w: WorkloadRuntime, rpsMilli: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of w.config.hpa?.metrics ?? []) if (m.type === 'Pods') out[m.pods.metric.name] = rpsMilli;
  return out;
}
