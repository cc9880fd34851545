import type { Simulation } from './simulation.js';
import type { CostAttributionSummary, NodeAutoscalingResult, NodeLifecycleEvent, WorkloadQuotaSummary } from './run-result.js';
import { attachCostAttribution, costAttributionOf } from './cost-attribution.js';
import { attachNamespaceGuard, namespaceGuardOf } from './resource-quota.js';
import { namespacesOf } from './limit-range.js';
import { projectMonthlyCostUsd } from '../models/cost/cost-attribution.js';

const HOUR_MS = 3_600_000;

const lifecycles = new WeakMap<Simulation, NodeLifecycleEvent[]>();

/**
 * Installs the node-autoscaling observers on a new simulation (before the initial cluster is
 * built): cost attribution, namespace quotas and LimitRange checks, node lifecycle events.
 */
export function attachNodeAutoscaling(sim: Simulation): void {
  attachCostAttribution(sim);
  attachNamespaceGuard(sim);
  const events: NodeLifecycleEvent[] = [];
  lifecycles.set(sim, events);
  const s = sim.state;
  const record = (n: number, kind: NodeLifecycleEvent['kind']): void => {
    if (sim.env.now === 0 && kind === 'requested') return;
    events.push({ timeMs: sim.env.now, pool: sim.pools[s.nodePool[n]!]!.config.name, node: s.nodeName[n]!, instanceType: s.nodeType[n]!, kind });
  };
  sim.observers.push({ nodeAdded: (n) => record(n, 'requested'), nodeRemoved: (n) => record(n, 'removed') });
}

function monthly(usd: number, hours: number): number {
  return hours > 0 ? projectMonthlyCostUsd(usd / hours) : 0;
}

/** The node-autoscaling part of a finished run's result. */
export function summarizeNodeAutoscaling(sim: Simulation): NodeAutoscalingResult {
  const hours = sim.env.now / HOUR_MS;
  const events = lifecycles.get(sim) ?? [];
  const pools: Record<string, { nodesRequested: number; nodesRemoved: number }> = {};
  for (const p of sim.pools) pools[p.config.name] = { nodesRequested: 0, nodesRemoved: 0 };
  for (const e of events) {
    const p = pools[e.pool]!;
    if (e.kind === 'requested') p.nodesRequested++;
    else p.nodesRemoved++;
  }

  const tracker = costAttributionOf(sim);
  let costAttribution: CostAttributionSummary | null = null;
  if (tracker) {
    const byPool = tracker.byPool();
    let totalUsd = 0;
    let daemonSetsUsd = 0;
    let idleUsd = 0;
    const byWorkloadUsd: Record<string, number> = {};
    for (const a of Object.values(byPool)) {
      totalUsd += a.totalUsd;
      daemonSetsUsd += a.daemonSetsUsd;
      idleUsd += a.idleUsd;
      for (const [w, usd] of Object.entries(a.byWorkloadUsd)) byWorkloadUsd[w] = (byWorkloadUsd[w] ?? 0) + usd;
    }
    costAttribution = {
      totalUsd,
      byWorkloadUsd,
      daemonSetsUsd,
      idleUsd,
      monthly: {
        totalUsd: monthly(totalUsd, hours),
        byWorkloadUsd: Object.fromEntries(Object.entries(byWorkloadUsd).map(([w, usd]) => [w, monthly(usd, hours)])),
        daemonSetsUsd: monthly(daemonSetsUsd, hours),
        idleUsd: monthly(idleUsd, hours),
      },
      pools: byPool,
    };
  }

  const guard = namespaceGuardOf(sim);
  let quota: NodeAutoscalingResult['quota'] = null;
  if (guard) {
    const guarded = new Set(namespacesOf(sim.scenario).map((n) => n.name));
    const stats = guard.snapshot(sim.env.now);
    const workloads: Record<string, WorkloadQuotaSummary> = {};
    for (const w of sim.workloads) {
      if (!guarded.has(w.config.namespace)) continue;
      const st = stats[w.index]!;
      workloads[w.config.name] = { namespace: w.config.namespace, failedCreates: st.failedCreates, blockedSeconds: st.blockedMs / 1000, peakShortfall: st.peakShortfall };
    }
    quota = { workloads, peakUsed: Object.fromEntries(guard.peakUsed) };
  }
  return { autoscaler: sim.scenario.cluster.nodeAutoscaler.type, pools, nodeEvents: events, costAttribution, quota };
}
