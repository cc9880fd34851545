/**
 * Provisioning for one closed batch (pkg/controllers/provisioning/scheduling/scheduler.go):
 * pods ordered by CPU then memory request descending; each goes to (1) an existing or in-flight
 * node, else (2) a NodeClaim already planned in this batch (fewest pods first), else (3) a new
 * NodeClaim from the NodePools by weight. A NodeClaim keeps every offering that can still hold
 * all its pods plus DaemonSet overhead within the pool limits; at launch the cheapest remaining
 * offering is chosen. Runs on a private snapshot; inputs are not modified.
 */
import { filterNode } from '../../scheduler/filter-node.js';
import { PlacementSnapshot } from '../../scheduler/placement-snapshot.js';
import { podCompatible } from './claim-fit.js';
import { offeringFits, selectInstanceType } from './select-instance-type.js';
import type { InstanceOffering, KarpenterNodeView, NodePool, NodeResources, PodView } from './types.js';

export interface ProvisioningInput {
  readonly nowMs: number;
  /** Pods of the closed batch. */
  readonly pendingPods: readonly PodView[];
  /** Registered nodes and in-flight NodeClaims (not Ready yet); deleting nodes are skipped. */
  readonly nodes: readonly KarpenterNodeView[];
  readonly nodePools: readonly NodePool[];
  /** Index for the first new claim's name `nodeclaim-<n>`. @default 0 */
  readonly firstClaimIndex?: number;
}

/** A node to launch. The caller creates it after the provisioning delay and binds pods via the scheduler. */
export interface NodeClaimPlan {
  readonly name: string;
  readonly nodePool: string;
  readonly offering: InstanceOffering;
  readonly pods: readonly string[];
  readonly reason: 'Launched';
  readonly message: string;
}

export interface ProvisioningPlan {
  readonly nodeClaims: readonly NodeClaimPlan[];
  /** Pods that fit existing or in-flight nodes, with the node the simulation used. */
  readonly existingPlacements: Readonly<Record<string, string>>;
  readonly unschedulable: Readonly<Record<string, { readonly reason: 'NoCompatibleNodePool'; readonly message: string }>>;
  readonly reason: 'Provisioned' | 'NothingToProvision';
  readonly message: string;
}

interface Claim {
  readonly pool: NodePool;
  readonly pods: PodView[];
  requests: NodeResources;
  candidates: InstanceOffering[];
}

const add = (r: NodeResources, p: PodView): NodeResources => ({
  cpuMilli: r.cpuMilli + p.requests.cpuMilli,
  memoryBytes: r.memoryBytes + p.requests.memoryBytes,
  pods: r.pods + 1,
});

/** Remaining room under a pool's limits given the capacity of its existing and planned nodes. */
function limitRoom(pool: NodePool, nodes: readonly KarpenterNodeView[], claims: readonly Claim[]): { cpu: number; mem: number } {
  let cpu = pool.limits?.cpuMilli ?? Infinity;
  let mem = pool.limits?.memoryBytes ?? Infinity;
  for (const n of nodes) {
    if (n.pool !== pool.name || n.deleting) continue;
    const o = pool.offerings.find((x) => x.instanceType === n.instanceType);
    cpu -= o?.capacity.cpuMilli ?? n.allocatable.cpuMilli;
    mem -= o?.capacity.memoryBytes ?? n.allocatable.memoryBytes;
  }
  for (const c of claims) {
    if (c.pool !== pool) continue;
    // A planned claim may still become its largest candidate; reserve the largest to stay under the limit.
    cpu -= Math.max(0, ...c.candidates.map((o) => o.capacity.cpuMilli));
    mem -= Math.max(0, ...c.candidates.map((o) => o.capacity.memoryBytes));
  }
  return { cpu, mem };
}

/** Plans NodeClaims for a batch. */
export function planProvisioning(input: ProvisioningInput): ProvisioningPlan {
  const ready = input.nodes.filter((n) => !n.deleting).map((n) => (n.ready ? n : { ...n, ready: true }));
  const snapshot = new PlacementSnapshot(ready);
  const pods = input.pendingPods
    .map((p, i) => ({ p, i }))
    .sort((a, b) => b.p.requests.cpuMilli - a.p.requests.cpuMilli || b.p.requests.memoryBytes - a.p.requests.memoryBytes || a.i - b.i)
    .map((x) => x.p);
  const pools = [...input.nodePools].sort((a, b) => (b.weight ?? 0) - (a.weight ?? 0) || (a.name < b.name ? -1 : 1));
  const claims: Claim[] = [];
  const existing: Record<string, string> = {};
  const unschedulable: Record<string, ProvisioningPlan['unschedulable'][string]> = {};

  for (const pod of pods) {
    const node = snapshot.find((n) => filterNode(pod, n).fits);
    if (node !== undefined) {
      snapshot.bindPod(pod, node.name);
      existing[pod.name] = node.name;
      continue;
    }
    const byFewest = claims.map((c, i) => ({ c, i })).sort((a, b) => a.c.pods.length - b.c.pods.length || a.i - b.i);
    let placed = false;
    for (const { c } of byFewest) {
      const req = add(c.requests, pod);
      const left = c.candidates.filter((o) => podCompatible(pod, c.pool, o) && offeringFits(o, req, c.pool.daemonSetOverhead));
      if (left.length === 0) continue;
      c.pods.push(pod);
      c.requests = req;
      c.candidates = left;
      placed = true;
      break;
    }
    if (placed) continue;
    const poolReasons: string[] = [];
    for (const pool of pools) {
      const room = limitRoom(pool, input.nodes, claims);
      const req = add({ cpuMilli: 0, memoryBytes: 0, pods: 0 }, pod);
      const compatible = pool.offerings.filter((o) => podCompatible(pod, pool, o));
      const fitting = compatible.filter((o) => offeringFits(o, req, pool.daemonSetOverhead));
      const candidates = fitting.filter((o) => o.capacity.cpuMilli <= room.cpu && o.capacity.memoryBytes <= room.mem);
      if (candidates.length > 0) {
        claims.push({ pool, pods: [pod], requests: req, candidates });
        placed = true;
        break;
      }
      poolReasons.push(
        compatible.length === 0
          ? `incompatible with nodepool "${pool.name}"`
          : fitting.length === 0
            ? `no instance type of nodepool "${pool.name}" fits the requests`
            : `nodepool "${pool.name}" limits exceeded`,
      );
    }
    if (!placed) {
      unschedulable[pod.name] = { reason: 'NoCompatibleNodePool', message: `could not schedule pod, ${poolReasons.join(', ') || 'no nodepools'}` };
    }
  }

  const first = input.firstClaimIndex ?? 0;
  const nodeClaims: NodeClaimPlan[] = claims.map((c, i) => {
    const sel = selectInstanceType(c.requests, c.candidates, c.pool.daemonSetOverhead);
    const offering = sel.offering as InstanceOffering; // candidates always hold the claim's pods
    return {
      name: `nodeclaim-${first + i}`,
      nodePool: c.pool.name,
      offering,
      pods: c.pods.map((p) => p.name),
      reason: 'Launched',
      message: `launching ${offering.instanceType} (${offering.capacityType}, ${offering.priceUsdPerHour} $/h) from nodepool ${c.pool.name} for ${c.pods.length} pod(s)`,
    };
  });
  return {
    nodeClaims,
    existingPlacements: existing,
    unschedulable,
    reason: nodeClaims.length > 0 ? 'Provisioned' : 'NothingToProvision',
    message: nodeClaims.length > 0 ? `${nodeClaims.length} nodeclaim(s) for ${pods.length} pod(s)` : 'no new nodes needed',
  };
}
