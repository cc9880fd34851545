import type { WorkloadConfig } from './types.js';

/**
 * Where a CPU Utilization HPA settles for a steady request rate: each of n pods uses
 * rate x cpuPerRequest / n + idle CPU, and the HPA holds where that is the target share t of the
 * request: n = ceil(rate x cpuPerRequest / (t x request - idle)), not yet clamped to
 * [minReplicas, maxReplicas] (the unclamped count shows whether maxReplicas binds). Null when the
 * workload has no such HPA; `wanted` is null when the idle CPU alone reaches the target (the HPA
 * then goes to maxReplicas).
 */
export function steadyStateReplicas(w: WorkloadConfig, rps: number): { readonly targetPercent: number; readonly cpuMilli: number; readonly wanted: number | null } | null {
  const metric = w.hpa?.metrics.find((m) => m.type === 'Resource' && m.resource.name === 'cpu' && m.resource.target.type === 'Utilization');
  if (!metric || metric.type !== 'Resource' || metric.resource.target.type !== 'Utilization') return null;
  const targetPercent = metric.resource.target.averageUtilization;
  const cpuMilli = rps * w.cpuPerRequestMs;
  const perPod = (targetPercent / 100) * w.requests.cpuMilli - w.idleCpuMilli;
  return { targetPercent, cpuMilli, wanted: perPod > 0 ? Math.max(1, Math.ceil(cpuMilli / perPod - 1e-9)) : null };
}
