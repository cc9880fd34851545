import { poisson } from '../engine/index.js';
import type { ClusterState } from './cluster-state.js';
import { PodPhase } from './pod-phase.js';
import type { WorkloadAccumulators } from './workload-accumulators.js';
import type { WorkloadRuntime } from './workload-runtime.js';

/**
 * The load offered to each workload over the step (now - step, now]: the shape's rate at the
 * step's middle, with Poisson noise from the workload's own stream (the same draws in before and
 * after runs), spread later over its Ready pods. With no Ready pod every request of the step fails,
 * and a failed request misses any latency SLO.
 */
export function offerLoad(workloads: readonly WorkloadRuntime[], s: ClusterState, interval: WorkloadAccumulators, now: number, stepMs: number): void {
  const dt = stepMs / 1000;
  for (const w of workloads) w.readyPods = 0;
  for (let p = 0; p < s.podHighWater; p++) if (s.podPhase[p] === PodPhase.ready) workloads[s.podWorkload[p]!]!.readyPods++;
  for (const w of workloads) {
    w.rate = w.shape.rateAt(now - stepMs / 2);
    const expected = w.rate * dt;
    w.arrivals = w.config.load.noise === 'poisson' ? poisson(w.loadStream.next, expected) : expected;
    interval.requests[w.index]! += w.arrivals;
    if (w.readyPods === 0 && w.arrivals > 0) {
      interval.droppedRequests[w.index]! += w.arrivals;
      if (w.config.slo) interval.sloViolatedSeconds[w.index]! += dt;
    }
  }
}
