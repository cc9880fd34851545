import type { ProcessBody } from '../engine/index.js';
import type { Simulation } from './simulation.js';
import type { MetricsPipeline } from './metrics-pipeline.js';
import type { WorkloadRuntime } from './workload-runtime.js';
import { PodPhase } from './pod-phase.js';
import { syncHpa } from '../models/hpa/sync-hpa.js';
import type { HpaContainerObservation, HpaPodObservation, HpaSyncResult } from '../models/hpa/types.js';

export function startHpaController(
  sim: Simulation,
  metrics: MetricsPipeline,
  w: WorkloadRuntime,
  onSync: (w: WorkloadRuntime, result: HpaSyncResult, before: number) => void,
): void {
  const spec = w.config.hpa;
  if (!spec) return;
  const config = sim.scenario.cluster.hpaController;
  const period = config.syncPeriodMs;
  const phase = Math.floor(sim.streams.stream(`hpa/${w.config.name}/phase`).next() * period);
  sim.env.process(`hpa/${w.config.name}`, (function* (): ProcessBody {
    yield phase;
    for (;;) {
      const before = w.desiredReplicas;
      const result = syncHpa(
        {
          nowMs: sim.env.now,
          specReplicas: w.desiredReplicas,
          statusReplicas: countPods(sim, w),
          spec,
          config,
          pods: observePods(sim, metrics, w),
          ...offeredMetrics(sim, w),
        },
        w.hpaState,
      );
      w.hpaState = result.state;
      if (result.rescaled && result.desiredReplicas !== w.desiredReplicas) sim.replicaSets.scale(w, result.desiredReplicas);
      onSync(w, result, before);
      yield period;
    }
  })());
}

function countPods(sim: Simulation, w: WorkloadRuntime): number {
  const s = sim.state;
  let n = 0;
  for (const p of s.workloadPods[w.index]!) if (s.podPhase[p] !== PodPhase.terminating) n++;
  return n;
}

function observePods(sim: Simulation, metrics: MetricsPipeline, w: WorkloadRuntime): HpaPodObservation[] {
  const s = sim.state;
  const out: HpaPodObservation[] = [];
  const memoryMilli = w.config.memoryUsageBytes * 1000;
  const containerMetrics = w.config.hpa?.metrics.some((m) => m.type === 'ContainerResource') ?? false;
  const podsMetricsRead = w.config.hpa?.metrics.some((m) => m.type === 'Pods') ?? false;
  // The HPA's per-pod request sums the running containers (app and sidecars), not init containers;
  // one object for every pod of the sync (the controller reads it, never writes it).
  const requestsMilli = { cpu: w.hpaCpuRequestMilli, memory: w.hpaMemoryRequestBytes * 1000 };
  for (const p of s.workloadPods[w.index]!) {
    const phase = s.podPhase[p]!;
    const started = phase === PodPhase.running || phase === PodPhase.ready || phase === PodPhase.terminating;
    const cpu = metrics.sample(p, s.podCreatedMs[p]!);
    out.push({
      name: s.podName[p]!,
      phase: started ? 'Running' : 'Pending',
      ready: started ? phase === PodPhase.ready || (phase === PodPhase.terminating && s.podReadyMs[p]! >= 0) : phase === PodPhase.starting ? false : null,
      deleting: phase === PodPhase.terminating,
      startTimeMs: started ? s.podStartMs[p]! : null,
      readyTransitionTimeMs: s.podReadyMs[p]! >= 0 ? s.podReadyMs[p]! : started ? s.podStartMs[p]! : null,
      requestsMilli,
      ...(containerMetrics ? { containers: containerObservations(metrics, w, p, s.podCreatedMs[p]!) } : {}),
      metrics: {
        cpu,
        memory: cpu ? { valueMilli: memoryMilli, timestampMs: cpu.timestampMs, windowMs: cpu.windowMs } : null,
        pods: cpu && podsMetricsRead ? podsMetrics(w, s.podRps[p]! * 1000) : noPodsMetrics,
      },
    });
  }
  return out;
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

/** The Object and External metrics' values, computed once per sync. */
function offeredMetrics(sim: Simulation, w: WorkloadRuntime): { objectMetrics: Record<string, number>; externalMetrics: Record<string, number[]> } {
  const objectMetrics = offeredRpsMetrics(sim, w);
  return { objectMetrics, externalMetrics: Object.fromEntries(Object.entries(objectMetrics).map(([k, v]) => [k, [v]])) };
}

/** Object and External metrics read the workload's offered requests per second (milli-units). */
function offeredRpsMetrics(sim: Simulation, w: WorkloadRuntime): Record<string, number> {
  const out: Record<string, number> = {};
  const rpsMilli = (w.arrivals / (sim.scenario.stepMs / 1000)) * 1000;
  for (const m of w.config.hpa?.metrics ?? []) {
    if (m.type === 'Object') out[m.object.metric.name] = rpsMilli;
    if (m.type === 'External') out[m.external.metric.name] = rpsMilli;
  }
  return out;
}
