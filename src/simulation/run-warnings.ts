/**
 * What a run's numbers cannot be trusted for, or what the configuration could not do, found from
 * its time series and events: pods that stayed Pending, workloads with no ready pod while load
 * arrived, requests dropped, node pools no workload can use, node autoscalers that stopped
 * launching. Each is a warning with the workload or pool, the time span and the cause, so that no
 * report shows a confident number over a failure. Pure: plain data in, warnings out.
 */
import type { SimEvent } from './event-log.js';
import type { RunWarning } from './run-result.js';
import { formatDuration } from '../quantities/duration.js';

export const runWarningDefaults = {
  pendingMs: 10 * 60_000,
  noReadyPodMs: 2 * 60_000,
  droppedShare: 0.01,
  droppedMs: 60_000,
} as const;

export interface WorkloadWarningInput {
  readonly name: string;
  readonly pendingPods: readonly (number | null)[];
  readonly readyReplicas: readonly (number | null)[];
  readonly rps: readonly (number | null)[];
  readonly droppedRps: readonly (number | null)[];
}

export interface RunWarningInput {
  readonly timeMs: readonly number[];
  readonly durationMs: number;
  readonly workloads: readonly WorkloadWarningInput[];
  /** Pools no workload's pod may be placed on (selectors, affinity, taints), with their idle cost. */
  readonly unusablePools: readonly { readonly pool: string; readonly nodes: number; readonly costUsd: number }[];
  readonly events: readonly SimEvent[];
  /** Set when the run covers less than one period of the loads (simulation-window.ts). */
  readonly shortWindow?: string | null;
}

export function findRunWarnings(input: RunWarningInput): RunWarning[] {
  const out: RunWarning[] = [];
  if (input.shortWindow) {
    out.push({ kind: 'short-window', workload: null, pool: null, fromMs: 0, toMs: input.durationMs, message: input.shortWindow, cause: '' });
  }
  const t = input.timeMs;
  const clock = (ms: number) => formatDuration(ms);
  for (const w of input.workloads) {
    for (const [from, to] of spans(t, input.durationMs, (k) => (w.pendingPods[k] ?? 0) > 0)) {
      if (to - from < runWarningDefaults.pendingMs && !(to === input.durationMs && to - from >= runWarningDefaults.noReadyPodMs)) continue;
      const peak = maxOver(w.pendingPods, t, from, to);
      out.push({
        kind: 'pods-pending',
        workload: w.name,
        pool: null,
        fromMs: from,
        toMs: to,
        message: `${w.name}: up to ${peak} pod(s) Pending from ${clock(from)} to ${clock(to)}${to === input.durationMs ? ' (still Pending at the end)' : ''}`,
        cause: causeOf(input.events, w.name, from, to),
      });
    }
    for (const [from, to] of spans(t, input.durationMs, (k) => (w.readyReplicas[k] ?? 0) === 0 && (w.rps[k + 1] ?? 0) > 0)) {
      if (to - from < runWarningDefaults.noReadyPodMs) continue;
      out.push({
        kind: 'no-ready-pod',
        workload: w.name,
        pool: null,
        fromMs: from,
        toMs: to,
        message: `${w.name}: no ready pod from ${clock(from)} to ${clock(to)} while requests arrived (every request failed)`,
        cause: causeOf(input.events, w.name, from, to),
      });
    }
    const droppedAt = (k: number) => {
      const r = w.rps[k] ?? 0;
      return r > 0 && (w.droppedRps[k] ?? 0) / r >= runWarningDefaults.droppedShare;
    };
    // Series values at sample k describe the interval ending at t[k]: shift spans back one sample.
    for (const [from, to] of spans(t, input.durationMs, (k) => droppedAt(k + 1))) {
      if (to - from < runWarningDefaults.droppedMs) continue;
      const { dropped, total } = sumOver(w, t, from, to);
      out.push({
        kind: 'requests-dropped',
        workload: w.name,
        pool: null,
        fromMs: from,
        toMs: to,
        message: `${w.name}: ${(total > 0 ? (100 * dropped) / total : 0).toFixed(1)}% of requests dropped from ${clock(from)} to ${clock(to)} (no ready endpoint, or the client timeout passed)`,
        cause: '',
      });
    }
  }
  for (const p of input.unusablePools) {
    out.push({
      kind: 'pool-unused',
      workload: null,
      pool: p.pool,
      fromMs: 0,
      toMs: input.durationMs,
      message: `pool ${p.pool}: no workload may be placed on its nodes (node selectors, affinity or taints), yet its ${p.nodes} node(s) cost $${p.costUsd.toFixed(2)} over the run`,
      cause: '',
    });
  }
  const blocked = input.events.filter(isScaleUpRefusal);
  if (blocked.length > 0) {
    const last = blocked[blocked.length - 1]!;
    out.push({
      kind: 'scale-up-blocked',
      workload: null,
      pool: last.subject === 'cluster' ? null : last.subject,
      fromMs: blocked[0]!.timeMs,
      toMs: last.timeMs,
      message: `the node autoscaler did not launch nodes for pending pods ${blocked.length} time(s) from ${clock(blocked[0]!.timeMs)} to ${clock(last.timeMs)}`,
      cause: last.message,
    });
  }
  return out;
}

/** Maximal spans [from, to) of sample instants where `at(k)` holds; a span ends at the next sample or the run's end. */
function spans(t: readonly number[], durationMs: number, at: (k: number) => boolean): [number, number][] {
  const out: [number, number][] = [];
  let start = -1;
  for (let k = 0; k < t.length; k++) {
    if (at(k)) {
      if (start < 0) start = t[k]!;
    } else if (start >= 0) {
      out.push([start, t[k]!]);
      start = -1;
    }
  }
  if (start >= 0) out.push([start, durationMs]);
  return out;
}

function maxOver(values: readonly (number | null)[], t: readonly number[], from: number, to: number): number {
  let m = 0;
  for (let k = 0; k < t.length; k++) if (t[k]! >= from && t[k]! < to) m = Math.max(m, values[k] ?? 0);
  return m;
}

function sumOver(w: WorkloadWarningInput, t: readonly number[], from: number, to: number): { dropped: number; total: number } {
  let dropped = 0;
  let total = 0;
  for (let k = 1; k < t.length; k++) {
    if (t[k - 1]! < from || t[k - 1]! >= to) continue;
    const seconds = (t[k]! - t[k - 1]!) / 1000;
    dropped += (w.droppedRps[k] ?? 0) * seconds;
    total += (w.rps[k] ?? 0) * seconds;
  }
  return { dropped, total };
}

/** The last scheduling failure of the workload in the span, and the node autoscaler's answer. */
function causeOf(events: readonly SimEvent[], workload: string, from: number, to: number): string {
  const within = events.filter((e) => e.timeMs >= from && e.timeMs <= to);
  const scheduling = [...within].reverse().find((e) => e.subject === workload && (e.reason === 'FailedScheduling' || e.reason === 'FailedCreate'));
  const autoscaler = [...within].reverse().find(isScaleUpRefusal);
  const parts: string[] = [];
  if (scheduling) parts.push(`${scheduling.reason}: ${scheduling.message.replace(/^[^:]*: /, '')}`);
  if (autoscaler) parts.push(`${autoscaler.source} ${autoscaler.reason}: ${autoscaler.message}`);
  return parts.join('; ');
}

/** The autoscalers' events for pending pods they would not launch a node for (upstream reasons). */
function isScaleUpRefusal(e: SimEvent): boolean {
  return (e.source === 'cluster-autoscaler' || e.source === 'karpenter') && /^(NotTriggerScaleUp|NodePoolLimitReached|NoCompatibleNodePool|ScaleUpLimitedByMaxNodesTotal)$/.test(e.reason);
}
