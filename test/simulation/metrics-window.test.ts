import { describe, expect, test } from 'vitest';
import { Simulation } from '../../src/simulation/simulation.js';
import { buildInitialCluster } from '../../src/simulation/initial-cluster.js';
import { MetricsPipeline } from '../../src/simulation/metrics-pipeline.js';
import { loadScenario } from '../../src/scenario/load-scenario.js';
import { idleWorkload, scenarioFrom } from './helpers.js';

const spec = (simulation: Record<string, unknown>) => ({
  duration: '10m',
  simulation: { step: '5s', ...simulation },
  cluster: { provider: 'gke', nodeAutoscaler: { type: 'none' }, nodePools: [{ name: 'p', machineType: 'e2-standard-4', minNodes: 1, maxNodes: 1 }] },
  workloads: [idleWorkload('api', 1, '500m', '128Mi')],
});

/** CPU seconds of the pod at t: 0.1 core until 30 s, then 1 core. */
const cpuSecondsAt = (tS: number) => (tS <= 30 ? 0.1 * tS : 3 + (tS - 30));

describe('metrics-server sample window', () => {
  test.each([
    // Current metrics-server: the rate between the scrapes at 0 and 60 s: (33 - 0) / 60 = 0.55 core.
    { name: 'default: the interval between two scrapes', simulation: { metricResolution: '60s' }, windowMs: 60_000, milli: 550 },
    // Summary-API era: only the last 15 s before the 60 s scrape: (33 - 18) / 15 = 1 core.
    { name: 'metricsWindow 15s with a 60s resolution: the last 15 s only', simulation: { metricResolution: '60s', metricsWindow: '15s' }, windowMs: 15_000, milli: 1000 },
  ])('$name', ({ simulation, windowMs, milli }) => {
    const sim = new Simulation(scenarioFrom(spec(simulation)), 1);
    buildInitialCluster(sim);
    const metrics = new MetricsPipeline(sim);
    metrics.start();
    const p = 0;
    for (let t = 0; t <= 60; t++) {
      sim.state.podCpuSeconds[p] = cpuSecondsAt(t);
      sim.env.run(t * 1000);
    }
    const sample = metrics.sample(p, sim.state.podCreatedMs[p]!);
    expect(sample).not.toBeNull();
    expect(sample!.timestampMs).toBe(60_000);
    expect(sample!.windowMs).toBe(windowMs);
    expect(sample!.valueMilli).toBeCloseTo(milli, 9);
  });

  test('a window longer than the resolution is a problem at its path', () => {
    const doc = { apiVersion: 'kube-whatif/v1', kind: 'Scenario', metadata: { name: 't' }, spec: spec({ metricResolution: '15s', metricsWindow: '30s' }) };
    const loaded = loadScenario('t.yaml', { readText: () => JSON.stringify(doc) });
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.problems.map((q) => q.path)).toContain('spec.simulation.metricsWindow');
  });
});
