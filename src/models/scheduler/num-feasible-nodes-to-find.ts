/**
 * How many feasible nodes the scheduler looks for before it stops filtering and scores only those
 * (pkg/scheduler/schedule_one.go numFeasibleNodesToFind). Below 100 nodes every node is filtered;
 * above, `percentageOfNodesToScore` of them, adaptive when 0: 50 % less one point per 125 nodes,
 * never under 5 % nor under 100 nodes. Large clusters thus schedule each pod against a rotating
 * part of the cluster, which is both upstream's behaviour and what keeps a 1,000-node start cheap.
 */
import { schedulerDefaults } from './defaults.js';

/** Integer arithmetic as upstream's int32: truncating division. */
export function numFeasibleNodesToFind(numAllNodes: number, percentageOfNodesToScore: number = schedulerDefaults.percentageOfNodesToScore): number {
  const minNodes = schedulerDefaults.minFeasibleNodesToFind;
  if (numAllNodes < minNodes) return numAllNodes;
  let percentage = percentageOfNodesToScore;
  if (percentage === 0) {
    percentage = schedulerDefaults.basePercentageOfNodesToScore - Math.trunc(numAllNodes / 125);
    if (percentage < schedulerDefaults.minFeasibleNodesPercentageToFind) percentage = schedulerDefaults.minFeasibleNodesPercentageToFind;
  }
  const numNodes = Math.trunc((numAllNodes * percentage) / 100);
  return numNodes < minNodes ? minNodes : numNodes;
}
