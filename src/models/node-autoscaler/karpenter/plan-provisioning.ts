/**
 * Provisioning for one closed batch (pkg/controllers/provisioning/scheduling/scheduler.go):
 * pods ordered by CPU then memory request descending; each goes to (1) an existing or in-flight
 * node, else (2) a NodeClaim already planned in this batch (fewest pods first), else (3) a new
 * NodeClaim from the NodePools by weight. A NodeClaim keeps every offering that can still hold
 * all its pods plus DaemonSet overhead within the pool limits; at launch the cheapest remaining
 * offering is chosen. Runs on a private snapshot; inputs are not modified.
 *
 * Pod (anti-)affinity and topology spread constraints are checked as the scheduler would on the
 * nodes and on the planned NodeClaims (Karpenter's scheduler tracks topology over both,
 * scheduling/topology.go): a claim is a node named after itself (kubernetes.io/hostname) whose
 * labels are those of its remaining offerings, and the pods planned on it join its pod groups.
 * An offering stays a candidate for a claim only if the pod passes those filters with the
 * offering's labels, so a zone spread constraint narrows a claim to the zones it allows; then,
 * as Karpenter's topology does, the claim is pinned to one domain of each DoNotSchedule
 * constraint's key: the allowed value with the fewest matching pods (ties by name). For counting,
 * a claim belongs to a domain only when all its remaining offerings agree on the label, and every
 * label value an offering of a NodePool would give is a domain (with no pods until a node or claim
 * has it), since Karpenter takes its domains from the NodePools' requirements, not only from nodes.
 */
import { labels as wellKnown } from '../../scheduler/defaults.js';
import { clusterFilterReason, findFittingNode, preFilter, type FilterState } from '../../scheduler/filter-node.js';
import { adjustGroups, PlacementSnapshot } from '../../scheduler/placement-snapshot.js';
import type { PodGroupCount } from '../../scheduler/types.js';
import { claimView, nodePoolDomains } from './claim-view.js';
import { offeringLabels, podCompatible } from './claim-fit.js';
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
  /**
   * The pods were already offered to `nodes`, in this order, and fit none (a consolidation's
   * what-if): they go straight to NodeClaims, and `nodes` only count for topology and limits.
   * @default false
   */
  readonly existingNodesTried?: boolean;
  /**
   * False when no pod on `nodes` has pod (anti-)affinity terms (the caller knows it): the nodes'
   * pods are then not searched for a required anti-affinity. @default true
   */
  readonly podAffinityInNodes?: boolean;
}

/** A node to launch. The caller creates it after the provisioning delay and binds pods via the scheduler. */
export interface NodeClaimPlan {
  readonly name: string;
  readonly nodePool: string;
  readonly offering: InstanceOffering;
  /** Every offering that can still take the claim's pods (`offering` is the cheapest of them). */
  readonly options: readonly InstanceOffering[];
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
  readonly name: string;
  readonly pool: NodePool;
  readonly pods: PodView[];
  requests: NodeResources;
  candidates: InstanceOffering[];
  podGroups: readonly PodGroupCount[];
}

/** Labels shared by every remaining offering of a claim (the ones it is sure to have). */
function commonLabels(pool: NodePool, offerings: readonly InstanceOffering[]): Record<string, string> {
  const [first, ...rest] = offerings.map((o) => offeringLabels(pool, o));
  const out: Record<string, string> = { ...first };
  for (const l of rest) for (const k of Object.keys(out)) if (l[k] !== out[k]) delete out[k];
  return out;
}

/** `offerings` narrowed to one value of each DoNotSchedule spread key: the least populated allowed domain. */
function pinDomains(pool: NodePool, offerings: InstanceOffering[], state: FilterState | null): InstanceOffering[] {
  const spread = state?.topologySpread;
  if (spread === null || spread === undefined) return offerings;
  let left = offerings;
  spread.constraints.forEach((c, i) => {
    if (c.topologyKey === wellKnown.hostname) return;
    const counts = spread.counts[i] as Map<string, number>;
    let best: { value: string; count: number } | undefined;
    for (const o of left) {
      const value = offeringLabels(pool, o)[c.topologyKey];
      if (value === undefined) continue;
      const count = counts.get(value) ?? 0;
      if (best === undefined || count < best.count || (count === best.count && value < best.value)) best = { value, count };
    }
    if (best !== undefined) left = left.filter((o) => offeringLabels(pool, o)[c.topologyKey] === best?.value);
  });
  return left;
}

/** Whether some group of `gs` has a required pod anti-affinity term. */
const hasAnti = (gs: readonly PodGroupCount[] | undefined) => (gs ?? []).some((g) => (g.group.podAntiAffinity?.required?.length ?? 0) > 0);

/**
 * Whether the pod needs the cluster-wide filters at all (its own rules, or some pod's required
 * anti-affinity); `nodesHaveAnti`: whether the nodes' pods have such a term.
 */
function needsTopology(pod: PodView, nodesHaveAnti: boolean, claims: readonly Claim[]): boolean {
  return podHasTopologyRules(pod) || nodesHaveAnti || claims.some((c) => hasAnti(c.podGroups));
}

/** Whether the pod has topology spread constraints or pod (anti-)affinity of its own. */
export function podHasTopologyRules(pod: PodView): boolean {
  return (pod.topologySpreadConstraints?.length ?? 0) > 0 || pod.affinity?.podAffinity !== undefined || pod.affinity?.podAntiAffinity !== undefined;
}

/** Whether the pool limits its CPU or memory (else its nodes do not matter to its room). */
export function poolHasLimits(pool: NodePool): boolean {
  return (pool.limits?.cpuMilli ?? Infinity) !== Infinity || (pool.limits?.memoryBytes ?? Infinity) !== Infinity;
}

const add = (r: NodeResources, p: PodView): NodeResources => ({
  cpuMilli: r.cpuMilli + p.requests.cpuMilli,
  memoryBytes: r.memoryBytes + p.requests.memoryBytes,
  pods: r.pods + 1,
});

/** Room under a pool's limits left by its existing nodes (Infinity where the pool sets no limit). */
function roomAfterNodes(pool: NodePool, nodes: readonly KarpenterNodeView[]): { cpu: number; mem: number } {
  let cpu = pool.limits?.cpuMilli ?? Infinity;
  let mem = pool.limits?.memoryBytes ?? Infinity;
  if (!poolHasLimits(pool)) return { cpu, mem };
  for (const n of nodes) {
    if (n.pool !== pool.name || n.deleting) continue;
    const o = pool.offerings.find((x) => x.instanceType === n.instanceType);
    cpu -= o?.capacity.cpuMilli ?? n.allocatable.cpuMilli;
    mem -= o?.capacity.memoryBytes ?? n.allocatable.memoryBytes;
  }
  return { cpu, mem };
}

/** Remaining room under a pool's limits given `afterNodes` (roomAfterNodes) and its planned claims. */
function limitRoom(pool: NodePool, afterNodes: { cpu: number; mem: number }, claims: readonly Claim[]): { cpu: number; mem: number } {
  let { cpu, mem } = afterNodes;
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
  // No binds when the nodes were tried already: their list then stands for the whole batch.
  const snapshot = input.existingNodesTried === true ? null : new PlacementSnapshot(ready);
  const pods = input.pendingPods
    .map((p, i) => ({ p, i }))
    .sort((a, b) => b.p.requests.cpuMilli - a.p.requests.cpuMilli || b.p.requests.memoryBytes - a.p.requests.memoryBytes || a.i - b.i)
    .map((x) => x.p);
  const pools = [...input.nodePools].sort((a, b) => (b.weight ?? 0) - (a.weight ?? 0) || (a.name < b.name ? -1 : 1));
  const claims: Claim[] = [];
  const existing: Record<string, string> = {};
  const unschedulable: Record<string, ProvisioningPlan['unschedulable'][string]> = {};

  const first = input.firstClaimIndex ?? 0;
  // Every offering's label values exist as domains; built on first need.
  let domainViews: KarpenterNodeView[] | undefined;
  const domains = (): KarpenterNodeView[] => (domainViews ??= nodePoolDomains(pools));
  // Binds do not change a node's capacity, so each pool's room left by the nodes holds for the batch.
  const afterNodes = new Map<NodePool, { cpu: number; mem: number }>();
  const roomOf = (pool: NodePool) => {
    let r = afterNodes.get(pool);
    if (r === undefined) afterNodes.set(pool, (r = roomAfterNodes(pool, input.nodes)));
    return r;
  };
  // The input nodes' anti-affinity, looked up once on first need.
  let nodesHaveAnti: boolean | undefined;
  for (const pod of pods) {
    const nodes = snapshot === null ? ready : snapshot.nodes();
    const node = snapshot === null ? undefined : findFittingNode(pod, nodes);
    if (snapshot !== null && node !== undefined) {
      snapshot.bindPod(pod, node.name);
      existing[pod.name] = node.name;
      continue;
    }
    // Cluster-wide filters over nodes and planned claims, only when some rule can apply.
    const state = needsTopology(pod, (nodesHaveAnti ??= input.podAffinityInNodes !== false && ready.some((n) => hasAnti(n.podGroups))), claims)
      ? preFilter(pod, { allNodes: [...nodes, ...claims.map((c) => claimView(c, commonLabels(c.pool, c.candidates))), ...domains()] })
      : null;
    const topologyAllows = (c: { name: string; pool: NodePool; podGroups: readonly PodGroupCount[] }, o: InstanceOffering): boolean =>
      state === null || clusterFilterReason(state, claimView(c, offeringLabels(c.pool, o))) === null;
    const byFewest = claims.map((c, i) => ({ c, i })).sort((a, b) => a.c.pods.length - b.c.pods.length || a.i - b.i);
    let placed = false;
    for (const { c } of byFewest) {
      const req = add(c.requests, pod);
      const left = pinDomains(
        c.pool,
        c.candidates.filter((o) => podCompatible(pod, c.pool, o) && offeringFits(o, req, c.pool.daemonSetOverhead) && topologyAllows(c, o)),
        state,
      );
      if (left.length === 0) continue;
      c.pods.push(pod);
      c.requests = req;
      c.candidates = left;
      c.podGroups = adjustGroups(c.podGroups, pod, 1);
      placed = true;
      break;
    }
    if (placed) continue;
    const poolReasons: string[] = [];
    for (const pool of pools) {
      const room = limitRoom(pool, roomOf(pool), claims);
      const req = add({ cpuMilli: 0, memoryBytes: 0, pods: 0 }, pod);
      const compatible = pool.offerings.filter((o) => podCompatible(pod, pool, o));
      const fitting = compatible.filter((o) => offeringFits(o, req, pool.daemonSetOverhead));
      const fresh = { name: `nodeclaim-${first + claims.length}`, pool, podGroups: [] };
      const allowed = fitting.filter((o) => topologyAllows(fresh, o));
      const candidates = pinDomains(pool, allowed.filter((o) => o.capacity.cpuMilli <= room.cpu && o.capacity.memoryBytes <= room.mem), state);
      if (candidates.length > 0) {
        claims.push({ ...fresh, pods: [pod], requests: req, candidates, podGroups: adjustGroups(undefined, pod, 1) });
        placed = true;
        break;
      }
      poolReasons.push(
        compatible.length === 0
          ? `incompatible with nodepool "${pool.name}"`
          : fitting.length === 0
            ? `no instance type of nodepool "${pool.name}" fits the requests`
            : allowed.length === 0
              ? `no instance type of nodepool "${pool.name}" satisfies the pod's topology spread or pod affinity`
              : `nodepool "${pool.name}" limits exceeded`,
      );
    }
    if (!placed) {
      unschedulable[pod.name] = { reason: 'NoCompatibleNodePool', message: `could not schedule pod, ${poolReasons.join(', ') || 'no nodepools'}` };
    }
  }

  const nodeClaims: NodeClaimPlan[] = claims.map((c) => {
    const sel = selectInstanceType(c.requests, c.candidates, c.pool.daemonSetOverhead);
    const offering = sel.offering as InstanceOffering; // candidates always hold the claim's pods
    return {
      name: c.name,
      nodePool: c.pool.name,
      offering,
      options: c.candidates,
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
