/**
 * Scale-up decision of one Cluster Autoscaler loop (core/scaleup/orchestrator): drop pods that
 * are expendable or too young, drop pods that fit existing or upcoming nodes, estimate each
 * node group with the binpacking estimator, pick one option with the expander chain.
 */
import { filterNode, formatFitError } from '../scheduler/filter-node.js';
import type { PlacementSnapshot } from '../scheduler/placement-snapshot.js';
import { balanceScaleUpBetweenGroups } from './balance-scale-up.js';
import { buildClusterSnapshot, upcomingNodeCount } from './cluster-snapshot.js';
import { findSimilarNodeGroups } from './compare-node-groups.js';
import type { ClusterAutoscalerOptions } from './defaults.js';
import { estimateNodeCount } from './estimator.js';
import { chooseOption } from './expanders/expanders.js';
import type { ExpanderContext } from './expanders/expander.js';
import { buildTemplateNode } from './template-node.js';
import type { ExpansionOption, NodeGroup, NodeView, PodView } from './types.js';

const GiB = 2 ** 30;

/** Input of {@link planScaleUp}. */
export interface ScaleUpInput {
  readonly nowMs: number;
  /** Registered nodes (any state). */
  readonly nodes: readonly NodeView[];
  /** Pods the scheduler marked Unschedulable. */
  readonly pendingPods: readonly PodView[];
  readonly nodeGroups: readonly NodeGroup[];
  readonly options: ClusterAutoscalerOptions;
  readonly expanderContext?: Omit<ExpanderContext, 'nodes'>;
  /** Uniform [0, 1) source for the final expander tie-break. */
  readonly tieBreak: () => number;
}

/** CA ScaleUpStatus results. */
export type ScaleUpResult = 'ScaleUpSuccessful' | 'ScaleUpNotNeeded' | 'ScaleUpNoOptionsAvailable' | 'ScaleUpLimitedByMaxNodesTotal';

export type PodScaleUpReason = 'TriggeredScaleUp' | 'NotTriggerScaleUp' | 'SchedulableOnExistingOrUpcomingNodes' | 'ExpendablePod' | 'PodTooYoung';

/** A reason with CA's event text. */
export interface Reasoned<R extends string> {
  readonly reason: R;
  readonly message: string;
}

/** One group's new size in a scale-up. */
export interface GroupResize {
  readonly nodeGroup: string;
  readonly fromSize: number;
  readonly toSize: number;
  readonly nodeCount: number;
}

/** Result of {@link planScaleUp}. */
export interface ScaleUpPlan {
  readonly result: ScaleUpResult;
  /** The group to grow, or null. The caller sets the group's target to `toSize` and provisions `nodeCount` nodes. */
  readonly scaleUp: {
    readonly nodeGroup: string;
    readonly fromSize: number;
    readonly toSize: number;
    readonly nodeCount: number;
    readonly podsHelped: readonly string[];
  } | null;
  /** `ScaledUpGroup` on success, else the result name. */
  /**
   * With `balanceSimilarNodeGroups`: the scale-up spread over the chosen group and the groups
   * similar to it (every group whose size changes); the caller applies these instead of
   * `scaleUp`. Absent when balancing is off.
   */
  readonly balanced?: readonly GroupResize[];
  readonly reason: 'ScaledUpGroup' | ScaleUpResult;
  readonly message: string;
  readonly podReasons: Readonly<Record<string, Reasoned<PodScaleUpReason>>>;
  readonly skippedGroups: Readonly<Record<string, Reasoned<'MaxNodeGroupSizeReached' | 'NodeGroupBackoff' | 'MaxResourceLimitReached'>>>;
  /** Every option the estimator produced (before the expander). */
  readonly consideredOptions: readonly { readonly nodeGroup: string; readonly nodeCount: number; readonly podCount: number }[];
}

function sum(ns: readonly NodeView[], f: (n: NodeView) => number): number {
  let s = 0;
  for (const n of ns) s += f(n);
  return s;
}

/** Pods that fit the existing or upcoming nodes, placed first-fit in priority order (kept bound in `s`). */
function filterOutSchedulable(s: PlacementSnapshot, pods: readonly PodView[]): { fit: PodView[]; rest: PodView[] } {
  const order = pods.map((p, i) => ({ p, i })).sort((a, b) => (b.p.priority ?? 0) - (a.p.priority ?? 0) || a.i - b.i);
  const fit: PodView[] = [];
  const rest: PodView[] = [];
  for (const { p } of order) {
    const node = s.fittingNode(p);
    if (node === undefined) rest.push(p);
    else {
      s.bindPod(p, node.name);
      fit.push(p);
    }
  }
  return { fit, rest };
}

/** Decides whether and how to scale up. Pure: inputs are not modified. */
export function planScaleUp(input: ScaleUpInput): ScaleUpPlan {
  const o = input.options;
  const podReasons: Record<string, Reasoned<PodScaleUpReason>> = {};
  const skippedGroups: Record<string, ScaleUpPlan['skippedGroups'][string]> = {};
  const candidates: PodView[] = [];
  for (const p of input.pendingPods) {
    if ((p.priority ?? 0) < o.expendablePodsPriorityCutoff) {
      podReasons[p.name] = { reason: 'ExpendablePod', message: `pod priority ${p.priority} is below the expendable cutoff ${o.expendablePodsPriorityCutoff}` };
    } else if (p.createdMs !== undefined && input.nowMs - p.createdMs < o.newPodScaleUpDelayMs) {
      podReasons[p.name] = { reason: 'PodTooYoung', message: `pod is younger than new-pod-scale-up-delay ${o.newPodScaleUpDelayMs} ms` };
    } else candidates.push(p);
  }
  const snapshot = buildClusterSnapshot(input.nodes, input.nodeGroups, input.nowMs);
  const { fit, rest } = filterOutSchedulable(snapshot, candidates);
  for (const p of fit) podReasons[p.name] = { reason: 'SchedulableOnExistingOrUpcomingNodes', message: 'pod fits an existing or upcoming node' };
  const base = { podReasons, skippedGroups, consideredOptions: [] as ScaleUpPlan['consideredOptions'] };
  if (rest.length === 0) {
    return { ...base, result: 'ScaleUpNotNeeded', scaleUp: null, reason: 'ScaleUpNotNeeded', message: 'no unschedulable pods need new nodes' };
  }

  const upcoming = input.nodeGroups.reduce((a, g) => a + upcomingNodeCount(g, input.nodes), 0);
  const totalNodes = input.nodes.length + upcoming;
  if (o.maxNodesTotal > 0 && totalNodes >= o.maxNodesTotal) {
    const message = `max total nodes in cluster reached: ${o.maxNodesTotal}`;
    for (const p of rest) podReasons[p.name] = { reason: 'NotTriggerScaleUp', message: `pod didn't trigger scale-up: ${message}` };
    return { ...base, result: 'ScaleUpLimitedByMaxNodesTotal', scaleUp: null, reason: 'ScaleUpLimitedByMaxNodesTotal', message };
  }
  const groupByName = new Map(input.nodeGroups.map((g) => [g.name, g]));
  const coresOf = (n: NodeView) => (groupByName.get(n.pool)?.template.capacity.cpuMilli ?? n.allocatable.cpuMilli) / 1000;
  const memOf = (n: NodeView) => (groupByName.get(n.pool)?.template.capacity.memoryBytes ?? n.allocatable.memoryBytes) / GiB;
  let cores = sum(input.nodes, coresOf);
  let memGiB = sum(input.nodes, memOf);
  for (const g of input.nodeGroups) {
    const up = upcomingNodeCount(g, input.nodes);
    cores += (up * g.template.capacity.cpuMilli) / 1000;
    memGiB += (up * g.template.capacity.memoryBytes) / GiB;
  }

  const options: ExpansionOption[] = [];
  const perPodGroupReasons = new Map<string, string[]>(rest.map((p) => [p.name, []]));
  const noteAll = (r: string) => perPodGroupReasons.forEach((l) => l.push(r));
  for (const g of input.nodeGroups) {
    if (g.backoffUntilMs !== undefined && input.nowMs < g.backoffUntilMs) {
      skippedGroups[g.name] = { reason: 'NodeGroupBackoff', message: 'not ready for scale-up (backoff after a failed scale-up)' };
      noteAll('not ready for scale-up');
      continue;
    }
    const headroom = g.maxNodes - g.targetSize;
    if (headroom <= 0) {
      skippedGroups[g.name] = { reason: 'MaxNodeGroupSizeReached', message: `max node group size reached (${g.maxNodes})` };
      noteAll('max node group size reached');
      continue;
    }
    const nodeCores = g.template.capacity.cpuMilli / 1000;
    const nodeMem = g.template.capacity.memoryBytes / GiB;
    const byCores = nodeCores > 0 ? Math.floor((o.maxCoresTotal - cores) / nodeCores) : Infinity;
    const byMem = nodeMem > 0 ? Math.floor((o.maxMemoryGiBTotal - memGiB) / nodeMem) : Infinity;
    const byTotal = o.maxNodesTotal > 0 ? o.maxNodesTotal - totalNodes : Infinity;
    const limit = Math.min(headroom, byCores, byMem, byTotal);
    if (limit <= 0) {
      skippedGroups[g.name] = { reason: 'MaxResourceLimitReached', message: 'max cluster cpu, memory limit reached' };
      noteAll('max cluster cpu, memory limit reached');
      continue;
    }
    const est = estimateNodeCount(snapshot, rest, g, limit);
    const placed = new Set(est.scheduledPods.map((p) => p.name));
    const template = buildTemplateNode(g, `template-node-for-${g.name}`);
    for (const p of rest) {
      if (placed.has(p.name)) continue;
      const f = filterNode(p, template);
      perPodGroupReasons.get(p.name)?.push(...(f.fits ? ['estimation limit reached'] : f.reasons));
    }
    if (est.nodeCount > 0) options.push({ nodeGroup: g, nodeCount: est.nodeCount, pods: est.scheduledPods });
  }
  const consideredOptions = options.map((op) => ({ nodeGroup: op.nodeGroup.name, nodeCount: op.nodeCount, podCount: op.pods.length }));
  const chosen = chooseOption(options, o.expanders, { ...input.expanderContext, nodes: input.nodes }, input.tieBreak);
  const notTriggered = (p: PodView) => {
    const reasons = perPodGroupReasons.get(p.name) ?? [];
    const text = formatFitError(0, reasons.map((r) => [r])).replace(/^0\/0 nodes are available: /, '').replace(/\.$/, '');
    podReasons[p.name] = { reason: 'NotTriggerScaleUp', message: `pod didn't trigger scale-up: ${text}` };
  };
  if (chosen === undefined) {
    rest.forEach(notTriggered);
    return { ...base, consideredOptions, result: 'ScaleUpNoOptionsAvailable', scaleUp: null, reason: 'ScaleUpNoOptionsAvailable', message: 'no node group can fit any unschedulable pod' };
  }
  const g = chosen.nodeGroup;
  const toSize = g.targetSize + chosen.nodeCount;
  const helped = new Set(chosen.pods.map((p) => p.name));
  const balanced = o.balanceSimilarNodeGroups ? balance(chosen, input.nodeGroups, skippedGroups, o) : undefined;
  const resizes = balanced ?? [{ nodeGroup: g.name, fromSize: g.targetSize, toSize, nodeCount: chosen.nodeCount }];
  const maxOf = (name: string) => groupByName.get(name)?.maxNodes ?? 0;
  const listed = resizes.map((r) => `{${r.nodeGroup} ${r.fromSize}->${r.toSize} (max: ${maxOf(r.nodeGroup)})}`).join(' ');
  for (const p of rest) {
    if (helped.has(p.name)) {
      podReasons[p.name] = { reason: 'TriggeredScaleUp', message: `pod triggered scale-up: [${listed}]` };
    } else notTriggered(p);
  }
  return {
    ...base,
    consideredOptions,
    result: 'ScaleUpSuccessful',
    scaleUp: { nodeGroup: g.name, fromSize: g.targetSize, toSize, nodeCount: chosen.nodeCount, podsHelped: [...helped] },
    ...(balanced ? { balanced } : {}),
    reason: 'ScaledUpGroup',
    message: resizes.map((r) => `Scale-up: setting group ${r.nodeGroup} size to ${r.toSize} instead of ${r.fromSize} (max: ${maxOf(r.nodeGroup)})`).join('; '),
  };
}

/**
 * The orchestrator's balancing step (core/scaleup/orchestrator ComputeSimilarNodeGroups, then
 * BalanceScaleUpBetweenGroups): the similar groups that are not skipped (backoff, full, limits) and
 * whose template node takes every pod of the chosen option share its node count.
 */
function balance(
  chosen: ExpansionOption,
  groups: readonly NodeGroup[],
  skipped: Readonly<Record<string, unknown>>,
  o: ClusterAutoscalerOptions,
): GroupResize[] {
  const ratios = { maxAllocatableDifferenceRatio: o.maxAllocatableDifferenceRatio, maxFreeDifferenceRatio: o.maxFreeDifferenceRatio, memoryDifferenceRatio: o.memoryDifferenceRatio };
  const similar = findSimilarNodeGroups(chosen.nodeGroup, groups, ratios, o.balancingIgnoreLabels).filter((sg) => {
    if (skipped[sg.name] !== undefined) return false;
    const template = buildTemplateNode(sg, `template-node-for-${sg.name}`);
    return chosen.pods.every((p) => filterNode(p, template).fits);
  });
  const targets = [chosen.nodeGroup, ...similar].map((x) => ({ name: x.name, targetSize: x.targetSize, maxNodes: x.maxNodes }));
  return balanceScaleUpBetweenGroups(targets, chosen.nodeCount).map((i) => ({
    nodeGroup: i.group,
    fromSize: i.currentSize,
    toSize: i.newSize,
    nodeCount: i.newSize - i.currentSize,
  }));
}
