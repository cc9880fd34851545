/**
 * The zone of a new NodeClaim. Karpenter adds the pods' requirements on
 * topology.kubernetes.io/zone to the NodeClaim (kubernetes-sigs/karpenter
 * pkg/controllers/provisioning/scheduling/nodeclaim.go, requirements from nodeSelector and the
 * required node affinity), and the cloud provider launches the cheapest offering, an (instance
 * type, capacity type, zone) triple, that meets them (aws/karpenter-provider-aws
 * pkg/providers/instance: CreateFleet with one override per type and zone, `lowest-price`).
 */
import { labels as wellKnown } from '../../scheduler/defaults.js';
import { matchesRequirement } from '../../scheduler/node-affinity.js';
import { compareOfferings, offeringFits } from './select-instance-type.js';
import type { InstanceOffering, NodeResources, PodView } from './types.js';

/**
 * Zones among `zones` where `pod` may run, judged on its zone requirements alone. Required
 * node-affinity terms are tried in order and the first that leaves a zone wins, as Karpenter
 * relaxes a pod's required terms one by one (scheduling/preferences.go); expressions on other keys
 * are left to the other checks.
 */
export function podAllowedZones(pod: PodView, zones: readonly string[]): string[] {
  const key = wellKnown.zone;
  const selected = pod.nodeSelector?.[key];
  const allowed = selected === undefined ? [...zones] : zones.filter((z) => z === selected);
  const terms = pod.affinity?.nodeAffinity?.requiredTerms;
  if (terms === undefined || terms.length === 0) return allowed;
  for (const term of terms) {
    const reqs = term.matchExpressions.filter((r) => r.key === key);
    const inTerm = allowed.filter((z) => reqs.every((r) => matchesRequirement(r, { [key]: z })));
    if (inTerm.length > 0) return inTerm;
  }
  return [];
}

/** Zones every pod of a NodeClaim allows, in `zones` order. */
export function claimAllowedZones(pods: readonly PodView[], zones: readonly string[]): string[] {
  let allowed = [...zones];
  for (const p of pods) {
    const ok = new Set(podAllowedZones(p, allowed));
    allowed = allowed.filter((z) => ok.has(z));
  }
  return allowed;
}

/** Hourly price of `offering` in `zone` (per-zone price tables; otherwise the offering's region price). */
export type ZonePriceFn = (offering: InstanceOffering, zone: string) => number;

export interface ZonalOffering {
  readonly offering: InstanceOffering;
  readonly zone: string;
  readonly priceUsdPerHour: number;
}

export interface ZonalSelection {
  readonly choice: ZonalOffering | null;
  readonly reason: 'CheapestZonalOffering' | 'NoZoneAllowed' | 'NoOfferingFits';
  readonly message: string;
}

export interface SelectZonalOfferingInput {
  /** Σ requests and count of the NodeClaim's pods. */
  readonly requests: NodeResources;
  readonly pods: readonly PodView[];
  readonly offerings: readonly InstanceOffering[];
  readonly daemonSetOverhead: NodeResources;
  /** The NodePool's zones (its requirement on topology.kubernetes.io/zone, or the cluster's). */
  readonly zones: readonly string[];
  /** @default the offering's own price in every zone */
  readonly priceIn?: ZonePriceFn;
  /** The pool's nodes per zone now, for the tie-break. */
  readonly nodesPerZone?: Readonly<Record<string, number>>;
}

/**
 * The cheapest (offering, zone) that holds the requests in a zone all the pods allow. Ties: spot
 * before on-demand, then the zone with fewer of the pool's nodes (EC2 Fleet leaves ties
 * unspecified; spreading them is this model's choice), then type and zone name.
 */
export function selectZonalOffering(input: SelectZonalOfferingInput): ZonalSelection {
  const zones = claimAllowedZones(input.pods, input.zones);
  if (zones.length === 0) {
    return { choice: null, reason: 'NoZoneAllowed', message: `no zone of [${input.zones.join(', ')}] meets the pods' zone requirements` };
  }
  const priceIn = input.priceIn ?? ((o: InstanceOffering) => o.priceUsdPerHour);
  const count = (z: string) => input.nodesPerZone?.[z] ?? 0;
  let best: ZonalOffering | null = null;
  for (const offering of input.offerings) {
    if (!offeringFits(offering, input.requests, input.daemonSetOverhead)) continue;
    for (const zone of zones) {
      const c: ZonalOffering = { offering, zone, priceUsdPerHour: priceIn(offering, zone) };
      if (best === null || compareZonal(c, best, count) < 0) best = c;
    }
  }
  if (best === null) {
    return { choice: null, reason: 'NoOfferingFits', message: 'no instance type holds the requests plus DaemonSet overhead' };
  }
  return {
    choice: best,
    reason: 'CheapestZonalOffering',
    message: `${best.offering.instanceType} (${best.offering.capacityType}) in ${best.zone} at ${best.priceUsdPerHour} $/h is the cheapest offering the pods allow`,
  };
}

function compareZonal(a: ZonalOffering, b: ZonalOffering, count: (z: string) => number): number {
  if (a.priceUsdPerHour !== b.priceUsdPerHour) return a.priceUsdPerHour - b.priceUsdPerHour;
  const cap = Number(a.offering.capacityType === 'on-demand') - Number(b.offering.capacityType === 'on-demand');
  if (cap !== 0) return cap;
  if (count(a.zone) !== count(b.zone)) return count(a.zone) - count(b.zone);
  const byType = compareOfferings({ ...a.offering, priceUsdPerHour: 0 }, { ...b.offering, priceUsdPerHour: 0 });
  if (byType !== 0) return byType;
  return a.zone < b.zone ? -1 : a.zone > b.zone ? 1 : 0;
}
