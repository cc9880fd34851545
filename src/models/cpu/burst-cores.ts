/**
 * Burst rate per container (docs/models/cpu.md#the-per-step-model-used-in-cluster-runs step 2): the cores a container gets while it runs all its
 * threads, i.e. the water-filled rate with cap min(P_i, S_i) while the others keep their mean
 * demand. This is the rate at which a quota is burnt during a burst, not the average.
 */
import type { NodeCpuScratch, NodeCpuState } from './node-cpu-state.js';
import { splitWhatIf } from './split-node-cpu.js';

/**
 * Writes `state.burstCores` for containers 0..containerCount-1. Call after {@link splitNodeCpu}
 * of the same state with the same scratch, whose mean caps (`fitCap` and friends) the what-ifs and
 * the fit test reuse. One extra split per container whose burst cap exceeds its mean cap, so
 * O(containers²) per node; allocation-free. Containers without a limit are skipped unless
 * `allContainers` is set (their burst rate matters only for throttling and latency).
 */
export function computeBurstCores(state: NodeCpuState, scratch: NodeCpuScratch, allContainers = false): void {
  const top = scratch.fitTop[0]!;
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
