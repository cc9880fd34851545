/**
 * Burst rate per container (docs/models/cpu.md#the-per-step-model-used-in-cluster-runs step 2): the cores a container gets while it runs all its
 * threads, i.e. the water-filled rate with cap min(P_i, S_i) while the others keep their mean
 * demand. This is the rate at which a quota is burnt during a burst, not the average.
 */
import type { NodeCpuScratch, NodeCpuState } from './node-cpu-state.js';
import { splitWhatIf } from './split-node-cpu.js';

/**
 * Writes `state.burstCores` for containers 0..containerCount-1. Call after {@link splitNodeCpu}
 * in the same step. One extra split per container whose burst cap exceeds its mean cap, so
 * O(containers²) per node; allocation-free. Containers without a limit are skipped unless
 * `allContainers` is set (their burst rate matters only for throttling and latency).
 */
export function computeBurstCores(state: NodeCpuState, scratch: NodeCpuScratch, allContainers = false): void {
  for (let i = 0; i < state.containerCount; i++) {
    const burstCap = Math.min(state.parallelismCap[i]!, state.cpusetCores[i]!);
    const podLimit = state.podLimitCores[state.podIndex[i]!]!;
    const meanCap = Math.min(state.demandCores[i]!, state.limitCores[i]!, podLimit);
    const limited = state.limitCores[i]! < Infinity || podLimit < Infinity;
    if (burstCap <= meanCap || (!allContainers && !limited)) {
      state.burstCores[i] = state.received[i]!;
      continue;
    }
    state.burstCores[i] = splitWhatIf(state, scratch, i, burstCap);
  }
}
