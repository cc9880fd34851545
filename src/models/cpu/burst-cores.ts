/**
 * Burst rate per container (docs/models/cpu.md#the-per-step-model-used-in-cluster-runs step 2): the cores a container gets while it runs all its
 * threads, i.e. the water-filled rate with cap min(P_i, S_i) while the others keep their mean
 * demand. This is the rate at which a quota is burnt during a burst, not the average.
 */
import type { NodeCpuScratch, NodeCpuState } from './node-cpu-state.js';
import { meanContainerCap, splitWhatIf } from './split-node-cpu.js';

/**
 * Writes `state.burstCores` for containers 0..containerCount-1. Call after {@link splitNodeCpu}
 * in the same step. One extra split per container whose burst cap exceeds its mean cap, so
 * O(containers²) per node; allocation-free. Containers without a limit are skipped unless
 * `allContainers` is set (their burst rate matters only for throttling and latency).
 */
export function computeBurstCores(state: NodeCpuState, scratch: NodeCpuScratch, allContainers = false): void {
  const top = meanCapTotals(state, scratch);
  for (let i = 0; i < state.containerCount; i++) {
    const burstCap = Math.min(state.parallelismCap[i]!, state.cpusetCores[i]!);
    const podLimit = state.podLimitCores[state.podIndex[i]!]!;
    const meanCap = Math.min(state.demandCores[i]!, state.limitCores[i]!, podLimit);
    const limited = state.limitCores[i]! < Infinity || podLimit < Infinity;
    if (burstCap <= meanCap || (!allContainers && !limited)) {
      state.burstCores[i] = state.received[i]!;
      continue;
    }
    state.burstCores[i] = fitsWhole(state, scratch, top, i, burstCap) ? burstCap : splitWhatIf(state, scratch, i, burstCap);
  }
}

/**
 * Each container's and pod's cap in the full split (the others' side of every what-if), into the
 * scratch; returns the pods' total. Same caps as splitNodeCpu: {@link meanContainerCap}, and a
 * pod's sum within its limit and the node.
 */
function meanCapTotals(s: NodeCpuState, x: NodeCpuScratch): number {
  x.fitPodSum.fill(0, 0, s.podCount);
  for (let i = 0; i < s.containerCount; i++) {
    const cap = meanContainerCap(s, i);
    x.fitCap[i] = cap > 0 ? cap : 0;
    x.fitPodSum[s.podIndex[i]!]! += x.fitCap[i]!;
  }
  let top = 0;
  for (let p = 0; p < s.podCount; p++) {
    x.fitPodCap[p] = Math.min(x.fitPodSum[p]!, s.podLimitCores[p]!, s.nodeCores);
    top += x.fitPodCap[p]!;
  }
  return top;
}

/** Relative room a fit must leave, far above the rounding of the sums compared. */
const fitMargin = 1e-9;

/**
 * Whether container i bursting to `burstCap` (its pod's limit lifted, as in the what-if) leaves
 * every cap on the node met: all pods' caps and the system's demand within the node's cores with
 * room to spare. Then no level of the hierarchy shares anything (water-filling gives every entity
 * its cap when the caps fit) and the what-if's answer is `burstCap` itself, computed exactly
 * instead of up to the rounding of the water-filling's running sums.
 */
function fitsWhole(s: NodeCpuState, x: NodeCpuScratch, top: number, i: number, burstCap: number): boolean {
  if (!(burstCap > 0) || !(s.shares[i]! > 0)) return false;
  const p = s.podIndex[i]!;
  // Zero weights get nothing in water-filling, whatever their cap.
  if (!(s.podShares[p]! > 0 && s.kubepodsShares > 0 && s.burstableShares > 0 && s.besteffortShares > 0)) return false;
  const podSum = x.fitPodSum[p]! - x.fitCap[i]! + burstCap;
  const total = top - x.fitPodCap[p]! + Math.min(podSum, s.nodeCores) + Math.max(0, s.systemDemandCores);
  return total <= s.nodeCores * (1 - fitMargin);
}
