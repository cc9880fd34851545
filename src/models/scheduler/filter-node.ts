/**
 * Filter plugins of the default profile that matter for the simulator, in upstream order:
 * NodeUnschedulable → TaintToleration → NodeAffinity → NodeResourcesFit. As in the framework,
 * a node's evaluation stops at the first failing plugin; NodeResourcesFit reports every
 * insufficient resource (noderesources/fit.go).
 */
import { filterReasons, taintKeys, untoleratedTaintReason } from './defaults.js';
import { matchesNodeSelectorAndAffinity } from './node-affinity.js';
import { effectiveTaints, findUntoleratedTaint, isTolerated } from './taint-toleration.js';
import type { NodeView, PodView } from './types.js';

/** Result of {@link filterNode}: fits, or the upstream reason strings why not. */
export interface FilterResult {
  readonly fits: boolean;
  readonly reasons: readonly string[];
}

const FITS: FilterResult = { fits: true, reasons: [] };

/**
 * NodeResourcesFit filter alone: a free pod slot, and cpu/memory requests within
 * allocatable − requested. A pod without cpu and memory requests only needs a pod slot.
 * Allocation-free; safe for hot loops.
 */
export function fitsResources(pod: PodView, node: NodeView): boolean {
  if (node.requested.pods + 1 > node.allocatable.pods) return false;
  const cpu = pod.requests.cpuMilli;
  const mem = pod.requests.memoryBytes;
  if (cpu > 0 && cpu > node.allocatable.cpuMilli - node.requested.cpuMilli) return false;
  if (mem > 0 && mem > node.allocatable.memoryBytes - node.requested.memoryBytes) return false;
  return true;
}

function resourceReasons(pod: PodView, node: NodeView): string[] {
  const out: string[] = [];
  if (node.requested.pods + 1 > node.allocatable.pods) out.push(filterReasons.tooManyPods);
  const cpu = pod.requests.cpuMilli;
  const mem = pod.requests.memoryBytes;
  if (cpu > 0 && cpu > node.allocatable.cpuMilli - node.requested.cpuMilli) out.push(filterReasons.insufficientCpu);
  if (mem > 0 && mem > node.allocatable.memoryBytes - node.requested.memoryBytes) out.push(filterReasons.insufficientMemory);
  return out;
}

/** Runs the filter plugins for `pod` on `node`. */
export function filterNode(pod: PodView, node: NodeView): FilterResult {
  if (node.unschedulable && !isTolerated(pod.tolerations, { key: taintKeys.unschedulable, effect: 'NoSchedule' })) {
    return { fits: false, reasons: [filterReasons.unschedulable] };
  }
  const taint = findUntoleratedTaint(effectiveTaints(node), pod.tolerations);
  if (taint !== undefined) return { fits: false, reasons: [untoleratedTaintReason(taint.key, taint.value)] };
  if (!matchesNodeSelectorAndAffinity(pod, node.labels)) return { fits: false, reasons: [filterReasons.affinityMismatch] };
  const r = resourceReasons(pod, node);
  return r.length === 0 ? FITS : { fits: false, reasons: r };
}

/**
 * The FitError message: `0/N nodes are available: <count> <reason>, ...` with the
 * "<count> <reason>" strings sorted (framework/types.go FitError.Error).
 */
export function formatFitError(numAllNodes: number, reasonsPerNode: readonly (readonly string[])[]): string {
  const histogram = new Map<string, number>();
  for (const reasons of reasonsPerNode) for (const r of reasons) histogram.set(r, (histogram.get(r) ?? 0) + 1);
  const parts = [...histogram].map(([r, n]) => `${n} ${r}`).sort();
  return `0/${numAllNodes} nodes are available: ${parts.join(', ')}.`;
}
