import type { WorkloadConfig } from './types.js';
import type { LimitRangeConfig, NamespaceConfig } from './resolve-namespaces.js';

/**
 * LimitRanger's defaulting of one container (plugin/pkg/admission/limitranger
 * mergeContainerResources): an unset limit gets the Container item's `default`, an unset request
 * its `defaultRequest`. The API server has already set request = limit for a container that gave
 * only a limit, so a request is unset here when it is 0 with no limit, or 0 (a request written as
 * 0 is read as unset).
 */
export function applyLimitRange(w: WorkloadConfig, lr: LimitRangeConfig | null): WorkloadConfig {
  const c = lr?.container;
  if (!c) return w;
  const limits = {
    cpuMilli: w.limits.cpuMilli ?? c.default.cpuMilli,
    memoryBytes: w.limits.memoryBytes ?? c.default.memoryBytes,
  };
  const requests = {
    cpuMilli: w.requests.cpuMilli > 0 ? w.requests.cpuMilli : (c.defaultRequest.cpuMilli ?? 0),
    memoryBytes: w.requests.memoryBytes > 0 ? w.requests.memoryBytes : (c.defaultRequest.memoryBytes ?? 0),
  };
  return { ...w, requests, limits };
}

/**
 * Every workload with its namespace's LimitRange defaults, applied once when the scenario is
 * resolved so that `explain`, runs, compares and sweeps all see the requests and limits the
 * admitted pods carry. An imported workload has had the defaults applied to each of its
 * containers already; here they fill only what is still unset for the pod.
 */
export function withLimitRangeDefaults(workloads: readonly WorkloadConfig[], namespaces: readonly NamespaceConfig[]): WorkloadConfig[] {
  const byName = new Map(namespaces.map((n) => [n.name, n]));
  return workloads.map((w) => applyLimitRange(w, byName.get(w.namespace)?.limitRange ?? null));
}
