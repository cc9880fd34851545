import type { Simulation } from './simulation.js';
import { attachCostAttribution, costAttributionOf, type PoolCostAttribution } from './cost-attribution.js';
import { attachNamespaceGuard, namespaceGuardOf, type QuotaAmounts } from './resource-quota.js';
import { namespacesOf } from './limit-range.js';
import { projectMonthlyCostUsd } from '../models/cost/cost-attribution.js';

const HOUR_MS = 3_600_000;

/** A node that joined or left a pool during the run (t > 0; the initial cluster is not listed). */
export interface NodeLifecycleEvent {
  readonly timeMs: number;
  readonly pool: string;
  readonly node: string;
  readonly instanceType: string;
  /** `requested`: the autoscaler asked for it (billing starts); `removed`: it is gone (billing ends). */
  readonly kind: 'requested' | 'removed';
}

/** Cost split by requested share, for the whole cluster and per pool. */
export interface CostAttributionSummary {
  readonly totalUsd: number;
  readonly byWorkloadUsd: Readonly<Record<string, number>>;
  readonly daemonSetsUsd: number;
  readonly idleUsd: number;
  /** The same amounts as a 730 h month at the run's average rate. */
  readonly monthly: { readonly totalUsd: number; readonly byWorkloadUsd: Readonly<Record<string, number>>; readonly daemonSetsUsd: number; readonly idleUsd: number };
  readonly pools: Readonly<Record<string, PoolCostAttribution>>;
}

/** What quotas did to one workload (only workloads of namespaces with guardrails). */
export interface WorkloadQuotaSummary {
  readonly namespace: string;
  readonly failedCreates: number;
  /** Seconds with fewer pods than spec.replicas because creations were refused. */
  readonly blockedSeconds: number;
  /** Largest spec.replicas − existing pods at a refusal (the HPA's scale-up the quota cut off). */
  readonly peakShortfall: number;
}

export interface NodeAutoscalingResult {
  readonly autoscaler: 'cluster-autoscaler' | 'karpenter' | 'none';
  readonly pools: Readonly<Record<string, { readonly nodesRequested: number; readonly nodesRemoved: number }>>;
  readonly nodeEvents: readonly NodeLifecycleEvent[];
  readonly costAttribution: CostAttributionSummary | null;
  readonly quota: {
    readonly workloads: Readonly<Record<string, WorkloadQuotaSummary>>;
    /** Peak usage per namespace with a ResourceQuota. */
    readonly peakUsed: Readonly<Record<string, QuotaAmounts>>;
  } | null;
}

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
