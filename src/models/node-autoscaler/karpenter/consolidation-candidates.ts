/**
 * Disruption candidates (pkg/controllers/disruption/helpers.go GetCandidates, types.go
 * NewCandidate; nodeclaim/disruption/consolidation.go): managed, initialized, not deleting, no
 * karpenter.sh/do-not-disrupt on node or pod, no pod whose PDB allows zero disruptions, and
 * Consolidatable (consolidateAfter elapsed since the last pod event).
 */
import { boundPodsOf, staysWithNode, type BoundPods } from '../bound-pods.js';
import { doNotDisruptAnnotation } from './defaults.js';
import { evictionCost, lifetimeRemaining } from './disruption-cost.js';
import type { KarpenterNodeView, NodePool, PodView } from './types.js';

export interface Candidate {
  readonly node: KarpenterNodeView;
  readonly pool: NodePool;
  /** Pods that must be rescheduled (not DaemonSet/mirror). */
  readonly pods: readonly PodView[];
  readonly empty: boolean;
  readonly disruptionCost: number;
}

export type CandidateRejection =
  | 'NotManaged'
  | 'NotInitialized'
  | 'Deleting'
  | 'DoNotDisrupt'
  | 'PdbBlocked'
  | 'ConsolidationDisabled'
  | 'NotConsolidatable';

export interface CandidateInput {
  readonly nowMs: number;
  readonly nodes: readonly KarpenterNodeView[];
  /** The bound pods, as one list or grouped by node (one of the two; boundPods when both are given). */
  readonly pods?: readonly PodView[];
  readonly boundPods?: BoundPods;
  readonly nodePools: readonly NodePool[];
}

type Rejection = { reason: CandidateRejection; message: string };

/** What the candidate checks know of a node without the clock. */
interface NodeFacts {
  readonly node: KarpenterNodeView;
  readonly pool: NodePool | undefined;
  /** The node's bound pods as given, DaemonSet and mirror pods included (what {@link stillHolds} compares). */
  readonly bound: readonly PodView[];
  /** Pods that must be rescheduled (not DaemonSet/mirror). */
  readonly pods: readonly PodView[];
  /** The first rejection that does not depend on the time, or null. */
  readonly rejection: Rejection | null;
  /** Σ eviction cost of `pods`, in their order (disruptionCost's sum). */
  readonly evictionSum: number;
}

/**
 * The facts of the last node list seen with its pods and pools. The disruption controller polls
 * every 10 s with the same lists while the cluster is unchanged (a reused view), and then only the
 * clock's checks differ. Keyed by the lists' identity: inputs are never modified.
 */
const factsMemo = new WeakMap<readonly KarpenterNodeView[], { readonly pods: object | undefined; readonly pools: readonly NodePool[]; readonly facts: readonly NodeFacts[] }>();

/**
 * Each node's facts of the last lists seen, by node name, per NodePool list (one per run). When
 * the lists change (any pod bound or gone anywhere), most nodes still hold the same pod views in
 * the same order and the same NodeClaim facts: their facts are kept, and only the nodes that
 * changed read their pods again.
 */
const factsByNodeMemo = new WeakMap<readonly NodePool[], Map<string, NodeFacts>>();

const noPods: readonly PodView[] = [];

/** Whether `f`, found for an earlier view of `node`, holds for `node` with `pods` and `pool`. */
function stillHolds(f: NodeFacts, node: KarpenterNodeView, pods: readonly PodView[], pool: NodePool | undefined): boolean {
  const was = f.node;
  if (f.pool !== pool || f.bound.length !== pods.length) return false;
  if (was.initializedMs !== node.initializedMs || was.deleting !== node.deleting || was.annotations !== node.annotations) return false;
  if (f.bound === pods) return true;
  for (let i = 0; i < pods.length; i++) if (f.bound[i] !== pods[i]) return false;
  return true;
}

function nodeFacts(input: CandidateInput): NodeFacts[] {
  const pools = new Map(input.nodePools.map((p) => [p.name, p]));
  const grouped = input.boundPods ?? boundPodsOf(input.pods ?? noPods);
  const before = factsByNodeMemo.get(input.nodePools);
  const now = new Map<string, NodeFacts>();
  factsByNodeMemo.set(input.nodePools, now);
  return input.nodes.map((node): NodeFacts => {
    const pool = pools.get(node.pool);
    const bound = grouped.on(node.name);
    const kept = before?.get(node.name);
    const facts = kept !== undefined && stillHolds(kept, node, bound, pool) ? (kept.node === node ? kept : { ...kept, node }) : factsOf(node, pool, bound);
    now.set(node.name, facts);
    return facts;
  });
}

function factsOf(node: KarpenterNodeView, pool: NodePool | undefined, bound: readonly PodView[]): NodeFacts {
  const pods = bound.filter((p) => !staysWithNode(p));
  let rejection: Rejection | null = null;
  if (pool === undefined) rejection = { reason: 'NotManaged', message: `node isn't managed by a known nodepool (${node.pool})` };
  else if (node.initializedMs === null) rejection = { reason: 'NotInitialized', message: 'nodeclaim is not initialized' };
  else if (node.deleting) rejection = { reason: 'Deleting', message: 'node is being deleted' };
  else if (node.annotations?.[doNotDisruptAnnotation] === 'true') rejection = { reason: 'DoNotDisrupt', message: `node has "${doNotDisruptAnnotation}" annotation` };
  else if (pods.some((p) => p.annotations?.[doNotDisruptAnnotation] === 'true')) {
    const p = pods.find((x) => x.annotations?.[doNotDisruptAnnotation] === 'true') as PodView;
    rejection = { reason: 'DoNotDisrupt', message: `pod ${p.namespace}/${p.name} has "${doNotDisruptAnnotation}" annotation` };
  } else if (pods.some((p) => p.pdb !== undefined && p.pdb !== null && p.pdb.disruptionsAllowed <= 0)) {
    const p = pods.find((x) => x.pdb && x.pdb.disruptionsAllowed <= 0) as PodView;
    rejection = { reason: 'PdbBlocked', message: `pdb ${p.pdb?.name} prevents pod evictions` };
  } else if (pool.consolidateAfterMs === null) rejection = { reason: 'ConsolidationDisabled', message: 'consolidateAfter is Never' };
  let evictionSum = 0;
  for (const p of pods) evictionSum += evictionCost(p);
  return { node, pool, bound, pods, rejection, evictionSum };
}

export function getCandidates(input: CandidateInput): {
  candidates: Candidate[];
  rejected: Record<string, Rejection>;
} {
  let memo = factsMemo.get(input.nodes);
  const pods = input.boundPods ?? input.pods;
  if (memo === undefined || memo.pods !== pods || memo.pools !== input.nodePools) {
    memo = { pods, pools: input.nodePools, facts: nodeFacts(input) };
    factsMemo.set(input.nodes, memo);
  }
  const candidates: Candidate[] = [];
  const rejected: Record<string, Rejection> = {};
  for (const f of memo.facts) {
    const { node, pool, pods } = f;
    if (f.rejection !== null || pool === undefined) rejected[node.name] = f.rejection!;
    else if (input.nowMs - Math.max(node.lastPodEventMs, node.initializedMs!) < pool.consolidateAfterMs!) {
      rejected[node.name] = { reason: 'NotConsolidatable', message: `consolidateAfter ${pool.consolidateAfterMs} ms has not elapsed since the last pod event` };
    } else {
      candidates.push({
        node,
        pool,
        pods,
        empty: pods.length === 0,
        disruptionCost: f.evictionSum * lifetimeRemaining(input.nowMs, node.createdMs, pool.expireAfterMs),
      });
    }
  }
  return { candidates, rejected };
}
