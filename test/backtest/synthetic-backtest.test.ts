import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { readRecordings } from '../../src/calibrate/read-recordings.js';
import { runBacktest, type Backtest } from '../../src/backtest/run-backtest.js';
import { renderBacktestHtml } from '../../src/backtest/backtest-html.js';
import { renderBacktest } from '../../src/backtest/render-backtest.js';
import { readChartLibrary } from '../../src/report/html/chart-library.js';
import { loadScenario } from '../../src/scenario/load-scenario.js';
import { runSimulation } from '../../src/simulation/run-simulation.js';
import type { Scenario } from '../../src/scenario/types.js';
import type { Series } from '../../src/simulation/run-result.js';
import { listFromDisk, readFromDisk } from '../../src/scenario/import/input-files.js';

// A service whose 600m CPU limit throttles it at the daily peak, whose latency therefore rises,
// and whose HPA growth makes the Cluster Autoscaler add 2-core nodes: every series the backtest
// compares moves. The recording is this scenario's own simulation, exported as Prometheus would
// serve it; replaying it through the same scenario must give small errors, and through a wrong
// one large errors in the series the wrong parameter drives.
const scenarioYaml = (patch: { limit?: string; cpuPerRequest?: string; machineType?: string } = {}) => `apiVersion: kube-whatif/v1
kind: Scenario
metadata: { name: synthetic-backtest }
spec:
  duration: 6h
  seed: 11
  simulation: { step: 15s, sampleInterval: 60s }
  cluster:
    provider: gke
    nodeAutoscaler: { type: cluster-autoscaler }
    nodePools:
      - { name: pool, machineType: ${patch.machineType ?? 'e2-standard-2'}, minNodes: 1, maxNodes: 20 }
  workloads:
    - name: api
      replicas: 2
      resources:
        requests: { cpu: 250m, memory: 256Mi }
        limits: { cpu: ${patch.limit ?? '600m'}, memory: 512Mi }
      hpa:
        minReplicas: 2
        maxReplicas: 30
        metrics:
          - type: Resource
            resource: { name: cpu, target: { type: Utilization, averageUtilization: 70 } }
      load: { type: diurnal, minRps: 10, maxRps: 300, peakAt: "09:00" }
      cpuPerRequest: ${patch.cpuPerRequest ?? '12ms'}
      idleCpu: 20m
      workerThreads: 4
`;

const dir = mkdtempSync(join(tmpdir(), 'synthetic-backtest-'));
const T0 = Date.UTC(2026, 0, 5);

function load(yaml: string, name: string): Scenario {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, yaml);
  const loaded = loadScenario(file);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  return loaded.value.before;
}

function promMatrix(timeMs: readonly number[], values: Series): string {
  const pairs = timeMs.flatMap((t, i) => (values[i] == null ? [] : [[(T0 + t) / 1000, String(values[i])]]));
  return JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [{ metric: {}, values: pairs }] } });
}

let truth: Scenario;
let recordings: ReturnType<typeof readRecordings>;
let recordedThrottleMean = 0;
let recordedNodesRange = 0;
let recordedP99Median = 0;

beforeAll(() => {
  truth = load(scenarioYaml(), 'truth');
  const run = runSimulation(truth);
  const s = run.series.workloads.api!;
  const rec = join(dir, 'rec');
  mkdirSync(rec);
  writeFileSync(join(rec, 'api.rps.json'), promMatrix(run.series.timeMs, s.rps));
  writeFileSync(join(rec, 'api.replicas.json'), promMatrix(run.series.timeMs, s.readyReplicas));
  writeFileSync(join(rec, 'api.cpu.json'), promMatrix(run.series.timeMs, s.cpuReceivedCores));
  writeFileSync(join(rec, 'api.throttled.json'), promMatrix(run.series.timeMs, s.throttledRatio));
  writeFileSync(join(rec, 'api.latency-p99.json'), promMatrix(run.series.timeMs, s.latencyP99Ms));
  writeFileSync(join(rec, 'cluster.nodes.json'), promMatrix(run.series.timeMs, run.series.pools.pool!.nodes));
  recordings = readRecordings(rec, readFromDisk, listFromDisk);
  const th = s.throttledRatio.filter((v): v is number => v != null);
  recordedThrottleMean = th.reduce((a, b) => a + b, 0) / th.length;
  const p99 = s.latencyP99Ms.filter((v): v is number => v != null).sort((a, b) => a - b);
  recordedP99Median = p99[p99.length >> 1]!;
  const nodes = run.series.pools.pool!.nodes.filter((v): v is number => v != null);
  recordedNodesRange = Math.max(...nodes) - Math.min(...nodes);
});

let truthBacktest: Backtest | null = null;

function backtest(scenario: Scenario): Backtest {
  if (scenario === truth && truthBacktest) return truthBacktest;
  if (!recordings.ok) throw new Error(JSON.stringify(recordings.problems));
  const b = runBacktest(scenario, recordings.recordings, { scenario: 's', recordings: 'rec' }, 11);
  if ('error' in b) throw new Error(b.error);
  if (scenario === truth) truthBacktest = b;
  return b;
}

describe('backtest on a synthetic recording of known parameters', () => {
  test('the recording exercises what is compared: throttling, a latency p99 and a node count that move', () => {
    // Guards the cases below against passing vacuously on flat series.
    expect(recordedThrottleMean).toBeGreaterThan(0.02);
    expect(recordedNodesRange).toBeGreaterThanOrEqual(2);
  });

  test('the same scenario reproduces throttling, latency p99 and node count with small errors', () => {
    const b = backtest(truth);
    const w = b.workloads[0]!;
    // Bounds: a fifth of the mean throttled ratio, a fifth of the recorded median p99, half a node.
    expect(w.throttledRatio!.mae).toBeLessThan(0.2 * recordedThrottleMean);
    expect(w.latencyP99Ms!.mae).toBeLessThan(0.2 * recordedP99Median);
    expect(b.nodes!.mae).toBeLessThan(0.5);
    expect(w.replicas[0]!.errors!.mae).toBeLessThan(0.5);
  });

  test.each([
    { name: 'a CPU limit of 4 cores: no throttling simulated, the throttled-ratio error is the recorded ratio', patch: { limit: '4' }, metric: 'throttled' as const },
    { name: 'a request cost of 40 ms instead of 12 ms: latency p99 error large', patch: { cpuPerRequest: '40ms' }, metric: 'latency' as const },
    { name: '8-core nodes instead of 2-core: the node-count error is large', patch: { machineType: 'e2-standard-8' }, metric: 'nodes' as const },
  ])('$name', ({ patch, metric }) => {
    const good = backtest(truth);
    const bad = backtest(load(scenarioYaml(patch), metric));
    const read = (b: Backtest) => (metric === 'throttled' ? b.workloads[0]!.throttledRatio!.mae : metric === 'latency' ? b.workloads[0]!.latencyP99Ms!.mae : b.nodes!.mae);
    expect(read(bad)).toBeGreaterThan(5 * Math.max(read(good), 1e-9));
    if (metric === 'throttled') expect(read(bad)).toBeGreaterThan(0.8 * recordedThrottleMean);
    if (metric === 'nodes') expect(read(bad)).toBeGreaterThan(1);
  });

  test('the terminal and HTML reports show the throttled-ratio, latency and node-count errors', () => {
    const b = backtest(truth);
    const text = renderBacktest(b, []);
    expect(text).toMatch(/throttled ratio: MAE [\d.]+, bias/);
    expect(text).toMatch(/latency p99: MAE [\d.]+ ms/);
    expect(text).toMatch(/nodes: MAE [\d.]+/);
    const html = renderBacktestHtml(b, [], readChartLibrary());
    for (const label of ['api: throttled ratio', 'api: latency p99', 'cluster: nodes']) expect(html).toContain(label);
  });
});
