import type { ProcessBody, Signal } from '../engine/index.js';
import type { Simulation } from './simulation.js';
import type { PoolRuntime } from './pool-runtime.js';
import { NodePhase } from './pod-phase.js';
import { buildClusterView, type ClusterView } from './cluster-view.js';
import { ClusterViewReuse } from './cluster-view-reuse.js';
import { decideBatchWindow } from '../models/node-autoscaler/karpenter/batch-window.js';
import { planProvisioning } from '../models/node-autoscaler/karpenter/plan-provisioning.js';
import { planConsolidation, type DisruptionCommand } from '../models/node-autoscaler/karpenter/plan-consolidation.js';
import { consolidationState } from '../models/node-autoscaler/karpenter/consolidation-state.js';
import { findExpiredNodes } from '../models/node-autoscaler/karpenter/expiration.js';
import { karpenterDefaults } from '../models/node-autoscaler/karpenter/defaults.js';
import type { KarpenterNodeView, NodePool } from '../models/node-autoscaler/karpenter/types.js';
import type { NodeView } from '../models/scheduler/types.js';
import { labels as wellKnownLabels } from '../models/scheduler/defaults.js';
import { zonePriceHourly } from '../scenario/pool-template.js';

/** While a replacement node boots, the disruption command checks it this often (orchestration queue requeue). */
const REPLACEMENT_POLL_MS = 1_000;

/**
 * A pool as a Karpenter NodePool: one offering per allowed instance type and zone, in the pool's
 * capacity type, priced for its zone (the region's price where the table has no zone price).
 */
export function toNodePool(sim: Simulation, pool: PoolRuntime): NodePool {
  const cfg = pool.config;
  // The labels a node of this pool carries, without its per-node hostname.
  const labels = withoutHostname(sim.scheduler.templateView(pool, 0).labels);
  return {
    name: cfg.name,
    offerings: pool.types.flatMap((t, k) =>
      cfg.zones.map((zone) => ({
        instanceType: t.info.name,
        labels: { ...withoutHostname(sim.scheduler.templateView(pool, k).labels), [wellKnownLabels.zone]: zone },
        capacityType: cfg.capacityType,
        priceUsdPerHour: zonePriceHourly(t, cfg.capacityType, zone),
        capacity: { cpuMilli: t.allocatable.capacity.cpuMilli, memoryBytes: t.allocatable.capacity.memoryBytes },
        allocatable: t.allocatable.allocatable,
      })),
    ),
    labels,
    taints: cfg.taints,
    daemonSetOverhead: { cpuMilli: sim.nodes.daemon.cpuMilli, memoryBytes: sim.nodes.daemon.memBytes, pods: sim.nodes.daemon.pods },
    consolidationPolicy: cfg.consolidationPolicy,
    consolidateAfterMs: cfg.consolidateAfterMs,
    // The resolved scenario keeps the first budget only (resolve-cluster.ts).
    budgets: [{ nodes: cfg.disruptionBudgetNodes }],
    expireAfterMs: cfg.expireAfterMs,
  };
}

function withoutHostname(all: Readonly<Record<string, string>>): Record<string, string> {
  const { [wellKnownLabels.hostname]: _hostname, ...labels } = all;
  return labels;
}

/** Node views with the NodeClaim facts Karpenter's disruption logic reads. */
function karpenterNodes(sim: Simulation, view: ClusterView, lastPodEventMs: readonly number[], cache: (CachedKarpenterNode | undefined)[] | null): KarpenterNodeView[] {
  const s = sim.state;
  return view.nodes.map((n): KarpenterNodeView => {
    const slot = view.nodeSlots.get(n.name)!;
    const lastPodEvent = lastPodEventMs[slot] ?? -Infinity;
    const hit = cache?.[slot];
    // The scheduling view of a slot is the same object while the node's pods, phase and cordon
    // are (scheduling-views.ts), and those decide every field below but the last pod event.
    if (hit !== undefined && hit.source === n && hit.lastPodEventMs === lastPodEvent) return hit.view;
    const pool = sim.pools[s.nodePool[slot]!]!;
    const readyMs = s.nodeReadyMs[slot]!;
    const node: KarpenterNodeView = {
      ...n,
      // A node tainted karpenter.sh/disrupted counts as disrupting (budgets) and is no candidate.
      deleting: n.deleting || sim.nodes.cordoned.has(slot),
      capacityType: pool.config.capacityType,
      priceUsdPerHour: s.nodePriceHourly[slot]!,
      initializedMs: readyMs >= 0 ? readyMs : null,
      lastPodEventMs: lastPodEvent,
    };
    if (cache !== null) cache[slot] = { source: n, lastPodEventMs: lastPodEvent, view: node };
    return node;
  });
}

/**
 * A node slot's last Karpenter view and what it was made from: every poll that finds the cluster
 * changed reads every node, and at a thousand nodes making them all again was a tenth of what a
 * Karpenter run allocated.
 */
interface CachedKarpenterNode {
  readonly source: NodeView;
  readonly lastPodEventMs: number;
  readonly view: KarpenterNodeView;
}

/**
 * Karpenter as the node autoscaler of every pool: the provisioner batches pending pods (batch idle
 * and max durations) and launches the cheapest instance type that fits each planned NodeClaim;
 * the disruption controller polls every 10 s for Emptiness / multi-node / single-node
 * consolidation within the NodePool budgets, waits the 15 s validation TTL, re-validates and
 * executes; expiry deletes nodes at expireAfter regardless of budgets. Every decision is logged.
 */
export function startKarpenter(sim: Simulation, reuseViews = true): void {
  const s = sim.state;
  const c = sim.scenario.cluster.nodeAutoscaler;
  const nodePools = sim.pools.map((p) => toNodePool(sim, p));
  const poolByName = new Map(sim.pools.map((p) => [p.config.name, p]));
  const log = (subject: string, reason: string, message: string): void =>
    sim.log.add({ timeMs: sim.env.now, source: 'karpenter', subject, reason, message });

  // Last pod bound to / removed from each node slot (consolidateAfter counts from it).
  const lastPodEventMs: number[] = [];
  // Each node slot's last Karpenter view, kept while its scheduling view and last pod event are;
  // off with the views' reuse, so that the twin test (cluster-view-reuse.test.ts) checks it too.
  const karpenterNodeCache: (CachedKarpenterNode | undefined)[] | null = reuseViews ? [] : null;
  // Pod name -> name of the in-flight node the last provisioning simulation put it on.
  const nominated = new Map<string, string>();
  const nodeSlotByName = new Map<string, number>();
  // First-seen times of the pods that opened or extended the current batch window.
  const seenMs: number[] = [];
  const inWindow = new Set<string>();
  let wake: Signal | null = null;
  let claimSerial = 0;
  // state/cluster.go: when the cluster last changed in a way that could allow a consolidation
  // (consolidation-state.ts), and the state each gated method last found nothing at (NaN: never).
  let lastChangeMs = -Infinity;
  let multiNodeConsolidatedAt = NaN;
  let singleNodeConsolidatedAt = NaN;
  const markUnconsolidated = (): void => void (lastChangeMs = sim.env.now);

  const isNominated = (pod: string): boolean => {
    const node = nominated.get(pod);
    if (node === undefined) return false;
    const slot = nodeSlotByName.get(node);
    const live = slot !== undefined && s.nodeName[slot] === node && s.nodePhase[slot] === NodePhase.provisioning;
    if (!live) nominated.delete(pod);
    return live;
  };
  const trigger = (pods: readonly number[]): void => {
    for (const p of pods) {
      const name = s.podName[p]!;
      if (inWindow.has(name) || isNominated(name)) continue;
      inWindow.add(name);
      seenMs.push(sim.env.now);
    }
    if (seenMs.length > 0 && wake !== null) wake.trigger();
  };

  sim.observers.push({
    podBound: (pod, node) => {
      lastPodEventMs[node] = sim.env.now;
      nominated.delete(s.podName[pod]!);
      markUnconsolidated();
    },
    // Upstream (nodeclaim podevents) also stamps the time while a pod is terminating; the pod's
    // last update then comes when its containers stop, which is when it leaves the node here (and
    // when upstream's cluster state sees the pod deleted).
    podUnbound: (_pod, node) => {
      lastPodEventMs[node] = sim.env.now;
      markUnconsolidated();
    },
    nodeAdded: (node) => {
      lastPodEventMs[node] = -Infinity;
      nodeSlotByName.set(s.nodeName[node]!, node);
      scheduleExpiry(node);
      markUnconsolidated();
    },
    nodeReady: markUnconsolidated,
    nodeRemoved: (node) => {
      nodeSlotByName.delete(s.nodeName[node]!);
      markUnconsolidated();
    },
    podsUnschedulable: trigger,
  });

  /** nodeclaim/expiration: a forceful delete at createdMs + expireAfter, budgets ignored. */
  function scheduleExpiry(slot: number): void {
    const pool = nodePools[s.nodePool[slot]!]!;
    if (pool.expireAfterMs === null) return;
    const name = s.nodeName[slot]!;
    sim.env.scheduleAt(s.nodeCreatedMs[slot]! + pool.expireAfterMs, {
      fire: () => {
        if (s.nodeName[slot] !== name || s.nodePhase[slot] === NodePhase.free) return;
        const view = buildClusterView(sim);
        for (const cmd of findExpiredNodes(sim.env.now, karpenterNodes(sim, view, lastPodEventMs, karpenterNodeCache).filter((n) => n.name === name), nodePools)) {
          log(pool.name, cmd.reason, cmd.message);
          sim.nodes.delete(slot);
          markUnconsolidated();
        }
      },
    });
  }
  // Nodes created before the controller started (the initial cluster).
  for (let n = 0; n < s.nodeHighWater; n++) {
    if (s.nodePhase[n] === NodePhase.free) continue;
    nodeSlotByName.set(s.nodeName[n]!, n);
    lastPodEventMs[n] = -Infinity;
    scheduleExpiry(n);
  }

  // The provisioner and the disruption loop (every 10 s) read a view built again only when the
  // cluster changed.
  const views = new ClusterViewReuse(sim, reuseViews);
  // The NodeClaim facts change only with what the view's reuse watches (pods binding and leaving,
  // node phases, cordons), so a reused view keeps its Karpenter nodes too.
  let nodesOf: { view: ClusterView; nodes: KarpenterNodeView[] } | null = null;
  const nodesOfView = (view: ClusterView): KarpenterNodeView[] => {
    if (nodesOf === null || nodesOf.view !== view) nodesOf = { view, nodes: karpenterNodes(sim, view, lastPodEventMs, karpenterNodeCache) };
    return nodesOf.nodes;
  };

  function provision(): void {
    const view = views.current();
    if (view.pendingPods.length === 0) return;
    const plan = planProvisioning({
      nowMs: sim.env.now,
      pendingPods: view.pendingPods,
      nodes: nodesOfView(view),
      nodePools,
      firstClaimIndex: claimSerial,
    });
    claimSerial += plan.nodeClaims.length;
    for (const [pod, node] of Object.entries(plan.existingPlacements)) {
      const slot = view.nodeSlots.get(node);
      if (slot !== undefined && s.nodePhase[slot] === NodePhase.provisioning) nominated.set(pod, node);
    }
    for (const claim of plan.nodeClaims) {
      const pool = poolByName.get(claim.nodePool)!;
      if (pool.billedNodes >= pool.config.maxNodes) {
        log(pool.config.name, 'NodePoolLimitReached', `not launching ${claim.offering.instanceType} for ${claim.pods.length} pod(s): nodepool ${pool.config.name} has ${pool.billedNodes} of at most ${pool.config.maxNodes} nodes`);
        continue;
      }
      const slot = sim.nodes.add(pool, pool.types.findIndex((t) => t.info.name === claim.offering.instanceType), false, claim.offering.labels?.[wellKnownLabels.zone]);
      for (const pod of claim.pods) nominated.set(pod, s.nodeName[slot]!);
      log(pool.config.name, claim.reason, `${claim.message} as ${s.nodeName[slot]}`);
    }
    for (const [pod, u] of Object.entries(plan.unschedulable)) {
      const w = view.pendingPods.find((p) => p.name === pod)!.workload;
      log(w, u.reason, `${pod}: ${u.message}`);
    }
  }

  const batchIdleMs = c.batchIdleDurationMs;
  const batchMaxMs = c.batchMaxDurationMs;
  sim.env.process('karpenter/provisioner', (function* (): ProcessBody {
    // Pods left Pending by the initial scheduling pass open the first window.
    const pending = buildClusterView(sim).pendingPods;
    for (const p of pending) inWindow.add(p.name);
    for (let i = 0; i < pending.length; i++) seenMs.push(sim.env.now);
    for (;;) {
      if (seenMs.length === 0) {
        wake = sim.env.signal();
        yield wake;
        wake = null;
        continue;
      }
      const window = decideBatchWindow({ nowMs: sim.env.now, pendingSeenMs: seenMs, batchIdleMs, batchMaxMs });
      if (!window.launch) {
        yield window.closesAtMs! - sim.env.now;
        continue;
      }
      seenMs.length = 0;
      inWindow.clear();
      provision();
    }
  })());

  /** True when a re-planned command still disrupts every node of `cmd` the same way. */
  const stillValid = (cmd: DisruptionCommand, again: DisruptionCommand | null): boolean =>
    again !== null && again.action === cmd.action && cmd.candidates.every((n) => again.candidates.includes(n));

  function* execute(cmd: DisruptionCommand): Generator<number, void, void> {
    const slots = cmd.candidates.map((n) => nodeSlotByName.get(n)!);
    const subject = sim.pools[s.nodePool[slots[0]!]!]!.config.name;
    for (const slot of slots) sim.nodes.cordoned.add(slot);
    markUnconsolidated();
    if (cmd.replacement !== null) {
      const pool = poolByName.get(cmd.replacement.nodePool)!;
      const typeIndex = pool.types.findIndex((t) => t.info.name === cmd.replacement!.offering.instanceType);
      // In the zone of the offering the what-if chose, as a provisioning launch is.
      const replacement = sim.nodes.add(pool, typeIndex, false, cmd.replacement.offering.labels?.[wellKnownLabels.zone]);
      const name = s.nodeName[replacement]!;
      log(subject, 'DisruptionLaunching', `launching ${name} (${cmd.replacement.offering.instanceType} in ${s.nodeZone[replacement]}) to replace ${cmd.candidates.join(', ')}`);
      const deadline = sim.env.now + karpenterDefaults.registrationTtlMs;
      while (s.nodeName[replacement] === name && s.nodePhase[replacement] === NodePhase.provisioning && sim.env.now < deadline) yield REPLACEMENT_POLL_MS;
      if (s.nodeName[replacement] !== name || s.nodePhase[replacement] !== NodePhase.ready) {
        // The replacement failed to initialize: un-taint the candidates and start over (disruption.md step 4).
        for (const slot of slots) sim.nodes.cordoned.delete(slot);
        markUnconsolidated();
        log(subject, 'DisruptionBlocked', `replacement ${name} did not initialize; ${cmd.candidates.join(', ')} kept`);
        return;
      }
    }
    log(subject, 'DisruptionTerminating', `${cmd.method}/${cmd.reason}: deleting ${cmd.candidates.join(', ')}`);
    for (const slot of slots) sim.nodes.delete(slot);
    markUnconsolidated();
  }

  const pollMs = karpenterDefaults.disruptionPollMs;
  const ttlMs = karpenterDefaults.consolidationValidationTtlMs;
  /**
   * One pass of the disruption methods. A poll skips the methods that found nothing at the
   * current consolidation state; the re-validation of a command is not gated, as upstream's.
   */
  const consolidate = (gated: boolean) => {
    const view = views.current();
    const nodes = nodesOfView(view);
    const nowMs = sim.env.now;
    const state = gated ? consolidationState(lastChangeMs, nowMs) : NaN;
    if (gated) lastChangeMs = state;
    const plan = planConsolidation({
      nowMs,
      nodes,
      // Grouped by node slot: the list of every pod is not built unless a scan reads it.
      boundPods: view.boundPods,
      nodePools,
      consolidated: { multiNode: multiNodeConsolidatedAt === state, singleNode: singleNodeConsolidatedAt === state },
    });
    if (gated && plan.consolidated.multiNode) multiNodeConsolidatedAt = state;
    if (gated && plan.consolidated.singleNode) singleNodeConsolidatedAt = state;
    return plan;
  };
  /**
   * One poll's plan, logged; its command. Apart from the loop below: a generator keeps its loop
   * body's locals alive while it waits at `yield`, and the plan's reasons for every node would
   * then outlive the poll (hpa-controller.ts says what that cost).
   */
  const poll = (): DisruptionCommand | null => {
    const plan = consolidate(true);
    const blocked = Object.values(plan.candidateReasons).filter((r) => r.reason === 'BudgetExhausted');
    // One line per pool, not per held-back candidate: on a large pool that is hundreds of times the same words.
    if (blocked.length > 0) log('cluster', 'DisruptionBlocked', [...new Set(blocked.map((r) => r.message))].join('; '));
    return plan.command;
  };
  sim.env.process('karpenter/disruption', (function* (): ProcessBody {
    let wait = pollMs;
    for (;;) {
      yield wait;
      // After a command the controller requeues at once (singleton.RequeueImmediately), else it polls.
      wait = pollMs;
      const cmd = poll();
      if (cmd === null) continue;
      log(sim.pools[s.nodePool[nodeSlotByName.get(cmd.candidates[0]!)!]!]!.config.name, cmd.reason, cmd.message);
      // consolidationTTL: wait, then re-validate against the cluster as it is now (validation.go).
      yield ttlMs;
      const again = consolidate(false).command;
      if (!stillValid(cmd, again)) {
        log('cluster', 'DisruptionAbandoned', `${cmd.method}: command is no longer valid (pod churn), ${cmd.candidates.join(', ')} kept`);
        continue;
      }
      yield* execute(cmd);
      wait = 0;
    }
  })());
}
