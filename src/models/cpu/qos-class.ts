/**
 * Pod QoS class from its containers' requests and limits
 * (kubernetes `pkg/apis/core/v1/helper/qos` `GetPodQOS`; docs/models/cpu.md#from-requests-and-limits-to-cgroup-settings).
 */

/** CPU and memory requests/limits of one container; absent = not set. Units: millicores, bytes. */
export interface ContainerResources {
  readonly cpuRequestMilli?: number;
  readonly cpuLimitMilli?: number;
  readonly memoryRequestBytes?: number;
  readonly memoryLimitBytes?: number;
}

/** Kubernetes QoS classes, spelled as in the API. */
export type QosClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

/** Numeric QoS codes used in the struct-of-arrays node state. */
export const QOS_GUARANTEED = 0;
/** Burstable QoS code. */
export const QOS_BURSTABLE = 1;
/** BestEffort QoS code. */
export const QOS_BEST_EFFORT = 2;

const isSet = (v: number | undefined): v is number => v !== undefined && v > 0;

/**
 * QoS class of a pod. Guaranteed: every container has CPU and memory limits, with requests equal to
 * them (a missing request defaults to the limit, as the API server does). BestEffort: no CPU or memory
 * request or limit anywhere. Otherwise Burstable.
 */
export function qosClass(containers: readonly ContainerResources[]): QosClass {
  let anySet = false;
  let allGuaranteed = containers.length > 0;
  for (const c of containers) {
    const cpuReq = isSet(c.cpuRequestMilli) ? c.cpuRequestMilli : c.cpuLimitMilli;
    const memReq = isSet(c.memoryRequestBytes) ? c.memoryRequestBytes : c.memoryLimitBytes;
    if (isSet(cpuReq) || isSet(memReq) || isSet(c.cpuLimitMilli) || isSet(c.memoryLimitBytes)) anySet = true;
    const cpuOk = isSet(c.cpuLimitMilli) && cpuReq === c.cpuLimitMilli;
    const memOk = isSet(c.memoryLimitBytes) && memReq === c.memoryLimitBytes;
    if (!cpuOk || !memOk) allGuaranteed = false;
  }
  if (!anySet) return 'BestEffort';
  return allGuaranteed ? 'Guaranteed' : 'Burstable';
}

/** Numeric code of a QoS class for typed arrays. */
export function qosCode(qos: QosClass): number {
  return qos === 'Guaranteed' ? QOS_GUARANTEED : qos === 'Burstable' ? QOS_BURSTABLE : QOS_BEST_EFFORT;
}
