import type { HpaObjectInput } from './k8s-schemas.js';
import { isObject } from './manifest-documents.js';

/** The written (scenario) form of an HPA: autoscaling/v2 field names. */
export interface WrittenHpa {
  minReplicas?: number;
  maxReplicas: number;
  metrics?: Record<string, unknown>[];
  behavior?: Record<string, unknown>;
}

/**
 * Converts an HPA of any served version to the autoscaling/v2 form, as the API server's
 * conversion does: v1 `targetCPUUtilizationPercentage` becomes one Resource cpu Utilization
 * metric; v2beta1 `targetAverageUtilization` / `targetAverageValue` / `metricName` become v2
 * `target` blocks and metric identifiers (pkg/apis/autoscaling/v2beta1/conversion.go).
 * Returns notes for metrics it could not convert.
 */
export function convertHpa(apiVersion: string, spec: HpaObjectInput['spec']): { hpa: WrittenHpa; notes: string[] } {
  const notes: string[] = [];
  const hpa: WrittenHpa = { maxReplicas: spec.maxReplicas };
  if (spec.minReplicas !== undefined && spec.minReplicas !== null) hpa.minReplicas = spec.minReplicas;
  const metrics: Record<string, unknown>[] = [];
  if (spec.targetCPUUtilizationPercentage !== undefined && spec.targetCPUUtilizationPercentage !== null) {
    metrics.push({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: spec.targetCPUUtilizationPercentage } } });
  }
  for (const m of spec.metrics ?? []) {
    const converted = apiVersion === 'autoscaling/v2beta1' ? fromV2beta1(m) : m;
    if (converted) metrics.push(converted);
    else notes.push(`metric of type ${String(m.type)} could not be converted from ${apiVersion} and was dropped`);
  }
  if (metrics.length > 0) hpa.metrics = metrics;
  if (spec.behavior) hpa.behavior = spec.behavior;
  return { hpa, notes };
}

function fromV2beta1(m: Record<string, unknown>): Record<string, unknown> | null {
  const target = (body: Record<string, unknown>): Record<string, unknown> | null => {
    if (body.targetAverageUtilization !== undefined) return { type: 'Utilization', averageUtilization: body.targetAverageUtilization };
    if (body.targetAverageValue !== undefined) return { type: 'AverageValue', averageValue: body.targetAverageValue };
    if (body.targetValue !== undefined) return { type: 'Value', value: body.targetValue };
    return null;
  };
  const key = { Resource: 'resource', Pods: 'pods', Object: 'object', External: 'external', ContainerResource: 'containerResource' }[String(m.type)];
  const body = key ? m[key] : undefined;
  if (!key || !isObject(body)) return null;
  const t = target(body);
  if (!t) return null;
  switch (m.type) {
    case 'Resource':
      return { type: 'Resource', resource: { name: body.name, target: t } };
    case 'ContainerResource':
      return { type: 'ContainerResource', containerResource: { name: body.name, container: body.container, target: t } };
    case 'Pods':
      return { type: 'Pods', pods: { metric: { name: body.metricName }, target: t } };
    case 'Object': {
      const described = isObject(body.target) ? { kind: body.target.kind, name: body.target.name } : undefined;
      return { type: 'Object', object: { metric: { name: body.metricName }, ...(described ? { describedObject: described } : {}), target: t } };
    }
    default:
      return { type: 'External', external: { metric: { name: body.metricName }, target: t } };
  }
}
