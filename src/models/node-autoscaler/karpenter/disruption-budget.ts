/**
 * NodePool disruption budgets (pkg/apis/v1/nodepool.go GetAllowedDisruptionsByReason,
 * pkg/utils/disruption): each active budget matching the reason allows "N" nodes or "P%" of the
 * pool's counted nodes rounded up; the minimum wins; nodes already disrupting (deleting or
 * NotReady) are subtracted, floored at 0. Docs example: 20 % of 19 nodes → 4.
 */
import type { DisruptionBudget, DisruptionReason } from './types.js';

/** Nodes one budget allows for `totalNodes` counted nodes. */
export function budgetAllows(budget: DisruptionBudget, totalNodes: number): number {
  const v = budget.nodes.trim();
  if (v.endsWith('%')) {
    const pct = Number(v.slice(0, -1));
    return Math.ceil((pct * totalNodes) / 100);
  }
  return Number(v);
}

export interface AllowedDisruptions {
  readonly allowed: number;
  readonly reason: 'BudgetAllows' | 'BudgetExhausted';
  readonly message: string;
}

/** Disruptions allowed now in one NodePool for `reason`. */
export function allowedDisruptions(
  budgets: readonly DisruptionBudget[],
  reason: DisruptionReason,
  totalNodes: number,
  disruptingNodes: number,
): AllowedDisruptions {
  let min = Infinity;
  for (const b of budgets) {
    if (b.active === false) continue;
    if (b.reasons !== undefined && !b.reasons.includes(reason)) continue;
    min = Math.min(min, budgetAllows(b, totalNodes));
  }
  // No budget applies: upstream treats it as unlimited.
  const allowed = min === Infinity ? Math.max(0, totalNodes - disruptingNodes) : Math.max(0, min - disruptingNodes);
  return allowed > 0
    ? { allowed, reason: 'BudgetAllows', message: `${allowed} node(s) may be disrupted for ${reason}` }
    : { allowed: 0, reason: 'BudgetExhausted', message: `disruption budget allows no ${reason} disruption (${disruptingNodes} already disrupting)` };
}
