/** Builds the view of a fresh node of a group: allocatable with the DaemonSet overhead already requested. */
import { labels as wellKnown } from '../scheduler/defaults.js';
import type { NodeGroup, NodeView } from './types.js';

/** A Ready template node named `name` for `group` (CA simulator/node_info_utils.go). */
export function buildTemplateNode(group: NodeGroup, name: string, createdMs = 0): NodeView {
  const t = group.template;
  return {
    name,
    pool: group.name,
    instanceType: t.instanceType,
    labels: { ...t.labels, [wellKnown.hostname]: name },
    taints: t.taints,
    allocatable: t.allocatable,
    requested: t.daemonSetOverhead,
    ready: true,
    createdMs,
    unschedulable: false,
    deleting: false,
    spot: group.capacityType === 'spot',
  };
}
