import type { ProcessBody } from '../engine/index.js';
import type { Simulation } from './simulation.js';
import type { MetricsPipeline } from './metrics-pipeline.js';
import type { WorkloadRuntime } from './workload-runtime.js';
import { PodPhase } from './pod-phase.js';
import { PodObserver } from './hpa-pod-observer.js';
import { syncHpa } from '../models/hpa/sync-hpa.js';
import type { HpaSyncResult } from '../models/hpa/types.js';

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
  const observer = new PodObserver(sim, metrics, w);
  const offered = offersRps(w) ? null : noOfferedMetrics;
  // One sync, in a function of its own: a generator keeps the locals of its loop body alive
  // while it waits at `yield`, and a sync's result (every pod's sample and the metrics' results)
  // would then outlive the sync by a whole period, long enough for the collector to copy and
  // promote it; on the 1,000-node held cluster that was a third of what each scavenge copied.
  const sync = (): void => {
    const before = w.desiredReplicas;
    const { objectMetrics, externalMetrics } = offered ?? offeredMetrics(sim, w);
    const result = syncHpa(
      {
        nowMs: sim.env.now,
        specReplicas: w.desiredReplicas,
        statusReplicas: countPods(sim, w),
        spec,
        config,
        pods: observer.observe(),
        objectMetrics,
        externalMetrics,
        // w.hpaState is replaced by the result's below and read nowhere else.
        ownsHistory: true,
      },
      w.hpaState,
    );
    w.hpaState = result.state;
    if (result.rescaled && result.desiredReplicas !== w.desiredReplicas) sim.replicaSets.scale(w, result.desiredReplicas);
    onSync(w, result, before);
  };
  sim.env.process(`hpa/${w.config.name}`, (function* (): ProcessBody {
    yield phase;
    for (;;) {
      sync();
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

/** Whether the HPA reads the offered rate (an Object or External metric). */
function offersRps(w: WorkloadRuntime): boolean {
  return w.config.hpa?.metrics.some((m) => m.type === 'Object' || m.type === 'External') ?? false;
}

/** No Object or External metric to read: one frozen pair for every sync. */
const noOfferedMetrics: { objectMetrics: Record<string, number>; externalMetrics: Record<string, number[]> } = Object.freeze({
  objectMetrics: Object.freeze({}),
  externalMetrics: Object.freeze({}),
});

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
