/** Taint/toleration matching (core/v1 helper ToleratesTaint semantics). */
import { taintKeys } from './defaults.js';
import type { NodeView, Taint, TaintEffect, Toleration } from './types.js';

/** True when `toleration` tolerates `taint`: same effect (or any), same key (or empty+Exists), value by operator. */
export function toleratesTaint(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect !== undefined && toleration.effect !== taint.effect) return false;
  const key = toleration.key ?? '';
  if (key !== '' && key !== taint.key) return false;
  const operator = toleration.operator ?? 'Equal';
  if (operator === 'Exists') return true;
  // An empty key is only valid with Exists.
  if (key === '') return false;
  return (toleration.value ?? '') === (taint.value ?? '');
}

/** True when some toleration in the list tolerates `taint`. */
export function isTolerated(tolerations: readonly Toleration[] | undefined, taint: Taint): boolean {
  if (tolerations === undefined) return false;
  for (const t of tolerations) if (toleratesTaint(t, taint)) return true;
  return false;
}

const NOT_READY: Taint = { key: taintKeys.notReady, effect: 'NoSchedule' };
const TO_BE_DELETED: Taint = { key: taintKeys.toBeDeleted, effect: 'NoSchedule' };

/**
 * The node's taints plus the ones the control plane would have put on it: not-ready for a NotReady
 * node (node lifecycle controller) and the autoscaler deletion taint for a node marked `deleting`.
 */
export function effectiveTaints(node: NodeView): readonly Taint[] {
  if (node.ready && !node.deleting) return node.taints;
  const out = [...node.taints];
  if (!node.ready && !out.some((t) => t.key === taintKeys.notReady)) out.push(NOT_READY);
  if (node.deleting && !out.some((t) => t.key === taintKeys.toBeDeleted || t.key === 'karpenter.sh/disrupted')) out.push(TO_BE_DELETED);
  return out;
}

/** First NoSchedule/NoExecute taint the pod does not tolerate (TaintToleration filter), or undefined. */
export function findUntoleratedTaint(
  taints: readonly Taint[],
  tolerations: readonly Toleration[] | undefined,
  effects: readonly TaintEffect[] = ['NoSchedule', 'NoExecute'],
): Taint | undefined {
  for (const taint of taints) {
    if (!effects.includes(taint.effect)) continue;
    if (!isTolerated(tolerations, taint)) return taint;
  }
  return undefined;
}

/** Number of PreferNoSchedule taints the pod does not tolerate (TaintToleration score, before normalising). */
export function countIntolerablePreferNoSchedule(taints: readonly Taint[], tolerations: readonly Toleration[] | undefined): number {
  let n = 0;
  for (const taint of taints) {
    if (taint.effect !== 'PreferNoSchedule') continue;
    // Only tolerations with an empty or PreferNoSchedule effect count for scoring upstream.
    const relevant = tolerations?.filter((t) => t.effect === undefined || t.effect === 'PreferNoSchedule');
    if (!isTolerated(relevant, taint)) n++;
  }
  return n;
}
