// A node's CPU state starts with room for a few pods and grows as pods arrive (node-cpu-state.ts).
// Growing must keep every value: a run whose states start with room for one pod, and so grow on
// nearly every node, must print what a run with room for every pod from the start prints.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { runSimulation } from '../../src/simulation/run-simulation.js';
import { createNodeCpuState, ensureNodeCpuRoom } from '../../src/models/cpu/node-cpu-state.js';
import { churningAutoscaler, scenarioFrom } from './helpers.js';

describe('growing a node CPU state', () => {
  test('keeps every slot and gives new slots their empty values', () => {
    const s = createNodeCpuState(2, 1, 4);
    s.demandCores.set([0.5, 1.5]);
    s.limitCores.set([2, 3]);
    s.podIndex.set([0, 0]);
    s.podLimitCores[0] = 5;
    s.podQos[0] = 2;
    const before = s.demandCores;
    ensureNodeCpuRoom(s, 3, 1);
    expect(s.maxContainers).toBe(4); // at least doubled
    expect(s.maxPods).toBe(1); // pods had room
    expect(s.demandCores).not.toBe(before);
    expect(Array.from(s.demandCores)).toEqual([0.5, 1.5, 0, 0]);
    expect(Array.from(s.limitCores)).toEqual([2, 3, Infinity, Infinity]);
    expect(Array.from(s.cpusetCores)).toEqual([4, 4, 4, 4]); // a new slot runs on the node's cores
    expect(Array.from(s.podIndex)).toEqual([0, 0, 0, 0]);
    ensureNodeCpuRoom(s, 4, 5);
    expect(s.maxPods).toBe(5);
    expect(Array.from(s.podLimitCores)).toEqual([5, Infinity, Infinity, Infinity, Infinity]);
    expect(Array.from(s.podQos)).toEqual([2, 0, 0, 0, 0]);
    // Room enough: nothing moves.
    const arrays = s.received;
    ensureNodeCpuRoom(s, 4, 5);
    expect(s.received).toBe(arrays);
  });

  // Small pods, at least six running on at most five nodes: some node holds two pods beside the
  // DaemonSets, past room for one. Poisson and noise-free loads (whose nodes the quiet replay
  // records, and must drop when a state grows), sidecars, limits and scale-downs.
  const workloadArb = fc.record({
    replicas: fc.integer({ min: 3, max: 6 }),
    cpuMilli: fc.integer({ min: 50, max: 400 }),
    limited: fc.boolean(),
    rps: fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 3 }),
    noise: fc.constantFrom('none', 'poisson'),
    sidecar: fc.boolean(),
  });
  const clusterArb = fc.record({
    autoscaler: fc.constantFrom('cluster-autoscaler' as const, 'karpenter' as const),
    workloads: fc.array(workloadArb, { minLength: 2, maxLength: 4 }),
    seed: fc.integer({ min: 1, max: 1000 }),
  });

  test('random clusters print the same bytes from room for one pod as from room for all', () => {
    fc.assert(
      fc.property(clusterArb, (c) => {
        const scenario = scenarioFrom({
          duration: '30m',
          seed: c.seed,
          simulation: { step: '5s', sampleInterval: '1m' },
          cluster: {
            provider: 'eks',
            ...churningAutoscaler(c.autoscaler, ['m5.xlarge', 'm5.large'], 5),
            daemonSets: [{ name: 'agent', resources: { requests: { cpu: '100m', memory: '100Mi' } } }],
          },
          workloads: c.workloads.map((w, i) => {
            const requests = { cpu: `${w.cpuMilli}m`, memory: '128Mi' };
            const limits = w.limited ? { limits: { cpu: `${2 * w.cpuMilli}m` } } : {};
            const load = { type: 'step', steps: w.rps.map((rps, k) => ({ at: `${k * 10}m`, rps })), noise: w.noise };
            const hpa = { minReplicas: 1, maxReplicas: w.replicas, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }] };
            const app = { resources: { requests, ...limits }, cpuPerRequest: '5ms', workerThreads: 4 };
            return w.sidecar
              ? {
                  name: `w${i}`,
                  replicas: w.replicas,
                  load,
                  hpa,
                  containers: [
                    { name: 'app', ...app },
                    { name: 'proxy', resources: { requests: { cpu: '20m', memory: '32Mi' } }, cpuPerRequest: '0.5ms', workerThreads: 2 },
                  ],
                }
              : { name: `w${i}`, replicas: w.replicas, load, hpa, ...app };
          }),
        });
        const grown = JSON.stringify(runSimulation(scenario, scenario.seed, { initialCpuRoomPods: 1 }));
        const roomy = JSON.stringify(runSimulation(scenario, scenario.seed, { initialCpuRoomPods: 256 }));
        expect(grown).toBe(roomy);
      }),
      { numRuns: 20, seed: 20261206 },
    );
  });
});
