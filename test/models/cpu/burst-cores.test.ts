import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { computeBurstCores } from '../../../src/models/cpu/burst-cores.js';
import { splitNodeCpu, splitWhatIf } from '../../../src/models/cpu/split-node-cpu.js';
import { buildNode, type BuildPod } from './build-node.js';
import { arbitraryPod } from './arbitrary-node.js';

describe('burst rate of a container', () => {
  test('room for the burst: the container runs all its threads (8 cores, 1 + 1 used, 4 threads -> 4)', () => {
    const { state, scratch } = buildNode({
      cores: 8,
      pods: [{ containers: [{ shares: 512, demand: 1, threads: 4, limit: 2 }] }, { containers: [{ shares: 512, demand: 1 }] }],
    });
    splitNodeCpu(state, scratch);
    computeBurstCores(state, scratch, true);
    expect(state.burstCores[0]).toBe(4);
  });

  test('no room: equal weights split the 4 cores, so the burst gets half (2 of 4 threads)', () => {
    // Both pods Burstable with 512 shares: while the first runs 4 threads the second keeps its 3
    // cores of demand; water-filling gives each 2 (neither cap is below 4 × 512 / 1024).
    const { state, scratch } = buildNode({
      cores: 4,
      pods: [{ containers: [{ shares: 512, demand: 1, threads: 4, limit: 2 }] }, { containers: [{ shares: 512, demand: 3 }] }],
    });
    splitNodeCpu(state, scratch);
    computeBurstCores(state, scratch, true);
    expect(state.burstCores[0]).toBeCloseTo(2, 12);
  });
});

describe('the fit shortcut gives the what-if split', () => {
  // Random nodes, some with room for every burst and some without: each container's burst rate
  // must equal the full what-if split's (to rounding: the split's running sums may miss the cap
  // by an ulp where the shortcut returns the cap itself).
  test('over random nodes', () => {
    let shortcut = 0;
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 32 }), fc.array(arbitraryPod, { minLength: 1, maxLength: 8 }), fc.double({ min: 0, max: 1, noNaN: true }), (cores, pods, systemDemand) => {
        const { state, scratch } = buildNode({ cores, systemDemand, pods: pods as BuildPod[] });
        splitNodeCpu(state, scratch);
        computeBurstCores(state, scratch, true);
        for (let i = 0; i < state.containerCount; i++) {
          const burstCap = Math.min(state.parallelismCap[i]!, state.cpusetCores[i]!);
          const podLimit = state.podLimitCores[state.podIndex[i]!]!;
          if (burstCap <= Math.min(state.demandCores[i]!, state.limitCores[i]!, podLimit)) continue;
          const got = state.burstCores[i]!;
          const full = splitWhatIf(state, scratch, i, burstCap);
          if (got === burstCap) shortcut++;
          if (!(Math.abs(got - full) <= 1e-12 * Math.max(1, burstCap))) return false;
        }
        return true;
      }),
      { seed: 11, numRuns: 400 },
    );
    // The generator reaches both sides of the shortcut.
    expect(shortcut).toBeGreaterThan(50);
  });
});
