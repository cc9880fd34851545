/**
 * Expiration (pkg/controllers/nodeclaim/expiration): a node older than its NodePool's
 * expireAfter is deleted. Forceful: budgets and do-not-disrupt do not apply; draining starts at
 * once (terminationGracePeriod, unset by default, would cap it).
 */
import type { DisruptionCommand } from './plan-consolidation.js';
import type { KarpenterNodeView, NodePool } from './types.js';

/** One Delete command per expired node that is not already being deleted. */
export function findExpiredNodes(nowMs: number, nodes: readonly KarpenterNodeView[], nodePools: readonly NodePool[]): DisruptionCommand[] {
  const pools = new Map(nodePools.map((p) => [p.name, p]));
  const out: DisruptionCommand[] = [];
  for (const n of nodes) {
    const expireAfter = pools.get(n.pool)?.expireAfterMs ?? null;
    if (expireAfter === null || n.deleting || nowMs - n.createdMs < expireAfter) continue;
    out.push({
      method: 'Expiration',
      reason: 'Expired',
      action: 'Delete',
      candidates: [n.name],
      replacement: null,
      savingsUsdPerHour: 0,
      message: `node ${n.name} reached expireAfter ${expireAfter} ms (age ${nowMs - n.createdMs} ms)`,
    });
  }
  return out;
}
