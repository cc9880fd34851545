/**
 * Quiet nodes are replayed, not recomputed (src/simulation/quiet-node-replay.ts). The replay is
 * only worth having if it is invisible: every result must be the one recomputing gives, to the
 * byte. The oracle is the simulator itself with the replay switched off, on random clusters and on
 * the scenario files, and the unit cases below check the two halves the oracle relies on: a repeat
 * is reported only when every input repeats, and a replay adds exactly what was recorded.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { loadScenario } from '../../src/scenario/load-scenario.js';
import { runSimulation } from '../../src/simulation/run-simulation.js';
import type { Scenario } from '../../src/scenario/types.js';
import { createNodeCpuState } from '../../src/models/cpu/node-cpu-state.js';
import { ClusterState } from '../../src/simulation/cluster-state.js';
import { WorkloadAccumulators } from '../../src/simulation/workload-accumulators.js';
import type { WorkloadRuntime } from '../../src/simulation/workload-runtime.js';
import {
  quietNodeSteps,
  QuietNodeReplay,
  VISIT_DEMAND,
  VISIT_DROPPED,
  VISIT_INT_BUCKETS,
  VISIT_INT_CONTAINER_TYPE,
  VISIT_INT_POD,
  VISIT_INT_SERVED,
  VISIT_INT_SLOT,
  VISIT_INT_STRIDE,
  VISIT_INT_WORKLOAD,
  VISIT_NR_PERIODS,
  VISIT_NR_THROTTLED,
  VISIT_P50,
  VISIT_P90,
  VISIT_P99,
  VISIT_POINTS_MAX,
  VISIT_RECEIVED,
  VISIT_RPS,
  VISIT_SHARE,
  VISIT_SLO_SECONDS,
  VISIT_STRIDE,
  VISIT_THROTTLED_SECONDS,
} from '../../src/simulation/quiet-node-replay.js';
import { PodPhase } from '../../src/simulation/pod-phase.js';
import { RepeatedStep } from '../../src/simulation/repeated-step.js';
import { churningAutoscaler, scenarioFrom } from './helpers.js';

/**
 * The run's result with and without the replay, how many node-steps the first replayed, and how
 * many of its steps it replayed whole (repeated-step.ts).
 */
function twinRuns(scenario: Scenario, seed = scenario.seed): { replayed: string; recomputed: string; replays: number; wholeSteps: number } {
  const before = quietNodeSteps.replayed;
  const wholeBefore = quietNodeSteps.wholeSteps;
  const replayed = JSON.stringify(runSimulation(scenario, seed));
  const replays = quietNodeSteps.replayed - before;
  const wholeSteps = quietNodeSteps.wholeSteps - wholeBefore;
  const recomputed = JSON.stringify(runSimulation(scenario, seed, { replayQuietNodes: false }));
  return { replayed, recomputed, replays, wholeSteps };
}

function fromFile(path: string): { before: Scenario; after: Scenario } {
  const loaded = loadScenario(path, { readText: (f) => readFileSync(f, 'utf8') });
  if (!loaded.ok || !loaded.value.after) throw new Error(`${path} does not load as a change`);
  return { before: loaded.value.before, after: loaded.value.after };
}

describe('replaying quiet nodes gives the bytes recomputing gives', () => {
  test('scenarios/payments-peak-hold.yaml, after (most node-steps quiet), 8 h', () => {
    const { after } = fromFile('scenarios/payments-peak-hold.yaml');
    const twin = twinRuns(after);
    expect(twin.replays).toBeGreaterThan(1000);
    // 8 h of 15 s steps are 1,920; the load steps at 2 h and 6 h and the HPA then moves pods for a
    // while, so most steps, not all, repeat the one before whole.
    expect(twin.wholeSteps).toBeGreaterThan(1500);
    expect(twin.wholeSteps).toBeLessThan(1920);
    expect(twin.replayed).toBe(twin.recomputed);
  });

  test('scenarios/payments-maxreplicas.yaml, before, 6 h: under Poisson noise no node is quiet', () => {
    const { before } = fromFile('scenarios/payments-maxreplicas.yaml');
    const twin = twinRuns({ ...before, durationMs: 6 * 3_600_000 });
    expect(twin.replays).toBe(0);
    expect(twin.wholeSteps).toBe(0);
    expect(twin.replayed).toBe(twin.recomputed);
  });

  // Random small clusters under stepped loads without noise: the HPA and the node autoscaler
  // (Cluster Autoscaler or Karpenter) move pods and nodes between quiet spans, limits throttle, a
  // sidecar sits in the request path, and some steps overload a pod so that its backlog is carried
  // (then it is not quiet until it drains).
  const workloadArb = fc.record({
    replicas: fc.integer({ min: 1, max: 5 }),
    cpuMilli: fc.integer({ min: 100, max: 1200 }),
    limitFactor: fc.option(fc.double({ min: 1, max: 3, noNaN: true }), { nil: null }),
    rps: fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 3 }),
    cpuPerRequestMs: fc.integer({ min: 1, max: 40 }),
    sidecar: fc.boolean(),
    hpaMax: fc.option(fc.integer({ min: 2, max: 8 }), { nil: null }),
  });
  const clusterArb = fc.record({
    autoscaler: fc.constantFrom('cluster-autoscaler' as const, 'karpenter' as const),
    workloads: fc.array(workloadArb, { minLength: 1, maxLength: 4 }),
    daemonCpuMilli: fc.integer({ min: 0, max: 300 }),
    seed: fc.integer({ min: 1, max: 1000 }),
  });

  test('random clusters with stepped loads without noise', () => {
    let replays = 0;
    let wholeSteps = 0;
    fc.assert(
      fc.property(clusterArb, (c) => {
        const scenario = scenarioFrom({
          duration: '40m',
          seed: c.seed,
          simulation: { step: '5s', sampleInterval: '1m' },
          cluster: {
            provider: 'eks',
            ...churningAutoscaler(c.autoscaler, ['m5.xlarge', 'm5.large'], 5),
            daemonSets: c.daemonCpuMilli > 0 ? [{ name: 'agent', resources: { requests: { cpu: `${c.daemonCpuMilli}m`, memory: '100Mi' } } }] : [],
          },
          workloads: c.workloads.map((w, i) => {
            const limits = w.limitFactor === null ? {} : { limits: { cpu: `${Math.round(w.cpuMilli * w.limitFactor)}m` } };
            const load = { type: 'step', steps: w.rps.map((rps, k) => ({ at: `${k * 12}m`, rps })), noise: 'none' };
            const hpa =
              w.hpaMax === null
                ? {}
                : { hpa: { minReplicas: 1, maxReplicas: w.hpaMax, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }] } };
            const replicas = w.hpaMax === null ? w.replicas : Math.min(w.replicas, w.hpaMax);
            if (!w.sidecar) {
              return { name: `w${i}`, replicas, resources: { requests: { cpu: `${w.cpuMilli}m`, memory: '256Mi' }, ...limits }, load, cpuPerRequest: `${w.cpuPerRequestMs}ms`, workerThreads: 4, ...hpa };
            }
            return {
              name: `w${i}`,
              replicas,
              load,
              ...hpa,
              containers: [
                { name: 'app', resources: { requests: { cpu: `${w.cpuMilli}m`, memory: '256Mi' }, ...limits }, cpuPerRequest: `${w.cpuPerRequestMs}ms`, workerThreads: 4 },
                { name: 'proxy', resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '200m' } }, cpuPerRequest: '0.5ms', workerThreads: 2 },
              ],
            };
          }),
        });
        const twin = twinRuns(scenario);
        replays += twin.replays;
        wholeSteps += twin.wholeSteps;
        expect(twin.replayed).toBe(twin.recomputed);
      }),
      { numRuns: 30, seed: 20261205 },
    );
    // Not a vacuous check: the random clusters did have quiet spans.
    expect(replays).toBeGreaterThan(0);
    expect(wholeSteps).toBeGreaterThan(0);
  });
});

/** Two pods of workload 0 on node 0 of two, one container each, and the step's snapshot of them. */
function twoPods() {
  const s = new ClusterState(4, 2, 1, 2);
  const workloads = [0, 1].map((index) => ({ arrivals: 30, readyPods: 2, rate: 2, index }) as unknown as WorkloadRuntime);
  for (const p of [0, 1]) {
    s.podHighWater = 2;
    s.podWorkload[p] = 0;
    s.podPhase[p] = PodPhase.ready;
    s.podNode[p] = 0;
  }
  s.nodeHighWater = 2;
  const cpu: (ReturnType<typeof createNodeCpuState> | undefined)[] = [createNodeCpuState(3, 3, 4), undefined];
  const repeated = new RepeatedStep(s, workloads, cpu);
  return { s, w: workloads[0]!, cpu, repeated };
}

describe('RepeatedStep', () => {
  test('a step repeats the snapshot only when every input the CPU step reads is the same', () => {
    const changes: readonly [string, (n: ReturnType<typeof twoPods>) => void][] = [
      ['the workload arrivals', (n) => (n.w.arrivals = 31)],
      ['the Ready pod count', (n) => (n.w.readyPods = 1)],
      ['the rate', (n) => (n.w.rate = 2.5)],
      ['a pod phase', (n) => (n.s.podPhase[1] = PodPhase.terminating)],
      ['a pod node', (n) => (n.s.podNode[1] = 1)],
      ['a pod workload (slot reused)', (n) => (n.s.podWorkload[1] = 1)],
      ['a carried backlog', (n) => (n.s.ctrBacklog[1] = 0.25)],
      ['a node phase', (n) => (n.s.nodePhase[1] = 3)],
      ['a node CPU state (a new node in the slot)', (n) => (n.cpu[1] = createNodeCpuState(3, 3, 8))],
      ['one pod slot more', (n) => (n.s.podHighWater = 3)],
      ['one node slot more', (n) => (n.s.nodeHighWater = 3)],
    ];
    for (const [what, change] of changes) {
      const n = twoPods();
      expect(n.repeated.same(), `${what}: no snapshot yet`).toBe(false);
      n.repeated.take();
      expect(n.repeated.same(), `${what}: unchanged`).toBe(true);
      change(n);
      expect(n.repeated.same(), `${what}: changed`).toBe(false);
      n.repeated.take();
      expect(n.repeated.same(), `${what}: a snapshot after the change`).toBe(true);
      n.repeated.clear();
      expect(n.repeated.same(), `${what}: cleared`).toBe(false);
    }
  });
});

/** One node with the DaemonSets and two pods of one workload (of two), one container each. */
function oneNode() {
  const s = new ClusterState(4, 1, 1, 2);
  const w = { arrivals: 30, readyPods: 2, rate: 2, index: 0 } as unknown as WorkloadRuntime;
  const other = { arrivals: 30, readyPods: 2, rate: 2, index: 1 } as unknown as WorkloadRuntime;
  for (const p of [0, 1]) {
    s.podWorkload[p] = 0;
    s.podPhase[p] = PodPhase.ready;
  }
  const cpu = createNodeCpuState(3, 3, 4);
  cpu.containerCount = 3;
  const pods = Int32Array.of(-1, 0, 1);
  const containers = Int32Array.of(0, 0, 0);
  const acc = new WorkloadAccumulators(2, 1);
  const replay = new QuietNodeReplay(s, [w, other], acc, 1);
  return { s, w, cpu, pods, containers, acc, replay };
}

/**
 * One node whose record holds two visits: pod 1's serving container (0.1 core·s, 20 requests) and
 * pod 0's other container (0.2 core·s).
 */
function nodeWithTwoVisits(): ReturnType<typeof oneNode> {
  const n = oneNode();
  n.replay.refresh(0, n.cpu, n.pods, n.containers, 0);
  const log = n.replay.visitsOf(0);
  const ints = n.replay.visitIntsOf(0);
  const visit = (v: number, pod: number, received: number, served: boolean) => {
    const o = v * VISIT_STRIDE;
    const i = v * VISIT_INT_STRIDE;
    ints[i + VISIT_INT_POD] = pod;
    ints[i + VISIT_INT_SLOT] = pod;
    ints[i + VISIT_INT_WORKLOAD] = 0;
    ints[i + VISIT_INT_CONTAINER_TYPE] = 0;
    ints[i + VISIT_INT_SERVED] = served ? 1 : 0;
    log[o + VISIT_RECEIVED] = received;
    log[o + VISIT_DEMAND] = 1.5;
    log[o + VISIT_RPS] = served ? 15 : NaN;
    log[o + VISIT_NR_PERIODS] = 150;
    log[o + VISIT_NR_THROTTLED] = 3;
    log[o + VISIT_THROTTLED_SECONDS] = 0.1;
    log[o + VISIT_DROPPED] = 0;
    log[o + VISIT_SHARE] = 20;
    log[o + VISIT_POINTS_MAX] = 0.05;
    log[o + VISIT_P50] = 0.01;
    log[o + VISIT_P90] = 0.02;
    log[o + VISIT_P99] = 0.04;
    log[o + VISIT_SLO_SECONDS] = 0.5;
    // All 12 points in bucket 100 but the last, past the timeout.
    for (let b = 0; b < 12; b++) ints[i + VISIT_INT_BUCKETS + b] = b < 11 ? 100 : -1;
  };
  visit(0, 1, 0.1, true);
  visit(1, 0, 0.2, false);
  n.replay.recorded(0, 2);
  return n;
}

describe('QuietNodeReplay', () => {
  test('a node is quiet only when every input repeats the last step', () => {
    const changes: readonly [string, (n: ReturnType<typeof oneNode>) => void][] = [
      ['the workload arrivals', (n) => (n.w.arrivals = 31)],
      ['the Ready pod count', (n) => (n.w.readyPods = 3)],
      ['the rate', (n) => (n.w.rate = 2.5)],
      ['a pod phase', (n) => (n.s.podPhase[1] = PodPhase.terminating)],
      ['a pod workload (slot reused)', (n) => (n.s.podWorkload[1] = 1)],
      ['a carried backlog', (n) => (n.s.ctrBacklog[0] = 0.25)],
      ['the pod in a container slot', (n) => (n.pods[2] = 3)],
      ['the container count', (n) => (n.cpu.containerCount = 2)],
      ['the burstable group weight', (n) => (n.cpu.burstableShares = 100)],
    ];
    for (const [what, change] of changes) {
      const n = oneNode();
      expect(n.replay.refresh(0, n.cpu, n.pods, n.containers, 300), `${what}: first step`).toBe(false);
      expect(n.replay.refresh(0, n.cpu, n.pods, n.containers, 300), `${what}: repeated`).toBe(true);
      change(n);
      expect(n.replay.refresh(0, n.cpu, n.pods, n.containers, 300), `${what}: changed`).toBe(false);
      expect(n.replay.refresh(0, n.cpu, n.pods, n.containers, 300), `${what}: repeated after the change`).toBe(true);
    }
    // The DaemonSets' request, a new CPU state for the slot (a new node), and a node forgotten.
    const n = oneNode();
    n.replay.refresh(0, n.cpu, n.pods, n.containers, 300);
    expect(n.replay.refresh(0, n.cpu, n.pods, n.containers, 400)).toBe(false);
    expect(n.replay.refresh(0, createNodeCpuState(3, 3, 4), n.pods, n.containers, 400)).toBe(false);
    n.replay.forget(0);
    expect(n.replay.refresh(0, n.cpu, n.pods, n.containers, 400)).toBe(false);
  });

  test("a whole step's replay adds to the pods and containers only: the step adds the workloads' sums once", () => {
    const n = nodeWithTwoVisits();
    n.replay.replayPods(1);
    n.replay.replayPods(1);
    expect(n.s.podCpuSeconds[1]).toBe(0.1 + 0.1);
    expect(n.s.podCpuSeconds[0]).toBe(0.2 + 0.2);
    expect(n.s.ctrCpuSeconds[1]).toBe(0.1 + 0.1);
    expect(n.s.podRps[1]).toBe(15);
    expect(n.s.podRps[0]).toBe(0);
    expect(n.acc.cpuReceivedCoreSeconds[0]).toBe(0);
    expect(n.acc.nrPeriods[0]).toBe(0);
    expect(n.acc.latency[0]!.total).toBe(0);
    expect(n.acc.sloViolatedSeconds[0]).toBe(0);
  });

  test('a replay adds the recorded visits, in their order', () => {
    const n = nodeWithTwoVisits();
    n.replay.replay(0);
    n.replay.replay(0);
    // Two replays of each visit: 0.1 + 0.1 on pod 1, 0.2 + 0.2 on pod 0; the workload's sums take both.
    expect(n.s.podCpuSeconds[1]).toBe(0.1 + 0.1);
    expect(n.s.podCpuSeconds[0]).toBe(0.2 + 0.2);
    expect(n.acc.cpuReceivedCoreSeconds[0]).toBe(0.1 + 0.2 + 0.1 + 0.2);
    expect(n.acc.cpuDemandCoreSeconds[0]).toBe(6);
    expect(n.acc.nrPeriods[0]).toBe(600);
    expect(n.acc.containerNrThrottled[0]).toBe(12);
    expect(n.s.podRps[1]).toBe(15);
    expect(n.s.podRps[0]).toBe(0);
    // Only the serving visit reaches the latency: twice 20 requests, 0.5 SLO seconds each time.
    // The last of its 12 points (p99's piece: 1 % of the requests, a third of it) is past the
    // timeout: 20 x 0.01 / 3 dropped each time, the rest counted in bucket 100.
    const late = (20 * 0.01) / 3;
    expect(n.acc.latency[0]!.total).toBeCloseTo(2 * (20 - late), 12);
    expect(n.acc.latency[0]!.counts[100]).toBeCloseTo(2 * (20 - late), 12);
    expect(n.acc.latency[0]!.max).toBe(0.05);
    expect(n.acc.sloViolatedSeconds[0]).toBe(1);
    expect(n.acc.droppedRequests[0]).toBeCloseTo(2 * late, 12);
  });
});
