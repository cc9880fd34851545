/**
 * Conservation and bounds over random small clusters (fast-check), with an invariant checker
 * attached to every Simulation through the debug hook:
 * - no pod is ever bound to a node without room for its requests (cpu, memory, pod slots);
 * - HPA replicas stay within [minReplicas, maxReplicas];
 * - CPU handed out on a node in a step never exceeds its cores;
 * - cost = Σ node-hours x hourly price, with node lifetimes recorded independently here;
 * - attributed + DaemonSets + idle = total cost.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { Periodic, Priority } from '../../src/engine/index.js';
import { NodePhase, PodPhase } from '../../src/simulation/pod-phase.js';
import type { Simulation } from '../../src/simulation/simulation.js';
import { idleWorkload, runCapturing, scenarioFrom } from './helpers.js';

interface Checker {
  readonly violations: string[];
  readonly nodeCostUsd: () => number;
}

function attachChecker(sim: Simulation): Checker {
  const s = sim.state;
  const violations: string[] = [];
  const lifetimes = new Map<number, { start: number; end: number | null; price: number }>();
  let serial = 0;
  const nodeKey: number[] = [];
  sim.observers.push({
    nodeAdded: (n) => {
      nodeKey[n] = serial;
      lifetimes.set(serial++, { start: sim.env.now, end: null, price: s.nodePriceHourly[n]! });
    },
    nodeRemoved: (n) => void (lifetimes.get(nodeKey[n]!)!.end = sim.env.now),
    podBound: (p, n) => {
      const where = `${s.podName[p]} on ${s.nodeName[n]} at ${sim.env.now}`;
      if (s.nodePhase[n] !== NodePhase.ready) violations.push(`bound to a node that is not Ready: ${where}`);
      if (sim.nodes.cordoned.has(n)) violations.push(`bound to a cordoned node: ${where}`);
      if (s.nodeReqCpu[n]! > s.nodeAllocCpu[n]!) violations.push(`cpu requests ${s.nodeReqCpu[n]} > allocatable ${s.nodeAllocCpu[n]}: ${where}`);
      if (s.nodeReqMem[n]! > s.nodeAllocMem[n]!) violations.push(`memory requests > allocatable: ${where}`);
      if (s.nodePodCount[n]! > s.nodeAllocPods[n]!) violations.push(`pods > allocatable pods: ${where}`);
    },
  });
  const lastCpu = new Map<number, { name: string; cpuSeconds: number }>();
  const stepSeconds = sim.scenario.stepMs / 1000;
  new Periodic(sim.env, 'invariants', sim.scenario.stepMs, (now) => {
    for (const w of sim.workloads) {
      const hpa = w.config.hpa;
      if (hpa && (w.desiredReplicas < hpa.minReplicas || w.desiredReplicas > hpa.maxReplicas)) {
        violations.push(`${w.config.name} replicas ${w.desiredReplicas} outside [${hpa.minReplicas}, ${hpa.maxReplicas}] at ${now}`);
      }
    }
    const handedOut = new Map<number, number>();
    for (let p = 0; p < s.podHighWater; p++) {
      if (s.podPhase[p] === PodPhase.free || s.podNode[p]! < 0) continue;
      const prev = lastCpu.get(p);
      const before = prev && prev.name === s.podName[p] ? prev.cpuSeconds : 0;
      const n = s.podNode[p]!;
      handedOut.set(n, (handedOut.get(n) ?? 0) + (s.podCpuSeconds[p]! - before) / stepSeconds);
      lastCpu.set(p, { name: s.podName[p]!, cpuSeconds: s.podCpuSeconds[p]! });
    }
    for (const [n, cores] of handedOut) {
      if (cores > s.nodeCores[n]! * (1 + 1e-9)) violations.push(`${cores} cores handed out on ${s.nodeName[n]} (${s.nodeCores[n]} cores) at ${now}`);
    }
  }, Priority.late).start(sim.scenario.stepMs);
  return {
    violations,
    nodeCostUsd: () => {
      let usd = 0;
      for (const l of lifetimes.values()) usd += (((l.end ?? sim.env.now) - l.start) / 3_600_000) * l.price;
      return usd;
    },
  };
}

const workloadArb = fc.record({
  replicas: fc.integer({ min: 1, max: 6 }),
  cpuMilli: fc.integer({ min: 100, max: 1500 }),
  memMi: fc.integer({ min: 64, max: 2048 }),
  rps: fc.integer({ min: 0, max: 300 }),
  hpaMax: fc.option(fc.integer({ min: 1, max: 8 }), { nil: null }),
  target: fc.integer({ min: 40, max: 90 }),
  tolerates: fc.boolean(),
});

const scenarioArb = fc.record({
  autoscaler: fc.constantFrom('cluster-autoscaler' as const, 'karpenter' as const),
  delaySeconds: fc.integer({ min: 20, max: 90 }),
  taintedPool: fc.boolean(),
  daemonCpuMilli: fc.integer({ min: 0, max: 300 }),
  workloads: fc.array(workloadArb, { minLength: 1, maxLength: 3 }),
  seed: fc.integer({ min: 1, max: 1000 }),
});

type ScenarioCase = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function buildScenario(c: ScenarioCase) {
  const karpenter = c.autoscaler === 'karpenter';
  const pool = (name: string, extra: Record<string, unknown>) =>
    karpenter
      ? { name, instanceTypes: ['m5.xlarge', 'm5.large', 'c5.xlarge'], maxNodes: 6, provisioningDelay: `${c.delaySeconds}s`, disruption: { consolidateAfter: '30s', budgets: [{ nodes: '50%' }] }, ...extra }
      : { name, machineType: 'm5.xlarge', minNodes: 1, maxNodes: 6, initialNodes: 1, provisioningDelay: `${c.delaySeconds}s`, ...extra };
  const taint = { key: 'dedicated', value: 'special', effect: 'NoSchedule' };
  const pools = [pool('main', {}), ...(c.taintedPool ? [pool('special', { taints: [taint], ...(karpenter ? {} : { minNodes: 0, initialNodes: 0 }) })] : [])];
  return scenarioFrom({
    duration: '5m',
    seed: c.seed,
    simulation: { step: '5s', sampleInterval: '30s', metricResolution: '15s' },
    cluster: {
      provider: 'eks',
      nodeAutoscaler: { type: c.autoscaler, scaleDownUnneededTime: '1m', scaleDownDelayAfterAdd: '1m' },
      nodePools: pools,
      daemonSets: c.daemonCpuMilli > 0 ? [{ name: 'agent', resources: { requests: { cpu: `${c.daemonCpuMilli}m`, memory: '100Mi' } } }] : [],
    },
    workloads: c.workloads.map((w, i) =>
      idleWorkload(`w${i}`, w.replicas, `${w.cpuMilli}m`, `${w.memMi}Mi`, {
        load: { type: 'constant', rps: w.rps, noise: 'poisson' },
        workerThreads: 4,
        ...(w.tolerates ? { tolerations: [{ key: 'dedicated', operator: 'Exists' }] } : {}),
        ...(w.hpaMax !== null
          ? { hpa: { minReplicas: 1, maxReplicas: Math.max(w.hpaMax, 1), metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: w.target } } }] } }
          : {}),
        ...(w.hpaMax !== null ? { replicas: Math.min(w.replicas, Math.max(w.hpaMax, 1)) } : {}),
      }),
    ),
  });
}

describe('conservation over random small clusters', () => {
  test('placement, replica bounds, CPU, node-hours x price and attribution hold at every step', () => {
    fc.assert(
      fc.property(scenarioArb, (c) => {
        let checker: Checker | undefined;
        const run = runCapturing(buildScenario(c), (sim) => (checker = attachChecker(sim)));
        expect(checker!.violations).toEqual([]);
        const cost = run.result.cost.totalUsd;
        expect(cost).toBeCloseTo(checker!.nodeCostUsd(), 12);
        const a = run.nodeAutoscaling.costAttribution!;
        const attributed = Object.values(a.byWorkloadUsd).reduce((x, y) => x + y, 0);
        expect(a.totalUsd).toBeCloseTo(cost, 12);
        expect(attributed + a.daemonSetsUsd + a.idleUsd).toBeCloseTo(a.totalUsd, 12);
        expect(a.idleUsd).toBeGreaterThanOrEqual(0);
        for (const usd of Object.values(a.byWorkloadUsd)) expect(usd).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 25, seed: 20240601 },
    );
  });
});
