/**
 * The DefaultPreemption PostFilter (pkg/scheduler/framework/plugins/defaultpreemption/
 * default_preemption.go with pkg/scheduler/framework/preemption/preemption.go and executor.go):
 * when a pod fits no node, find the node where evicting the fewest and least important
 * lower-priority pods lets it fit, and nominate it.
 *
 * Entry point: {@link preempt}. The caller gives the nodes the pod failed on with the pods bound to
 * each, and the filters as a callback; the result says which pods to evict and where the preemptor
 * is nominated. Evicting and re-queueing are the caller's job.
 */
import { preemptionDefaults } from './defaults.js';
import { formatFitError } from './filter-node.js';
import { pickOneNodeForPreemption, type PreemptionCandidate } from './pick-one-node-for-preemption.js';
import { podPriority, type TimedPod } from './pod-priority.js';
import { selectVictimsOnNode, type PreemptionFits } from './select-victims-on-node.js';
import type { NodeView, PodView } from './types.js';

/** A node the preemptor failed on, with the pods bound to it. */
export interface PreemptionNode {
  readonly node: NodeView;
  readonly pods: readonly TimedPod[];
  /**
   * The node failed with UnschedulableAndUnresolvable (node affinity, an untolerated taint...):
   * evicting pods cannot help, so it is skipped.
   */
  readonly unresolvable?: boolean;
}

/** The preemptor's earlier nomination, for {@link podEligibleToPreemptOthers}. */
export interface NominatedNodeState {
  /** The nominated node now fails with UnschedulableAndUnresolvable. */
  readonly unresolvable: boolean;
  /** Pods on the nominated node: their priority and whether they are terminating because the scheduler preempted them. */
  readonly pods: readonly { readonly priority?: number; readonly terminatingByPreemption: boolean }[];
}

export interface PreemptInput {
  readonly preemptor: PodView;
  readonly nodes: readonly PreemptionNode[];
  readonly fits: PreemptionFits;
  /** status.nominatedNodeName's state, if the pod was nominated before. */
  readonly nominated?: NominatedNodeState;
  /** Index of the node the dry run starts at. @default 0 (upstream: random) */
  readonly offset?: number;
  /** Candidates to find before stopping. @default {@link calculateNumCandidates} of the nodes */
  readonly numCandidates?: number;
}

/** The `Preempted` event recorded on each victim (executor.go PreemptPod). */
export interface PreemptedEvent {
  readonly pod: TimedPod;
  readonly type: 'Normal';
  readonly reason: 'Preempted';
  readonly action: 'Preempting';
  /** `Preempted by pod <uid> on node <node>`; the pod's namespace/name stands for its UID. */
  readonly message: string;
}

export interface PreemptionDecision {
  /** Where the preemptor is nominated (status.nominatedNodeName); null when preemption does not help. */
  readonly nominatedNodeName: string | null;
  readonly victims: readonly TimedPod[];
  readonly numPdbViolations: number;
  /** `Preempting` when victims were chosen; otherwise why not. */
  readonly reason: 'Preempting' | 'NotEligible' | 'NoCandidates';
  /** Upstream status message (prefixed `preemption: ` as the PostFilter does), empty on success. */
  readonly message: string;
  readonly events: readonly PreemptedEvent[];
}

/** Status message for a node where evicting pods cannot help (preemption.go). */
export const preemptionNotHelpfulMessage = 'Preemption is not helpful for scheduling';

/**
 * PodEligibleToPreemptOthers: false for preemptionPolicy Never, and while a lower-priority pod on
 * the pod's nominated node is still terminating from an earlier preemption (unless that node has
 * become unresolvable, when the pod may preempt elsewhere).
 */
export function podEligibleToPreemptOthers(
  pod: PodView,
  nominated?: NominatedNodeState,
): { readonly eligible: boolean; readonly message: string } {
  if (pod.preemptionPolicy === 'Never') return { eligible: false, message: 'not eligible due to preemptionPolicy=Never.' };
  if (nominated && !nominated.unresolvable) {
    const prio = podPriority(pod);
    for (const p of nominated.pods) {
      if ((p.priority ?? 0) < prio && p.terminatingByPreemption) {
        return { eligible: false, message: 'not eligible due to a terminating pod on the nominated node.' };
      }
    }
  }
  return { eligible: true, message: '' };
}

/** calculateNumCandidates: max(10 % of the nodes, 100), at most the number of nodes. */
export function calculateNumCandidates(
  numNodes: number,
  percent: number = preemptionDefaults.minCandidateNodesPercent,
  absolute: number = preemptionDefaults.minCandidateNodesAbsolute,
): number {
  return Math.min(numNodes, Math.max(Math.floor((numNodes * percent) / 100), absolute));
}

/**
 * DryRunPreemption: victims on each node, from `offset` round the list, until at least one
 * candidate without PDB violations is found and there are `numCandidates` in all. Candidates
 * without PDB violations come first; each kind keeps at most `numCandidates`. Also returns each
 * non-candidate's failure reasons.
 */
export function dryRunPreemption(
  preemptor: PodView,
  nodes: readonly PreemptionNode[],
  fits: PreemptionFits,
  offset = 0,
  numCandidates = calculateNumCandidates(nodes.length),
): { candidates: PreemptionCandidate[]; reasonsPerNode: (readonly string[])[] } {
  const nonViolating: PreemptionCandidate[] = [];
  const violating: PreemptionCandidate[] = [];
  const reasonsPerNode: (readonly string[])[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[(offset + i) % nodes.length]!;
    const r = selectVictimsOnNode(preemptor, n.node, n.pods, fits);
    if (!r.ok) {
      reasonsPerNode.push(r.reasons);
      continue;
    }
    const c = { nodeName: n.node.name, victims: r.victims, numPdbViolations: r.numPdbViolations };
    // Each list holds at most numCandidates; later finds are dropped (preemption.go candidateList).
    const list = r.numPdbViolations === 0 ? nonViolating : violating;
    if (list.length < numCandidates) list.push(c);
    if (nonViolating.length > 0 && nonViolating.length + violating.length >= numCandidates) break;
  }
  return { candidates: [...nonViolating, ...violating], reasonsPerNode };
}

/**
 * Preempt: eligibility, dry run on the resolvable nodes, then {@link pickOneNodeForPreemption}.
 * Only pods of strictly lower priority are ever victims.
 */
export function preempt(input: PreemptInput): PreemptionDecision {
  const { preemptor } = input;
  const none = (reason: 'NotEligible' | 'NoCandidates', message: string): PreemptionDecision => ({
    nominatedNodeName: null,
    victims: [],
    numPdbViolations: 0,
    reason,
    message: `preemption: ${message}`,
    events: [],
  });
  const eligibility = podEligibleToPreemptOthers(preemptor, input.nominated);
  if (!eligibility.eligible) return none('NotEligible', eligibility.message);

  const potential = input.nodes.filter((n) => !n.unresolvable);
  const unresolvable = input.nodes.length - potential.length;
  const { candidates, reasonsPerNode } = dryRunPreemption(
    preemptor,
    potential,
    input.fits,
    input.offset ?? 0,
    input.numCandidates ?? calculateNumCandidates(potential.length),
  );
  const best = pickOneNodeForPreemption(candidates);
  if (best === null) {
    for (let i = 0; i < unresolvable; i++) reasonsPerNode.push([preemptionNotHelpfulMessage]);
    return none('NoCandidates', formatFitError(input.nodes.length, reasonsPerNode));
  }
  const by = `${preemptor.namespace}/${preemptor.name}`;
  return {
    nominatedNodeName: best.nodeName,
    victims: best.victims,
    numPdbViolations: best.numPdbViolations,
    reason: 'Preempting',
    message: '',
    events: best.victims.map((pod) => ({
      pod,
      type: 'Normal',
      reason: 'Preempted',
      action: 'Preempting',
      message: `Preempted by pod ${by} on node ${best.nodeName}`,
    })),
  };
}
