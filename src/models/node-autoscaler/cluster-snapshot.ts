/**
 * The autoscaler's view of the cluster for what-ifs: registered nodes, with nodes that are
 * requested or still starting injected as Ready template nodes (CA core/static_autoscaler.go
 * injects upcoming nodes so a second scale-up is not triggered while the first boots).
 */
import { PlacementSnapshot } from '../scheduler/placement-snapshot.js';
import { buildTemplateNode } from './template-node.js';
import type { NodeGroup, NodeView } from './types.js';

/**
 * Number of nodes of `group` requested or registered-but-not-Ready (they count as upcoming). A node
 * being deleted is already out of the target size (CA's DeleteNodes lowers it when the deletion
 * starts, clusterstate then files the node as deleted), so only Ready, non-deleting nodes are
 * subtracted.
 */
export function upcomingNodeCount(group: NodeGroup, nodes: readonly NodeView[]): number {
  let ready = 0;
  for (const n of nodes) if (n.pool === group.name && n.ready && !n.deleting) ready++;
  return Math.max(0, group.targetSize - ready);
}

/** Builds the snapshot: Ready and deleting nodes as they are, plus upcoming template nodes per group. */
export function buildClusterSnapshot(nodes: readonly NodeView[], groups: readonly NodeGroup[], nowMs: number): PlacementSnapshot {
  const s = new PlacementSnapshot(nodes.filter((n) => n.ready || n.deleting));
  for (const g of groups) {
    const n = upcomingNodeCount(g, nodes);
    for (let i = 0; i < n; i++) s.addNode(buildTemplateNode(g, `upcoming-${g.name}-${i}`, nowMs));
  }
  return s;
}
