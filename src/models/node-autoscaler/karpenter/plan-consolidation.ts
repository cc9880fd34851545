/**
 * One pass of the disruption controller's consolidation methods (pkg/controllers/disruption/
 * controller.go): Emptiness, then multi-node, then single-node consolidation; the first method
 * that yields a command wins. Drift is not modelled; expiry is separate (expiration.ts).
 * Every method honours the NodePool disruption budgets for its reason.
 */
import { PlacementSnapshot } from '../../scheduler/placement-snapshot.js';
import type { BoundPods } from '../bound-pods.js';
import { nodePoolDomains } from './claim-view.js';
import { getCandidates, type Candidate, type CandidateRejection } from './consolidation-candidates.js';
import { karpenterDefaults } from './defaults.js';
import { noneConsolidated, type ConsolidatedMethods } from './consolidation-state.js';
import { allowedDisruptions } from './disruption-budget.js';
import { simulateConsolidation } from './simulate-consolidation.js';
import type { DisruptionReason, InstanceOffering, KarpenterNodeView, NodePool, PodView } from './types.js';

export interface ConsolidationInput {
  readonly nowMs: number;
  readonly nodes: readonly KarpenterNodeView[];
  /** The bound pods, as one list or grouped by node (one of the two; boundPods when both are given). */
  readonly pods?: readonly PodView[];
  readonly boundPods?: BoundPods;
  readonly nodePools: readonly NodePool[];
  /** @default karpenterDefaults.spotToSpotConsolidation */
  readonly spotToSpotConsolidation?: boolean;
  /**
   * Methods skipped because nothing changed since they last found nothing (consolidation-state.ts).
   * @default none
   */
  readonly consolidated?: ConsolidatedMethods;
}

export type DisruptionMethod = 'Emptiness' | 'MultiNodeConsolidation' | 'SingleNodeConsolidation' | 'Expiration';

/**
 * A disruption to carry out: taint candidates karpenter.sh/disrupted:NoSchedule, launch the
 * replacement (if any) and wait for it to initialize, then drain and delete the candidates.
 */
export interface DisruptionCommand {
  readonly method: DisruptionMethod;
  readonly reason: DisruptionReason | 'Expired';
  readonly action: 'Delete' | 'Replace';
  readonly candidates: readonly string[];
  readonly replacement: { readonly nodePool: string; readonly offering: InstanceOffering } | null;
  readonly savingsUsdPerHour: number;
  readonly message: string;
}

export interface ConsolidationPlan {
  readonly command: DisruptionCommand | null;
  readonly reason: DisruptionMethod | 'NoConsolidation';
  readonly message: string;
  readonly candidateReasons: Readonly<Record<string, { readonly reason: CandidateRejection | 'BudgetExhausted' | 'ConsolidationFailed'; readonly message: string }>>;
  /**
   * The methods that ran over at least one candidate, found nothing and were not held back by a
   * budget: the caller records them as consolidated at the current cluster state.
   */
  readonly consolidated: ConsolidatedMethods;
}

/** Remaining allowed disruptions per pool for `reason`. */
function budgetsFor(input: ConsolidationInput, reason: DisruptionReason): Map<string, number> {
  const out = new Map<string, number>();
  for (const pool of input.nodePools) {
    const mine = input.nodes.filter((n) => n.pool === pool.name);
    const counted = mine.filter((n) => n.initializedMs !== null && !n.deleting).length;
    const disrupting = mine.filter((n) => n.deleting || !n.ready).length;
    out.set(pool.name, allowedDisruptions(pool.budgets, reason, counted, disrupting).allowed);
  }
  return out;
}

/** Candidates in cost order that the budgets admit (each admitted one uses one unit of its pool's budget). */
type CandidateReasons = Record<string, ConsolidationPlan['candidateReasons'][string]>;

function withinBudget(cands: readonly Candidate[], budget: Map<string, number>, rejected: CandidateReasons): Candidate[] {
  const out: Candidate[] = [];
  for (const c of cands) {
    const left = budget.get(c.pool.name) ?? 0;
    if (left <= 0) {
      rejected[c.node.name] = { reason: 'BudgetExhausted', message: `disruption budget of nodepool ${c.pool.name} is exhausted` };
      continue;
    }
    budget.set(c.pool.name, left - 1);
    out.push(c);
  }
  return out;
}

function describe(method: DisruptionMethod, reason: DisruptionReason, cands: readonly Candidate[], outcome: ReturnType<typeof simulateConsolidation>): DisruptionCommand | null {
  if (outcome.action === 'None') return null;
  const names = cands.map((c) => c.node.name);
  const replacement = outcome.action === 'Replace' ? { nodePool: outcome.pool.name, offering: outcome.offering } : null;
  const what = replacement === null ? 'delete' : `replace with ${replacement.offering.instanceType} (${replacement.offering.capacityType})`;
  return {
    method,
    reason,
    action: outcome.action,
    candidates: names,
    replacement,
    savingsUsdPerHour: outcome.savingsUsdPerHour,
    message: `${method}: ${what} ${names.join(', ')}, saving ${outcome.savingsUsdPerHour.toFixed(5)} $/h`,
  };
}

/**
 * Plans at most one consolidation command. Pure; inputs are not modified.
 *
 * Emptiness keeps no consolidation state here: upstream it is consulted only when there is an
 * empty candidate, and then it either commands or is held back by a budget, and in neither case
 * does it mark itself consolidated.
 */
export function planConsolidation(input: ConsolidationInput): ConsolidationPlan {
  const spotToSpot = input.spotToSpotConsolidation ?? karpenterDefaults.spotToSpotConsolidation;
  const skip = input.consolidated ?? noneConsolidated;
  const { candidates, rejected } = getCandidates(input);
  const reasons: CandidateReasons = { ...rejected };
  const byCost = [...candidates].sort((a, b) => a.disruptionCost - b.disruptionCost || (a.node.name < b.node.name ? -1 : 1));

  // Emptiness: every empty candidate the Empty budget admits, deleted together.
  const empties = withinBudget(byCost.filter((c) => c.empty), budgetsFor(input, 'Empty'), reasons);
  if (empties.length > 0) {
    const price = empties.reduce((a, c) => a + c.node.priceUsdPerHour, 0);
    const cmd = describe('Emptiness', 'Empty', empties, { action: 'Delete', savingsUsdPerHour: price });
    return { command: cmd, reason: 'Emptiness', message: cmd?.message ?? '', candidateReasons: reasons, consolidated: noneConsolidated };
  }

  const underutilized = byCost.filter((c) => c.pool.consolidationPolicy === 'WhenEmptyOrUnderutilized');
  // Multi-node looks at the candidates the budget admits, one unit each; single-node at every
  // candidate of a pool whose budget is not zero, as each of its commands disrupts one node.
  // A method that did not see every candidate may not mark itself consolidated.
  const budgets = budgetsFor(input, 'Underutilized');
  const admitted = withinBudget(underutilized, new Map(budgets), reasons);
  const constrained = admitted.length < underutilized.length;
  // Karpenter's what-if counts the NodePools' zones as spread domains even where no node is left.
  const snapshot = skip.multiNode && skip.singleNode ? null : new PlacementSnapshot(input.nodes.filter((n) => n.ready && !n.deleting), nodePoolDomains(input.nodePools));

  // Multi-node: binary search for the longest cost-ordered prefix (≥ 2, of at most 100) that consolidates.
  let multiSettled = false;
  if (snapshot !== null && !skip.multiNode && underutilized.length > 0) {
    const batch = admitted.slice(0, karpenterDefaults.multiNodeConsolidationMaxCandidates);
    let lo = 2;
    let hi = batch.length;
    let bestMulti: DisruptionCommand | null = null;
    while (lo <= hi) {
      const mid = Math.floor((lo + hi) / 2);
      const prefix = batch.slice(0, mid);
      const cmd = describe('MultiNodeConsolidation', 'Underutilized', prefix, simulateConsolidation(snapshot, prefix, input.nodePools, spotToSpot));
      if (cmd !== null) {
        bestMulti = cmd;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (bestMulti !== null) return { command: bestMulti, reason: 'MultiNodeConsolidation', message: bestMulti.message, candidateReasons: reasons, consolidated: noneConsolidated };
    multiSettled = !constrained;
  }

  // Single-node: the first non-empty candidate in cost order that can be deleted or replaced by a
  // cheaper node (an empty one is Emptiness's, which a budget held back); not cut at 100 as
  // multi-node's batch is, upstream's scan having no such cut (it has a 3-minute timeout instead).
  let singleSettled = false;
  if (snapshot !== null && !skip.singleNode && underutilized.length > 0) {
    let skipped = false;
    for (const c of underutilized) {
      if ((budgets.get(c.pool.name) ?? 0) <= 0) {
        skipped = true;
        continue;
      }
      if (c.empty) continue;
      const outcome = simulateConsolidation(snapshot, [c], input.nodePools, spotToSpot);
      const cmd = describe('SingleNodeConsolidation', 'Underutilized', [c], outcome);
      if (cmd !== null) {
        // Multi-node's share of the budget may have held it back; single-node's command fits in it.
        delete reasons[c.node.name];
        return { command: cmd, reason: 'SingleNodeConsolidation', message: cmd.message, candidateReasons: reasons, consolidated: { multiNode: multiSettled, singleNode: false } };
      }
      if (outcome.action === 'None') reasons[c.node.name] = { reason: 'ConsolidationFailed', message: outcome.message };
    }
    singleSettled = !skipped;
  }
  return { command: null, reason: 'NoConsolidation', message: 'no consolidation possible', candidateReasons: reasons, consolidated: { multiNode: multiSettled, singleNode: singleSettled } };
}
