import type { WorkloadConfig } from '../scenario/types.js';
import { steadyStateReplicas as settledAt } from '../scenario/steady-state-replicas.js';

/**
 * The naive "steady-state formula" reference: at every instant, the replicas a CPU-utilization
 * HPA settles at for the load of that instant (scenario/steady-state-replicas.ts), with no delay
 * and no memory, clamped to [minReplicas, maxReplicas]. Null when the workload has no HPA with a
 * CPU utilization target or no CPU request (the formula does not apply).
 */
export function steadyStateReplicas(w: WorkloadConfig, rps: readonly (number | null)[]): (number | null)[] | null {
  const hpa = w.hpa;
  if (!hpa || w.requests.cpuMilli <= 0 || settledAt(w, 0) === null) return null;
  return rps.map((r) => {
    if (r == null) return null;
    const wanted = settledAt(w, r)!.wanted ?? hpa.maxReplicas;
    return Math.min(hpa.maxReplicas, Math.max(hpa.minReplicas, wanted));
  });
}
