/**
 * pickOneNodeForPreemption (pkg/scheduler/framework/preemption/preemption.go): among the nodes
 * where preemption would let the pod fit, the one whose victims cost least.
 */
import { podPriority, podStartMs, type TimedPod } from './pod-priority.js';

/** One candidate node and its victims, most important first (as selectVictimsOnNode returns them). */
export interface PreemptionCandidate {
  readonly nodeName: string;
  readonly victims: readonly TimedPod[];
  readonly numPdbViolations: number;
}

/** 2^31: upstream adds MaxInt32+1 to each priority so that negative priorities sum sensibly. */
const PRIORITY_OFFSET = 2 ** 31;

/** Earliest start among the victims that have the highest priority (util.GetEarliestPodStartTime). */
function earliestStartOfHighest(victims: readonly TimedPod[]): number {
  let maxPriority = Number.NEGATIVE_INFINITY;
  let earliest = Number.POSITIVE_INFINITY;
  for (const v of victims) {
    const p = podPriority(v);
    const s = podStartMs(v);
    if (p > maxPriority) {
      maxPriority = p;
      earliest = s;
    } else if (p === maxPriority && s < earliest) earliest = s;
  }
  return earliest;
}

/** Score functions in upstream order; higher is better. */
const scoreFuncs: readonly ((c: PreemptionCandidate) => number)[] = [
  // 1. fewest PDB violations
  (c) => -c.numPdbViolations,
  // 2. lowest priority of the most important victim
  (c) => (c.victims.length > 0 ? -podPriority(c.victims[0]!) : 0),
  // 3. smallest sum of (priority + 2^31)
  (c) => -c.victims.reduce((s, v) => s + podPriority(v) + PRIORITY_OFFSET, 0),
  // 4. fewest victims
  (c) => -c.victims.length,
  // 5. latest start among the highest-priority victims (the most recently started work is lost)
  (c) => earliestStartOfHighest(c.victims),
];

/**
 * The chosen candidate, or null when there is none. Each criterion keeps the best-scoring nodes and
 * the next one breaks their tie; after the last, the first remaining in input order wins (upstream:
 * the first in its map iteration, i.e. arbitrary).
 */
export function pickOneNodeForPreemption(candidates: readonly PreemptionCandidate[]): PreemptionCandidate | null {
  if (candidates.length === 0) return null;
  let remaining = candidates.slice();
  for (const f of scoreFuncs) {
    let best = Number.NEGATIVE_INFINITY;
    let selected: PreemptionCandidate[] = [];
    for (const c of remaining) {
      const s = f(c);
      if (s > best) {
        best = s;
        selected = [c];
      } else if (s === best) selected.push(c);
    }
    if (selected.length === 1) return selected[0]!;
    remaining = selected;
  }
  return remaining[0]!;
}
