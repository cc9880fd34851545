import type { WorkloadConfig } from '../scenario/types.js';

/**
 * The naive "steady-state formula" reference: the replicas a CPU-utilization HPA settles at for the
 * load of this instant, with no delay and no memory, ceil(rps × cpuPerRequest / (target × request −
 * idleCpu)) clamped to [minReplicas, maxReplicas]. Null when the workload has no HPA with a CPU
 * utilization target (the formula does not apply).
 */
export function steadyStateReplicas(w: WorkloadConfig, rps: readonly (number | null)[]): (number | null)[] | null {
  const hpa = w.hpa;
  const metric = hpa?.metrics.find((m) => m.type === 'Resource' && m.resource.name === 'cpu' && m.resource.target.type === 'Utilization');
  if (!hpa || !metric || metric.type !== 'Resource' || metric.resource.target.type !== 'Utilization' || w.requests.cpuMilli <= 0) return null;
  const perPodCores = (metric.resource.target.averageUtilization / 100) * (w.requests.cpuMilli / 1000) - w.idleCpuMilli / 1000;
  return rps.map((r) => {
    if (r == null) return null;
    const needed = perPodCores > 0 ? Math.ceil((r * w.cpuPerRequestMs) / 1000 / perPodCores - 1e-9) : hpa.maxReplicas;
    return Math.min(hpa.maxReplicas, Math.max(hpa.minReplicas, needed));
  });
}
