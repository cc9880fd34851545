/**
 * Burst interference in the step loop (docs/models/latency.md#burst-interference): a small latency-sensitive service shares a
 * 2-vCPU node with a neighbour whose mean is moderate but whose requests fan out over 4 threads.
 * Its average CPU does not change, its p99 grows several-fold; a neighbour that never bursts
 * beyond its share leaves it exactly as it is alone.
 */
import { describe, expect, test } from 'vitest';
import { runSimulation } from '../../src/simulation/run-simulation.js';
import { idleWorkload, oneNodeScenario } from './helpers.js';

function run(neighbour: Record<string, unknown> | null) {
  const small = idleWorkload('small', 1, '100m', '128Mi', {
    load: { type: 'constant', rps: 20, noise: 'poisson' },
    cpuPerRequest: '5ms',
    workerThreads: 1,
  });
  const workloads = neighbour ? [small, idleWorkload('noisy', 1, '1500m', '256Mi', neighbour)] : [small];
  const scenario = oneNodeScenario(workloads);
  return runSimulation(scenario, scenario.seed).workloads['small']!;
}

describe('burst interference in the step loop', () => {
  const alone = run(null);

  test('a 4-thread bursty neighbour at 0.8 core raises the small service p99 several-fold, not its CPU', () => {
    // 2.5 req/s x 320 ms = 0.8 core mean, each request on 4 threads: bursts take both cores about
    // 0.8/1.9 = 42 % of the time (burst-interference.test.ts derives the rates). Alone the small
    // service is M/M/1 at 1 core, p99 = ln(100)/(200 − 20) = 25.6 ms; during a burst it gets
    // 2·102/1638 = 0.125 core, 5 ms requests take 40 ms and queue (ρ = 0.8) until the burst ends.
    const noisy = run({ load: { type: 'constant', rps: 2.5, noise: 'poisson' }, cpuPerRequest: '320ms', fanout: 4, workerThreads: 4 });
    expect(alone.latency.p99Ms!).toBeGreaterThan(15);
    expect(alone.latency.p99Ms!).toBeLessThan(40);
    expect(noisy.latency.p99Ms!).toBeGreaterThan(3 * alone.latency.p99Ms!);
    expect(noisy.cpu.meanReceivedCores).toBeCloseTo(alone.cpu.meanReceivedCores, 2);
  });

  test('a neighbour that runs one thread never takes the small service s core: identical latency', () => {
    // 40 req/s x 20 ms on 1 thread: 0.8 core mean, at most 1 core; 1 + 1 ≤ 2 cores.
    const steady = run({ load: { type: 'constant', rps: 40, noise: 'poisson' }, cpuPerRequest: '20ms', workerThreads: 1 });
    expect(steady.latency).toEqual(alone.latency);
  });
});
