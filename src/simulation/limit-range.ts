import type { Scenario, WorkloadConfig } from '../scenario/types.js';
import type { LimitRangeConfig, NamespaceConfig, ResourceBounds } from '../scenario/resolve-namespaces.js';
import { formatCpuMilli, formatBytes } from '../quantities/format-quantity.js';

/** A scenario that may carry namespaces (spec.namespaces), until the resolved type has the field. */
export type ScenarioWithNamespaces = Scenario & { readonly namespaces?: readonly NamespaceConfig[] };

/** The namespaces of a scenario (none when it has none). */
export function namespacesOf(scenario: Scenario): readonly NamespaceConfig[] {
  return (scenario as ScenarioWithNamespaces).namespaces ?? [];
}

const fmt = { cpu: formatCpuMilli, memory: formatBytes } as const;

/**
 * LimitRanger validation of a pod of `w` (limitranger.go minConstraint, maxConstraint,
 * limitRequestRatioConstraint), with the upstream messages. A pod has one container here, so the
 * Pod item sees the same amounts as the Container item. Empty = admitted.
 */
export function limitRangeViolations(w: WorkloadConfig, lr: LimitRangeConfig | null): string[] {
  const out: string[] = [];
  const items: [string, { max: ResourceBounds; min: ResourceBounds; maxLimitRequestRatio: { cpu: number | null; memory: number | null } } | null][] = [
    ['Container', lr?.container ?? null],
    ['Pod', lr?.pod ?? null],
  ];
  for (const [kind, item] of items) {
    if (!item) continue;
    for (const r of ['cpu', 'memory'] as const) {
      const key = r === 'cpu' ? 'cpuMilli' : 'memoryBytes';
      const request = w.requests[key] > 0 ? w.requests[key] : null;
      const limit = w.limits[key];
      const min = item.min[key];
      const max = item.max[key];
      const ratio = item.maxLimitRequestRatio[r];
      if (min !== null) {
        if (request === null) out.push(`minimum ${r} usage per ${kind} is ${fmt[r](min)}.  No request is specified`);
        else if (request < min) out.push(`minimum ${r} usage per ${kind} is ${fmt[r](min)}, but request is ${fmt[r](request)}`);
        if (limit !== null && limit < min) out.push(`minimum ${r} usage per ${kind} is ${fmt[r](min)}, but limit is ${fmt[r](limit)}`);
      }
      if (max !== null) {
        if (limit === null) out.push(`maximum ${r} usage per ${kind} is ${fmt[r](max)}.  No limit is specified`);
        else if (limit > max) out.push(`maximum ${r} usage per ${kind} is ${fmt[r](max)}, but limit is ${fmt[r](limit)}`);
      }
      if (ratio !== null) {
        if (request === null || limit === null) out.push(`${r} max limit to request ratio per ${kind} is ${ratio}, but no request or limit is specified`);
        else if (limit / request > ratio) out.push(`${r} max limit to request ratio per ${kind} is ${ratio}, but provided ratio is ${(limit / request).toFixed(6)}`);
      }
    }
  }
  return out;
}
