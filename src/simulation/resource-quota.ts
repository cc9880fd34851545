import { Periodic, type EventHandler } from '../engine/index.js';
import type { WorkloadConfig } from '../scenario/types.js';
import type { ResourceQuotaConfig } from '../scenario/resolve-namespaces.js';
import type { PodAdmission, Simulation } from './simulation.js';
import type { WorkloadRuntime } from './workload-runtime.js';
import { PodPhase } from './pod-phase.js';
import { limitRangeViolations, namespacesOf } from './limit-range.js';
import { formatBytes, formatCpuMilli } from '../quantities/format-quantity.js';

/** Compute usage as a ResourceQuota counts it. CPU in millicores, memory in bytes. */
export interface QuotaAmounts {
  readonly pods: number;
  readonly requestsCpuMilli: number;
  readonly requestsMemoryBytes: number;
  readonly limitsCpuMilli: number;
  readonly limitsMemoryBytes: number;
}

type Field = keyof QuotaAmounts;

/** Tracked resources in prettyPrint's order (sorted by name), with their quantity text. */
const RESOURCES: readonly (readonly [string, Field, (v: number) => string])[] = [
  ['limits.cpu', 'limitsCpuMilli', formatCpuMilli],
  ['limits.memory', 'limitsMemoryBytes', formatBytes],
  ['pods', 'pods', String],
  ['requests.cpu', 'requestsCpuMilli', formatCpuMilli],
  ['requests.memory', 'requestsMemoryBytes', formatBytes],
];

export const ZERO_USAGE: QuotaAmounts = { pods: 0, requestsCpuMilli: 0, requestsMemoryBytes: 0, limitsCpuMilli: 0, limitsMemoryBytes: 0 };

/** Result of {@link checkQuota}; reasons name the admission outcome. */
export type QuotaDecision =
  | { readonly allowed: true; readonly reason: 'WithinQuota'; readonly message: string }
  | { readonly allowed: false; readonly reason: 'ExceededQuota' | 'MissingQuotaResource'; readonly message: string };

/** What one pod of `w` adds to a quota's usage. */
export function podQuotaUsage(w: WorkloadConfig): QuotaAmounts {
  return {
    pods: 1,
    requestsCpuMilli: w.requests.cpuMilli,
    requestsMemoryBytes: w.requests.memoryBytes,
    limitsCpuMilli: w.limits.cpuMilli ?? 0,
    limitsMemoryBytes: w.limits.memoryBytes ?? 0,
  };
}

/**
 * ResourceQuota admission of one pod (plugin/pkg/admission/resourcequota/controller.go
 * checkRequest; pkg/quota/v1/evaluator/core/pods.go Constraints): every tracked compute resource
 * must be set on the container, and for each tracked resource the pod requests, used + requested
 * must stay within hard. Only the exceeded resources are listed, sorted, as upstream prints them.
 */
export function checkQuota(quota: ResourceQuotaConfig, used: QuotaAmounts, w: WorkloadConfig): QuotaDecision {
  const hard: Record<Field, number | null> = {
    pods: quota.hard.pods,
    requestsCpuMilli: quota.hard.requestsCpuMilli,
    requestsMemoryBytes: quota.hard.requestsMemoryBytes,
    limitsCpuMilli: quota.hard.limitsCpuMilli,
    limitsMemoryBytes: quota.hard.limitsMemoryBytes,
  };
  const set: Record<Field, boolean> = {
    pods: true,
    requestsCpuMilli: w.requests.cpuMilli > 0,
    requestsMemoryBytes: w.requests.memoryBytes > 0,
    limitsCpuMilli: w.limits.cpuMilli !== null,
    limitsMemoryBytes: w.limits.memoryBytes !== null,
  };
  const missing = RESOURCES.filter(([, f]) => hard[f] !== null && !set[f]).map(([name]) => name);
  if (missing.length > 0) {
    return { allowed: false, reason: 'MissingQuotaResource', message: `failed quota: ${quota.name}: must specify ${missing.join(',')}` };
  }
  const requested = podQuotaUsage(w);
  // quota.RemoveZeros: a resource the pod does not request is not checked.
  const exceeded = RESOURCES.filter(([, f]) => hard[f] !== null && requested[f] > 0 && used[f] + requested[f] > hard[f]!);
  if (exceeded.length === 0) return { allowed: true, reason: 'WithinQuota', message: `within quota ${quota.name}` };
  const list = (pick: (f: Field) => number) => exceeded.map(([name, f, text]) => `${name}=${text(pick(f))}`).join(',');
  return {
    allowed: false,
    reason: 'ExceededQuota',
    message: `exceeded quota: ${quota.name}, requested: ${list((f) => requested[f])}, used: ${list((f) => used[f])}, limited: ${list((f) => hard[f]!)}`,
  };
}

/** Quota effect on one workload over a run. */
export interface WorkloadQuotaStats {
  /** Pod creations refused (ReplicaSet FailedCreate). */
  failedCreates: number;
  /** Time during which the workload had fewer pods than spec.replicas because creations were refused. */
  blockedMs: number;
  /** Largest spec.replicas minus existing pods seen at a refusal. */
  peakShortfall: number;
  blockedSinceMs: number | null;
}

/**
 * Namespace guardrails in the running simulation: LimitRange validation and ResourceQuota
 * admission of every pod creation. A refused creation is retried when a pod of the namespace goes
 * away (quota freed); the ReplicaSet controller's rate-limited requeue would retry at least as
 * often, so a freed quota is used at once here.
 */
export class NamespaceGuard implements PodAdmission {
  readonly stats: WorkloadQuotaStats[];
  /** Peak quota usage per namespace name (after an admitted pod). */
  readonly peakUsed = new Map<string, QuotaAmounts>();
  private readonly namespaces: Map<string, ReturnType<typeof namespacesOf>[number]>;
  private retryArmed = false;

  constructor(private readonly sim: Simulation) {
    this.namespaces = new Map(namespacesOf(sim.scenario).map((n) => [n.name, n]));
    this.stats = sim.workloads.map(() => ({ failedCreates: 0, blockedMs: 0, peakShortfall: 0, blockedSinceMs: null }));
    sim.admission = this;
    const retry: EventHandler = { fire: () => this.retryBlocked() };
    sim.observers.push({
      podReleased: (p) => {
        const ns = sim.workloads[sim.state.podWorkload[p]!]!.config.namespace;
        if (this.retryArmed || !sim.workloads.some((w) => this.stats[w.index]!.blockedSinceMs !== null && w.config.namespace === ns)) return;
        this.retryArmed = true;
        sim.env.schedule(0, retry);
      },
    });
    // Closes blocked intervals that end without a creation (the HPA scaled back down).
    new Periodic(sim.env, 'namespace-guard', sim.scenario.stepMs, () => this.closeUnblocked()).start(sim.scenario.stepMs);
  }

  admit(w: WorkloadRuntime): { readonly allowed: true } | { readonly allowed: false; readonly message: string } {
    const ns = this.namespaces.get(w.config.namespace);
    if (!ns) return { allowed: true };
    const podName = `${w.config.name}-${w.nextPodSerial}`;
    const violations = limitRangeViolations(w.config, ns.limitRange);
    let refusal: string | null = violations.length > 0 ? `[${violations.join(', ')}]` : null;
    if (refusal === null && ns.resourceQuota) {
      const used = this.usage(ns.name);
      const decision = checkQuota(ns.resourceQuota, used, w.config);
      if (!decision.allowed) refusal = decision.message;
      else this.recordPeak(ns.name, used, podQuotaUsage(w.config));
    }
    if (refusal === null) return { allowed: true };
    const st = this.stats[w.index]!;
    st.failedCreates++;
    st.blockedSinceMs ??= this.sim.env.now;
    st.peakShortfall = Math.max(st.peakShortfall, w.desiredReplicas - this.alive(w));
    return { allowed: false, message: `Error creating: pods "${podName}" is forbidden: ${refusal}` };
  }

  /** Usage of namespace `ns`: every pod not yet gone (terminating pods count until their grace ends). */
  usage(ns: string): QuotaAmounts {
    const s = this.sim.state;
    const used = { ...ZERO_USAGE };
    for (let p = 0; p < s.podHighWater; p++) {
      if (s.podPhase[p] === PodPhase.free) continue;
      const w = this.sim.workloads[s.podWorkload[p]!]!.config;
      if (w.namespace !== ns) continue;
      const u = podQuotaUsage(w);
      for (const [, f] of RESOURCES) used[f] += u[f];
    }
    return used;
  }

  private recordPeak(ns: string, used: QuotaAmounts, pod: QuotaAmounts): void {
    const prev = this.peakUsed.get(ns) ?? ZERO_USAGE;
    const next = { ...prev };
    for (const [, f] of RESOURCES) next[f] = Math.max(prev[f], used[f] + pod[f]);
    this.peakUsed.set(ns, next);
  }

  private alive(w: WorkloadRuntime): number {
    const s = this.sim.state;
    let n = 0;
    for (const p of s.workloadPods[w.index]!) if (s.podPhase[p] !== PodPhase.terminating) n++;
    return n;
  }

  private retryBlocked(): void {
    this.retryArmed = false;
    for (const w of this.sim.workloads) if (this.stats[w.index]!.blockedSinceMs !== null) this.sim.replicaSets.reconcile(w);
    this.closeUnblocked();
  }

  private closeUnblocked(): void {
    const now = this.sim.env.now;
    for (const w of this.sim.workloads) {
      const st = this.stats[w.index]!;
      if (st.blockedSinceMs === null || this.alive(w) < w.desiredReplicas) continue;
      st.blockedMs += now - st.blockedSinceMs;
      st.blockedSinceMs = null;
    }
  }

  /** Per-workload stats with open blocked intervals closed at `nowMs` (nothing is mutated). */
  snapshot(nowMs: number): WorkloadQuotaStats[] {
    return this.stats.map((st) => ({ ...st, blockedMs: st.blockedMs + (st.blockedSinceMs !== null ? nowMs - st.blockedSinceMs : 0), blockedSinceMs: null }));
  }
}

const guards = new WeakMap<Simulation, NamespaceGuard>();

/** Installs the namespace guard when the scenario has namespaces (call before the initial cluster). */
export function attachNamespaceGuard(sim: Simulation): NamespaceGuard | null {
  if (namespacesOf(sim.scenario).length === 0) return null;
  const guard = new NamespaceGuard(sim);
  guards.set(sim, guard);
  return guard;
}

/** The guard installed on `sim`, if any. */
export function namespaceGuardOf(sim: Simulation): NamespaceGuard | undefined {
  return guards.get(sim);
}
