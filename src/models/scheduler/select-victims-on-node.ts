/**
 * SelectVictimsOnNode of the DefaultPreemption plugin
 * (pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go): the smallest set of
 * lower-priority pods whose removal lets the preemptor fit, sparing PDB-protected pods first.
 */
import { nodeWithoutPods } from './node-without-pods.js';
import { compareImportance, podPriority, type TimedPod } from './pod-priority.js';
import type { NodeView, PodView } from './types.js';

/**
 * The filters re-run for the preemptor on a node from which some pods were taken off. `node` has
 * the reduced requests/counts ({@link nodeWithoutPods}); `podsOnNode` are the pods still on it.
 * Returns whether the pod fits, or a FilterResult (`filterNode` fits) whose reasons end up in the
 * "0/N nodes are available" message (a plain `false` counts as 'node(s) did not fit the pod').
 */
export type PreemptionFits = (
  pod: PodView,
  node: NodeView,
  podsOnNode: readonly TimedPod[],
) => boolean | { readonly fits: boolean; readonly reasons: readonly string[] };

export type SelectVictimsResult =
  | { readonly ok: true; readonly victims: readonly TimedPod[]; readonly numPdbViolations: number }
  | { readonly ok: false; readonly reason: 'NoVictims' | 'DoesNotFit'; readonly reasons: readonly string[] };

function fitOf(r: ReturnType<PreemptionFits>): { fits: boolean; reasons: readonly string[] } {
  return typeof r === 'boolean' ? { fits: r, reasons: r ? [] : ['node(s) did not fit the pod'] } : r;
}

/** Upstream status message when a node has no lower-priority pod. */
export const noVictimsMessage = 'No preemption victims found for incoming pod';

/**
 * Splits `pods` (kept in order) into those whose eviction would take their PDB below zero allowed
 * disruptions and the others, spending each PDB's budget in list order
 * (default_preemption.go filterPodsWithPDBViolation). A PDB is identified by namespace and name.
 */
export function filterPodsWithPdbViolation(pods: readonly TimedPod[]): { violating: TimedPod[]; nonViolating: TimedPod[] } {
  const allowed = new Map<string, number>();
  const violating: TimedPod[] = [];
  const nonViolating: TimedPod[] = [];
  for (const p of pods) {
    if (p.pdb) {
      const key = `${p.namespace}/${p.pdb.name}`;
      const left = (allowed.get(key) ?? p.pdb.disruptionsAllowed) - 1;
      allowed.set(key, left);
      if (left < 0) {
        violating.push(p);
        continue;
      }
    }
    nonViolating.push(p);
  }
  return { violating, nonViolating };
}

/**
 * Victims on `node` for `preemptor`: every pod of lower priority is taken off; if the preemptor
 * still does not fit the node is no candidate. Then pods are put back one by one, most important
 * first, PDB-violating ones before the others, and a pod stays (is reprieved) whenever the
 * preemptor still fits with it. Pod affinity of the preemptor to a victim is not considered, as
 * upstream. Victims come back most important first.
 */
export function selectVictimsOnNode(
  preemptor: PodView,
  node: NodeView,
  podsOnNode: readonly TimedPod[],
  fits: PreemptionFits,
): SelectVictimsResult {
  const prio = podPriority(preemptor);
  const potential = podsOnNode.filter((p) => podPriority(p) < prio);
  if (potential.length === 0) return { ok: false, reason: 'NoVictims', reasons: [noVictimsMessage] };
  const staying = podsOnNode.filter((p) => podPriority(p) >= prio);
  let removed = potential.slice();
  const first = fitOf(fits(preemptor, nodeWithoutPods(node, removed), staying));
  if (!first.fits) return { ok: false, reason: 'DoesNotFit', reasons: first.reasons };
  potential.sort(compareImportance);
  const { violating, nonViolating } = filterPodsWithPdbViolation(potential);
  const victims: TimedPod[] = [];
  const reprieve = (p: TimedPod): boolean => {
    const without = removed.filter((r) => r !== p);
    if (fitOf(fits(preemptor, nodeWithoutPods(node, without), [...staying, p])).fits) {
      removed = without;
      staying.push(p);
      return true;
    }
    victims.push(p);
    return false;
  };
  let numPdbViolations = 0;
  for (const p of violating) if (!reprieve(p)) numPdbViolations++;
  for (const p of nonViolating) reprieve(p);
  if (violating.length > 0 && nonViolating.length > 0) victims.sort(compareImportance);
  return { ok: true, victims, numPdbViolations };
}
