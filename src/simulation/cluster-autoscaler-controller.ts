import type { ProcessBody } from '../engine/index.js';
import type { Simulation } from './simulation.js';
import { nodeGroupNameOf, zonalNodeGroups, type ClusterView } from './cluster-view.js';
import { ClusterViewReuse } from './cluster-view-reuse.js';
import type { NodeView } from '../models/scheduler/types.js';
import { planScaleUp } from '../models/node-autoscaler/plan-scale-up.js';
import { initialScaleDownState, planScaleDown, recordScaleUp, type ScaleDownState } from '../models/node-autoscaler/plan-scale-down.js';

/**
 * The Cluster Autoscaler's main loop (RunOnce every scan interval): scale up for unschedulable
 * pods with the estimator and expander on a forked snapshot, else scale down unneeded nodes.
 * Decisions come from the pure planners; this loop applies them and logs their reasons.
 */
export function startClusterAutoscaler(sim: Simulation, reuseViews = true): void {
  const c = sim.scenario.cluster.nodeAutoscaler;
  const options = c.clusterAutoscaler;

  const tieBreak = sim.streams.stream('cluster-autoscaler/expander');
  // The priority expander's ConfigMap: priority (a number, as text) -> node group name regexes.
  const priorities = Object.entries(c.expanderPriorities).map(([priority, patterns]) => ({ priority: Number(priority), patterns }));
  let scaleDown: ScaleDownState = initialScaleDownState;
  const views = new ClusterViewReuse(sim, reuseViews);
  // The view's nodes in their Cluster Autoscaler node groups, kept with the view they came from.
  let groupedOf: ClusterView | null = null;
  let grouped: NodeView[] = [];
  // The view the last scale-down loop planned on.
  let searchedView: ClusterView | null = null;
  // One loop, in a function of its own: a generator keeps its loop body's locals (the loop's
  // plans and views) alive while it waits at `yield`, long enough for the collector to copy
  // and promote them (hpa-controller.ts says what that cost).
  const loop = (): void => {
    const now = sim.env.now;
    const raw = views.current();
    if (raw !== groupedOf) {
      // Nodes belong to their pool's group, or to its zone's group for a pool over several zones.
      grouped = raw.nodes.map((n) => {
        const group = nodeGroupNameOf(sim, raw.nodeSlots.get(n.name)!);
        return group === n.pool ? n : { ...n, pool: group };
      });
      groupedOf = raw;
    }
    const view = { nodeSlots: raw.nodeSlots, pendingPods: raw.pendingPods, boundPods: raw.boundPods, nodes: grouped };
    const { groups, byName } = zonalNodeGroups(sim);
    let scaledUp = false;
    if (view.pendingPods.length > 0) {
      const plan = planScaleUp({
        nowMs: now,
        nodes: view.nodes,
        pendingPods: view.pendingPods,
        nodeGroups: groups,
        options,
        expanderContext: { priorities },
        tieBreak: () => tieBreak.next(),
      });
      if (plan.scaleUp) {
        const pool = byName.get(plan.scaleUp.nodeGroup)!.pool;
        // --balance-similar-node-groups: the new nodes spread over the groups similar to the chosen one.
        const resizes = plan.balanced ?? [{ nodeGroup: plan.scaleUp.nodeGroup, nodeCount: plan.scaleUp.nodeCount }];
        for (const r of resizes) {
          const target = byName.get(r.nodeGroup)!;
          for (let i = 0; i < r.nodeCount && target.pool.billedNodes < target.pool.config.maxNodes; i++) sim.nodes.add(target.pool, 0, false, target.zone);
        }
        scaleDown = recordScaleUp(scaleDown, now);
        scaledUp = true;
        sim.log.add({ timeMs: now, source: 'cluster-autoscaler', subject: pool.config.name, reason: 'TriggeredScaleUp', message: plan.message });
      } else if (plan.result !== 'ScaleUpNotNeeded') {
        sim.log.add({ timeMs: now, source: 'cluster-autoscaler', subject: 'cluster', reason: 'NotTriggerScaleUp', message: plan.message });
      }
    }
    if (!scaledUp && c.scaleDownEnabled) {
      // The cluster of the previous scale-down, whose search the state holds, is unchanged
      // exactly when its view was handed out again: the view reads every node, pod and PDB
      // budget the search reads (cluster-view-reuse.ts). Without the reuse, every loop searches.
      const clusterUnchanged = reuseViews && raw === searchedView;
      searchedView = raw;
      const plan = planScaleDown({ nowMs: now, nodes: view.nodes, pods: [], boundPods: view.boundPods, nodeGroups: groups, options, clusterUnchanged }, scaleDown);
      scaleDown = plan.state;
      for (const cmd of plan.commands) {
        const slot = view.nodeSlots.get(cmd.nodeName);
        if (slot === undefined) continue;
        sim.nodes.delete(slot);
        scaleDown = { ...scaleDown, lastScaleDownDeleteMs: now };
        sim.log.add({ timeMs: now, source: 'cluster-autoscaler', subject: cmd.nodeGroup, reason: cmd.reason, message: cmd.message });
      }
    }
  };
  sim.env.process('cluster-autoscaler', (function* (): ProcessBody {
    yield options.scanIntervalMs;
    for (;;) {
      loop();
      yield options.scanIntervalMs;
    }
  })());
}
