/**
 * Which pods block removing their node (simulator/drainability/rules, utils/drain/drain.go;
 * docs/models/cluster-autoscaler.md#scale-down). Returns how the pod is handled on drain, with CA's BlockingPodReason names.
 */
import { caAnnotations, type ClusterAutoscalerOptions } from './defaults.js';
import type { PodView } from './types.js';

/** CA drain.BlockingPodReason values used here. */
export type BlockingPodReason = 'NotReplicated' | 'LocalStorageRequested' | 'NotSafeToEvictAnnotation' | 'UnmovableKubeSystemPod' | 'NotEnoughPdb';

/**
 * `skip`: stays with the node (DaemonSet/mirror) or is dropped without rescheduling (expendable);
 * `move`: must be rescheduled elsewhere; `block`: prevents removal.
 */
export type PodDrainDecision =
  | { readonly kind: 'skip'; readonly why: 'DaemonSet' | 'Mirror' | 'Expendable' }
  | { readonly kind: 'move' }
  | { readonly kind: 'block'; readonly reason: BlockingPodReason; readonly message: string };

const REPLICATED_KINDS = new Set(['ReplicaSet', 'ReplicationController', 'Job', 'StatefulSet', 'DaemonSet']);

/**
 * Whether {@link podDrainDecision} for `pod` depends on the time (a kube-system pod without a PDB
 * blocks only until it is old enough), so a decision made earlier cannot be reused.
 */
export function drainDecisionReadsTime(pod: PodView, o: ClusterAutoscalerOptions): boolean {
  return o.skipNodesWithSystemPods && pod.namespace === 'kube-system' && (pod.pdb === undefined || pod.pdb === null);
}

/**
 * Drain decision for one pod. PDB budgets are checked by the caller across all pods it moves
 * (CA's RemainingPdbTracker), since several pods may share a budget.
 */
export function podDrainDecision(pod: PodView, nowMs: number, o: ClusterAutoscalerOptions): PodDrainDecision {
  if (pod.isMirror === true) return { kind: 'skip', why: 'Mirror' };
  if (pod.isDaemonSet === true) return { kind: 'skip', why: 'DaemonSet' };
  if ((pod.priority ?? 0) < o.expendablePodsPriorityCutoff) return { kind: 'skip', why: 'Expendable' };
  const safe = pod.annotations?.[caAnnotations.safeToEvict];
  if (safe === 'true') return { kind: 'move' };
  if (safe === 'false') {
    return { kind: 'block', reason: 'NotSafeToEvictAnnotation', message: `pod annotated as not safe to evict present: ${pod.name}` };
  }
  const replicated = pod.ownerKind !== null && (!o.skipNodesWithCustomControllerPods || REPLICATED_KINDS.has(pod.ownerKind));
  if (!replicated) return { kind: 'block', reason: 'NotReplicated', message: `${pod.namespace}/${pod.name} is not replicated` };
  if (drainDecisionReadsTime(pod, o)) {
    // CA ≥1.33: a kube-system pod older than the timeout no longer blocks (rules/system/rule.go).
    const old = pod.createdMs !== undefined && nowMs - pod.createdMs >= o.blockingSystemPodDisruptionTimeoutMs;
    if (!old) {
      return { kind: 'block', reason: 'UnmovableKubeSystemPod', message: `non-daemonset, non-mirrored, non-pdb-assigned kube-system pod present: ${pod.name}` };
    }
  }
  if (o.skipNodesWithLocalStorage && pod.hasLocalStorage === true) {
    return { kind: 'block', reason: 'LocalStorageRequested', message: `pod with local storage present: ${pod.name}` };
  }
  return { kind: 'move' };
}
