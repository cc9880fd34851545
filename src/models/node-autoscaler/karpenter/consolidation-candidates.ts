/**
 * Disruption candidates (pkg/controllers/disruption/helpers.go GetCandidates, types.go
 * NewCandidate; nodeclaim/disruption/consolidation.go): managed, initialized, not deleting, no
 * karpenter.sh/do-not-disrupt on node or pod, no pod whose PDB allows zero disruptions, and
 * Consolidatable (consolidateAfter elapsed since the last pod event).
 */
import { staysWithNode } from '../bound-pods.js';
import { doNotDisruptAnnotation } from './defaults.js';
import { disruptionCost } from './disruption-cost.js';
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
  readonly pods: readonly PodView[];
  readonly nodePools: readonly NodePool[];
}

export function getCandidates(input: CandidateInput): {
  candidates: Candidate[];
  rejected: Record<string, { reason: CandidateRejection; message: string }>;
} {
  const pools = new Map(input.nodePools.map((p) => [p.name, p]));
  const podsByNode = new Map<string, PodView[]>();
  for (const p of input.pods) {
    if (p.nodeName === null) continue;
    const list = podsByNode.get(p.nodeName);
    if (list === undefined) podsByNode.set(p.nodeName, [p]);
    else list.push(p);
  }
  const candidates: Candidate[] = [];
  const rejected: Record<string, { reason: CandidateRejection; message: string }> = {};
  for (const node of input.nodes) {
    const pool = pools.get(node.pool);
    const all = podsByNode.get(node.name) ?? [];
    const pods = all.filter((p) => !staysWithNode(p));
    const reject = (reason: CandidateRejection, message: string) => (rejected[node.name] = { reason, message });
    if (pool === undefined) reject('NotManaged', `node isn't managed by a known nodepool (${node.pool})`);
    else if (node.initializedMs === null) reject('NotInitialized', 'nodeclaim is not initialized');
    else if (node.deleting) reject('Deleting', 'node is being deleted');
    else if (node.annotations?.[doNotDisruptAnnotation] === 'true') reject('DoNotDisrupt', `node has "${doNotDisruptAnnotation}" annotation`);
    else if (pods.some((p) => p.annotations?.[doNotDisruptAnnotation] === 'true')) {
      const p = pods.find((x) => x.annotations?.[doNotDisruptAnnotation] === 'true') as PodView;
      reject('DoNotDisrupt', `pod ${p.namespace}/${p.name} has "${doNotDisruptAnnotation}" annotation`);
    } else if (pods.some((p) => p.pdb !== undefined && p.pdb !== null && p.pdb.disruptionsAllowed <= 0)) {
      const p = pods.find((x) => x.pdb && x.pdb.disruptionsAllowed <= 0) as PodView;
      reject('PdbBlocked', `pdb ${p.pdb?.name} prevents pod evictions`);
    } else if (pool.consolidateAfterMs === null) reject('ConsolidationDisabled', 'consolidateAfter is Never');
    else if (input.nowMs - Math.max(node.lastPodEventMs, node.initializedMs) < pool.consolidateAfterMs) {
      reject('NotConsolidatable', `consolidateAfter ${pool.consolidateAfterMs} ms has not elapsed since the last pod event`);
    } else {
      candidates.push({
        node,
        pool,
        pods,
        empty: pods.length === 0,
        disruptionCost: disruptionCost(pods, input.nowMs, node.createdMs, pool.expireAfterMs),
      });
    }
  }
  return { candidates, rejected };
}
