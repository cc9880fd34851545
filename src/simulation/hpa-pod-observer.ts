import type { Simulation } from './simulation.js';
import type { MetricsPipeline } from './metrics-pipeline.js';
import type { WorkloadRuntime } from './workload-runtime.js';
import { PodPhase } from './pod-phase.js';
import type { HpaContainerObservation, HpaPodObservation } from '../models/hpa/types.js';

/** No Pods metric to read: one frozen empty record for every pod. */
const noPodsMetrics: Readonly<Record<string, number>> = Object.freeze({});

/**
 * A sample the observer rewrites in place. Classes, not literals: every observer's objects then
 * share one shape, and the observer's stores stay monomorphic across a thousand workloads.
 */
class SampleSlot {
  // A double from the start, as the rates it will hold: no change of field representation later.
  valueMilli = Number.NaN;
  timestampMs = 0;
  windowMs = 0;
}

/** What the pod's metrics read: its samples while it has them. */
class MetricsSlot {
  cpu: SampleSlot | null = null;
  memory: SampleSlot | null = null;
  pods: Readonly<Record<string, number>> = noPodsMetrics;
}

/** One list position's observation, rewritten in place at every sync. */
class ObservationSlot {
  name = '';
  phase: HpaPodObservation['phase'] = 'Pending';
  ready: boolean | null = null;
  deleting = false;
  startTimeMs: number | null = null;
  readyTransitionTimeMs: number | null = null;
  readonly metrics = new MetricsSlot();
  constructor(readonly requestsMilli: HpaPodObservation['requestsMilli']) {}
}

/** The same for ContainerResource metrics, which read each container too; the others have no containers field. */
class ContainerObservationSlot extends ObservationSlot {
  containers: Record<string, HpaContainerObservation> = {};
}

/** A list position's observation and the two samples it points to while its pod has them. */
interface PodSlot {
  readonly observation: ObservationSlot;
  readonly cpu: SampleSlot;
  readonly memory: SampleSlot;
}

/**
 * The HPA's pod lister: the workload's pods as observations. syncHpa is a pure function that keeps
 * nothing of its input, so the list, the observation at each of its positions and their samples
 * are rewritten in place at every sync rather than allocated: they were most of what a sync
 * allocated. Kept by list position, not by pod slot: slot numbers run to the cluster's pod
 * capacity, and an array indexed by them turns sparse and slow.
 */
export class PodObserver {
  /** By position in the workload's pod list: every field is rewritten, so which pod it held last does not matter. */
  private readonly slots: PodSlot[] = [];
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
    const pods = s.workloadPods[w.index]!;
    // Written in place, not emptied and pushed: emptying an array drops its storage, and pushing
    // then grows it again, every sync of every HPA.
    if (list.length > pods.length) list.length = pods.length;
    while (this.slots.length < pods.length) this.slots.push(this.newSlot());
    for (let i = 0; i < pods.length; i++) {
      const p = pods[i]!;
      const slot = this.slots[i]!;
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
      if (o instanceof ContainerObservationSlot) o.containers = containerObservations(metrics, w, p, createdMs);
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
      if (i < list.length) list[i] = o;
      else list.push(o);
    }
    return list;
  }

  private newSlot(): PodSlot {
    const observation = this.containerMetrics ? new ContainerObservationSlot(this.requestsMilli) : new ObservationSlot(this.requestsMilli);
    return { observation, cpu: new SampleSlot(), memory: new SampleSlot() };
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


/** Every Pods metric of the HPA reads the pod's served requests per second (milli-units). */
function podsMetrics(w: WorkloadRuntime, rpsMilli: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of w.config.hpa?.metrics ?? []) if (m.type === 'Pods') out[m.pods.metric.name] = rpsMilli;
  return out;
}
