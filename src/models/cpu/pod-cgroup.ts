/**
 * CPU settings of the cgroups the kubelet creates above a container: pod, QoS groups, kubepods
 * (docs/models/cpu.md#from-requests-and-limits-to-cgroup-settings; kubelet `ResourceConfigForPod`, `qos_container_manager_linux.go` `setCPUCgroupConfig`,
 * `node_container_manager_linux.go`).
 */
import { bestEffortShares, cfsPeriodMicros } from './defaults.js';
import { milliToQuotaUs, milliToShares } from './kubelet-mapping.js';
import { qosClass, type ContainerResources, type QosClass } from './qos-class.js';

/** cgroup CPU settings: v1 shares and quota (−1 = none) with its period. */
export interface CgroupCpuConfig {
  readonly shares: number;
  readonly quotaMicros: number;
  readonly periodMicros: number;
}

/**
 * Pod cgroup: shares from Σ container requests (a missing request counts as its limit); quota =
 * Σ limits only if EVERY container has a CPU limit; BestEffort pods get 2 shares.
 */
export function podCpuCgroup(
  containers: readonly ContainerResources[],
  periodMicros: number = cfsPeriodMicros,
): CgroupCpuConfig & { readonly qos: QosClass } {
  const qos = qosClass(containers);
  let requestMilli = 0;
  let limitMilli = 0;
  let allLimited = containers.length > 0;
  for (const c of containers) {
    const limit = c.cpuLimitMilli ?? 0;
    requestMilli += c.cpuRequestMilli ?? limit;
    if (limit > 0) limitMilli += limit;
    else allLimited = false;
  }
  const shares = qos === 'BestEffort' ? bestEffortShares : milliToShares(requestMilli);
  const quotaMicros = allLimited ? milliToQuotaUs(limitMilli, periodMicros) : -1;
  return { qos, shares, quotaMicros, periodMicros };
}

/** Shares of the QoS-level cgroups and of `kubepods` itself. */
export interface QosGroupShares {
  /** `kubepods` = shares(node allocatable CPU). */
  readonly kubepods: number;
  /** `kubepods/burstable` = shares(Σ CPU requests of Burstable pods). */
  readonly burstable: number;
  /** `kubepods/besteffort` = 2, always. */
  readonly besteffort: number;
}

/**
 * Shares of kubepods and the QoS groups (Guaranteed pods sit directly under kubepods).
 * @param allocatableMilli node allocatable CPU in millicores
 * @param burstableRequestsMilli Σ CPU requests of all Burstable pods on the node
 */
export function qosGroupShares(allocatableMilli: number, burstableRequestsMilli: number): QosGroupShares {
  return {
    kubepods: milliToShares(allocatableMilli),
    burstable: milliToShares(burstableRequestsMilli),
    besteffort: bestEffortShares,
  };
}
