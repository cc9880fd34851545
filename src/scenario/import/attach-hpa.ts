import { nanosToMilli, parseQuantity } from '../../quantities/quantity.js';
import type { WrittenHpa } from './convert-hpa.js';
import { isObject } from './manifest-documents.js';

/**
 * Attaches an imported HPA to a written workload. A Utilization metric on a resource the pods do
 * not request cannot be computed (the controller reports FailedGetResourceMetric, "missing
 * request for cpu") and never scales, so such metrics are dropped with a note saying what is
 * assumed; an HPA left without metrics is dropped and the replicas stay where they are.
 */
export function attachHpa(workload: Record<string, unknown>, hpa: WrittenHpa): { attached: boolean; notes: string[] } {
  const requestsOf = (x: unknown): Record<string, unknown> => (isObject(x) && isObject(x.resources) && isObject(x.resources.requests) ? x.resources.requests : {});
  const containers = [...(Array.isArray(workload.containers) ? workload.containers : []), ...(Array.isArray(workload.initContainers) ? workload.initContainers.filter((c) => isObject(c) && c.restartPolicy === 'Always') : [])];
  const positive = (q: unknown): boolean => {
    if (typeof q !== 'string' && typeof q !== 'number') return false;
    const parsed = parseQuantity(q);
    return parsed.ok && nanosToMilli(parsed.nanos) > 0;
  };
  // A Resource metric reads the pod's requests (the workload's, or its containers' together); a
  // ContainerResource metric the named container's.
  const requested = (name: string, container: unknown): boolean => {
    if (typeof container === 'string') {
      const c = containers.find((x) => isObject(x) && x.name === container);
      return positive(requestsOf(c)[name]) || (containers.length <= 1 && positive(requestsOf(workload)[name]));
    }
    return positive(requestsOf(workload)[name]) || containers.some((c) => positive(requestsOf(c)[name]));
  };
  // An HPA with no metrics gets CPU at 80 % (autoscaling/v2 SetDefaults_HorizontalPodAutoscaler).
  const metrics = hpa.metrics ?? [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
  const notes: string[] = [];
  const kept = metrics.filter((m) => {
    const body = isObject(m.resource) ? m.resource : isObject(m.containerResource) ? m.containerResource : null;
    const target = body && isObject(body.target) ? body.target : null;
    if (!body || target?.type !== 'Utilization' || requested(String(body.name), isObject(m.containerResource) ? m.containerResource.container : undefined)) return true;
    notes.push(`${String(body.name)} Utilization needs a ${String(body.name)} request and the pods have none (FailedGetResourceMetric): metric ignored`);
    return false;
  });
  if (kept.length === 0) {
    const replicas = typeof workload.replicas === 'number' ? workload.replicas : (hpa.minReplicas ?? 1);
    notes.push(`no usable metric left: the HPA never scales, so replicas are assumed fixed at ${replicas}`);
    workload.replicas = replicas;
    return { attached: false, notes };
  }
  workload.hpa = { ...hpa, ...(hpa.metrics || kept.length !== metrics.length ? { metrics: kept } : {}) };
  return { attached: true, notes };
}
