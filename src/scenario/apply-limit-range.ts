import type { WorkloadConfig } from './types.js';
import { podTotals } from './resolve-containers.js';
import type { LimitRangeConfig, NamespaceConfig } from './resolve-namespaces.js';

/**
 * LimitRanger's defaulting of each container of a pod (plugin/pkg/admission/limitranger
 * mergeContainerResources, init containers included): an unset limit gets the Container item's `default`, an unset request
 * its `defaultRequest`. The API server has already set request = limit for a container that gave
 * only a limit, so a request is unset here when it is 0 with no limit, or 0 (a request written as
 * 0 is read as unset).
 */
export function applyLimitRange(w: WorkloadConfig, lr: LimitRangeConfig | null): WorkloadConfig {
  const c = lr?.container;
  if (!c) return w;
  const containers = w.containers.map((k) => ({
    ...k,
    limits: {
      cpuMilli: k.limits.cpuMilli ?? c.default.cpuMilli,
      memoryBytes: k.limits.memoryBytes ?? c.default.memoryBytes,
    },
    requests: {
      cpuMilli: k.requests.cpuMilli > 0 ? k.requests.cpuMilli : (c.defaultRequest.cpuMilli ?? 0),
      memoryBytes: k.requests.memoryBytes > 0 ? k.requests.memoryBytes : (c.defaultRequest.memoryBytes ?? 0),
    },
  }));
  // The pod totals follow from the defaulted containers (LimitRanger works per container).
  return { ...w, containers, ...podTotals(containers) };
}

/**
 * Every workload with its namespace's LimitRange defaults, applied once when the scenario is
 * resolved so that `explain`, runs, compares and sweeps all see the requests and limits the
 * admitted pods carry. An imported workload has had the defaults applied to each of its
 * containers already; here they fill only what is still unset.
 */
export function withLimitRangeDefaults(workloads: readonly WorkloadConfig[], namespaces: readonly NamespaceConfig[]): WorkloadConfig[] {
  const byName = new Map(namespaces.map((n) => [n.name, n]));
  return workloads.map((w) => applyLimitRange(w, byName.get(w.namespace)?.limitRange ?? null));
}
