import { describe, expect, test } from 'vitest';
import { Simulation } from '../../src/simulation/simulation.js';
import { buildInitialCluster } from '../../src/simulation/initial-cluster.js';
import { MetricsPipeline } from '../../src/simulation/metrics-pipeline.js';
import { PodObserver } from '../../src/simulation/hpa-pod-observer.js';
import { PodPhase } from '../../src/simulation/pod-phase.js';
import { idleWorkload, scenarioFrom } from './helpers.js';

const scenario = (workload: Record<string, unknown>) =>
  scenarioFrom({
    duration: '30m',
    simulation: { step: '5s', metricResolution: '15s' },
    cluster: { provider: 'gke', nodeAutoscaler: { type: 'none' }, nodePools: [{ name: 'p', machineType: 'e2-standard-8', minNodes: 2, maxNodes: 2 }] },
    workloads: [workload],
  });

/**
 * What the HPA's pod lister reports for pod slot p, written out from the cluster state and the
 * metrics pipeline's own sample (a fresh object per call), as the controller built it before the
 * observer reused its objects.
 */
function expected(sim: Simulation, metrics: MetricsPipeline, p: number): unknown {
  const s = sim.state;
  const w = sim.workloads[0]!;
  const phase = s.podPhase[p]!;
  const started = phase === PodPhase.running || phase === PodPhase.ready || phase === PodPhase.terminating;
  const cpu = metrics.sample(p, s.podCreatedMs[p]!);
  return {
    name: s.podName[p],
    phase: started ? 'Running' : 'Pending',
    ready: started ? phase === PodPhase.ready || (phase === PodPhase.terminating && s.podReadyMs[p]! >= 0) : phase === PodPhase.starting ? false : null,
    deleting: phase === PodPhase.terminating,
    startTimeMs: started ? s.podStartMs[p] : null,
    readyTransitionTimeMs: s.podReadyMs[p]! >= 0 ? s.podReadyMs[p] : started ? s.podStartMs[p] : null,
    requestsMilli: { cpu: w.hpaCpuRequestMilli, memory: w.hpaMemoryRequestBytes * 1000 },
    metrics: {
      cpu,
      memory: cpu ? { valueMilli: w.config.memoryUsageBytes * 1000, timestampMs: cpu.timestampMs, windowMs: cpu.windowMs } : null,
      pods: {},
    },
  };
}

describe('the HPA pod observer', () => {
  test('reports every pod as its state and samples say at each sync, through scale-ups, scale-downs and reused slots', () => {
    const sim = new Simulation(scenario(idleWorkload('api', 2, '500m', '256Mi', { memoryUsage: '100Mi' })), 1);
    buildInitialCluster(sim);
    const metrics = new MetricsPipeline(sim);
    metrics.start();
    const observer = new PodObserver(sim, metrics, sim.workloads[0]!);
    const w = sim.workloads[0]!;
    // Up to 6, down to 1 (the slots go free), up to 5 again (new pods in old slots, no sample yet).
    const plan = new Map([
      [60, 6],
      [400, 1],
      [700, 5],
    ]);
    let withoutSample = 0;
    let withSample = 0;
    const seen = new Set<number>();
    for (let t = 0; t <= 1200; t += 5) {
      const target = plan.get(t);
      if (target !== undefined) sim.replicaSets.scale(w, target);
      sim.env.run(t * 1000);
      // The CPU counters move, so samples differ from one scrape to the next.
      for (const p of sim.state.workloadPods[w.index]!) sim.state.podCpuSeconds[p]! += 0.1 + 0.01 * p;
      const observed = observer.observe();
      const pods = sim.state.workloadPods[w.index]!;
      expect(observed.map((o) => structuredClone(o))).toEqual(pods.map((p) => expected(sim, metrics, p)));
      for (const [i, o] of observed.entries()) {
        if (o.metrics.cpu === null) withoutSample++;
        else withSample++;
        seen.add(pods[i]!);
      }
    }
    // The run did go through pods without and with samples, and reused slots.
    expect(withoutSample).toBeGreaterThan(10);
    expect(withSample).toBeGreaterThan(100);
    // Ten pods are created (2, then 4 more, then 4 more after the scale-down) in fewer slots.
    expect(seen.size).toBeLessThan(10);
  });
});
