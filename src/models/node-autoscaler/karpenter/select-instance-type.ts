/**
 * Instance choice for one NodeClaim (scheduling/nodeclaimtemplate.go, provider CreateFleet with
 * `lowest-price` for on-demand): among the offerings whose allocatable minus DaemonSet overhead
 * holds the pods, the cheapest; ties go to spot, then to the instance-type name.
 */
import type { InstanceOffering, NodeResources } from './types.js';

/** True when `o` can hold `requests` on top of `daemonSetOverhead`. */
export function offeringFits(o: InstanceOffering, requests: NodeResources, daemonSetOverhead: NodeResources): boolean {
  return (
    requests.cpuMilli + daemonSetOverhead.cpuMilli <= o.allocatable.cpuMilli &&
    requests.memoryBytes + daemonSetOverhead.memoryBytes <= o.allocatable.memoryBytes &&
    requests.pods + daemonSetOverhead.pods <= o.allocatable.pods
  );
}

/** Price order used for launches: price, then spot before on-demand, then name. */
export function compareOfferings(a: InstanceOffering, b: InstanceOffering): number {
  return (
    a.priceUsdPerHour - b.priceUsdPerHour ||
    Number(a.capacityType === 'on-demand') - Number(b.capacityType === 'on-demand') ||
    (a.instanceType < b.instanceType ? -1 : a.instanceType > b.instanceType ? 1 : 0)
  );
}

export interface InstanceSelection {
  readonly offering: InstanceOffering | null;
  readonly reason: 'CheapestFittingOffering' | 'NoOfferingFits';
  readonly message: string;
}

/** Picks the cheapest offering that holds `requests` (Σ pod requests and pod count). */
export function selectInstanceType(
  requests: NodeResources,
  offerings: readonly InstanceOffering[],
  daemonSetOverhead: NodeResources,
): InstanceSelection {
  let best: InstanceOffering | null = null;
  for (const o of offerings) {
    if (!offeringFits(o, requests, daemonSetOverhead)) continue;
    if (best === null || compareOfferings(o, best) < 0) best = o;
  }
  return best === null
    ? { offering: null, reason: 'NoOfferingFits', message: 'no instance type holds the requests plus DaemonSet overhead' }
    : {
        offering: best,
        reason: 'CheapestFittingOffering',
        message: `${best.instanceType} (${best.capacityType}) at ${best.priceUsdPerHour} $/h is the cheapest type that fits`,
      };
}
