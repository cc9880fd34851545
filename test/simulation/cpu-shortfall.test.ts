import { describe, expect, test } from 'vitest';
import { runSimulation } from '../../src/simulation/run-simulation.js';
import { idleWorkload, scenarioFrom } from './helpers.js';

describe('peak CPU shortfall', () => {
  test('a demand met in full on every node shows no shortfall, not the rounding of two sums', () => {
    // Ten 8-core nodes and 60 pods of 12 workloads, each workload about 0.15 core (15 req/s x
    // 10 ms) over its 5 pods of 200m requests and no limit: the whole cluster asks for under 2
    // cores of 80, so every container receives all it asks for, and demand minus received is
    // zero in exact arithmetic. Each series point sums hundreds of container-steps of both.
    const workloads = Array.from({ length: 12 }, (_, i) =>
      idleWorkload(`w${i}`, 5, '200m', '256Mi', { load: { type: 'constant', rps: 15 + i / 7, noise: 'none' }, cpuPerRequest: '10ms' }),
    );
    const scenario = scenarioFrom({
      duration: '2h',
      seed: 5,
      cluster: {
        provider: 'gke',
        nodeAutoscaler: { type: 'cluster-autoscaler' },
        nodePools: [{ name: 'main', machineType: 'e2-standard-8', minNodes: 10, maxNodes: 10, initialNodes: 10 }],
      },
      workloads,
    });
    const result = runSimulation(scenario, scenario.seed);
    for (const w of Object.values(result.workloads)) {
      expect(w.cpu.meanReceivedCores).toBeGreaterThan(0.1);
      expect(w.peakCpuShortfallCores).toBe(0);
    }
  });
});
