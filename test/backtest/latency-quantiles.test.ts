import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readRecordings } from '../../src/calibrate/read-recordings.js';
import { runBacktest } from '../../src/backtest/run-backtest.js';
import { renderBacktest } from '../../src/backtest/render-backtest.js';
import { loadScenario } from '../../src/scenario/load-scenario.js';
import { listFromDisk, readFromDisk } from '../../src/scenario/import/input-files.js';
import { FINE_BUCKETS, histogramResponse, seriesResponse } from '../calibrate/latency-fixture.js';

// A recording of 4 pods of 8 workers serving 40-240 requests/s whose latency is a log-normal of
// mean 20 ms and cv 0.6 (queue-free: Erlang C(8, 1.2) < 1e-4): p50 = 20 / sqrt(1.36) = 17.1 ms,
// p90 = 17.1 x e^(1.2816 x 0.5545) = 34.8 ms, p99 = 17.1 x e^(2.3263 x 0.5545) = 62.4 ms.
const STEP_S = 30;
const times = Array.from({ length: 120 }, (_, i) => 1_780_000_000 + i * STEP_S);
const rps = times.map((_, i) => 4 * (35 + 25 * Math.sin(i / 9)));
const dir = mkdtempSync(join(tmpdir(), 'latency-quantiles-'));
writeFileSync(join(dir, 'api.rps.json'), seriesResponse(times, rps));
writeFileSync(join(dir, 'api.replicas.json'), seriesResponse(times, times.map(() => 4)));
writeFileSync(join(dir, 'api.latency-buckets.json'), histogramResponse(times, (i) => Math.round(rps[i]! * STEP_S), { meanSeconds: 0.02, cv: 0.6 }, FINE_BUCKETS, STEP_S, 'latency-quantiles'));

function backtest(cv: number) {
  const file = join(dir, `scenario-${cv}.yaml`);
  writeFileSync(file, `apiVersion: kube-whatif/v1
kind: Scenario
metadata: { name: latency-quantiles }
spec:
  duration: 1h
  seed: 5
  simulation: { step: 15s, sampleInterval: 30s }
  cluster:
    provider: gke
    nodeAutoscaler: { type: none }
    nodePools: [{ name: pool, machineType: e2-standard-8, minNodes: 1, maxNodes: 1 }]
  workloads:
    - name: api
      replicas: 4
      resources: { requests: { cpu: 500m, memory: 256Mi } }
      load: { type: constant, rps: 100 }
      cpuPerRequest: 20ms
      cpuPerRequestCv: ${cv}
      workerThreads: 8
`);
  const loaded = loadScenario(file);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  const read = readRecordings(dir, readFromDisk, listFromDisk);
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  const b = runBacktest(loaded.value.before, read.recordings, { scenario: 's', recordings: 'rec' }, 5);
  if ('error' in b) throw new Error(b.error);
  return b;
}

describe('backtest: latency quantiles over the replay', () => {
  test("the recorded histogram gives p50, p90 and p99 near the log-normal's, and the right cv simulates them within 20 %", () => {
    const b = backtest(0.6);
    const q = b.workloads[0]!.latencyQuantiles!;
    expect(q.recorded.p50).toBeGreaterThan(17.1 * 0.95);
    expect(q.recorded.p50).toBeLessThan(17.1 * 1.05);
    expect(q.recorded.p90).toBeGreaterThan(34.8 * 0.95);
    expect(q.recorded.p90).toBeLessThan(34.8 * 1.05);
    expect(q.recorded.p99).toBeGreaterThan(62.4 * 0.9);
    expect(q.recorded.p99).toBeLessThan(62.4 * 1.1);
    for (const k of ['p50', 'p90', 'p99'] as const) expect(Math.abs(q.simulated[k] / q.recorded[k] - 1), k).toBeLessThan(0.2);
    expect(renderBacktest(b, [])).toMatch(/latency over the replay, recorded \/ simulated: p50 [\d.]+ \/ [\d.]+ ms/);
  });

  test('a cv of 1.5 instead of 0.6 more than doubles the simulated p99: a log-normal of mean 20 ms and cv 1.5 has p99 139 ms', () => {
    // σ = √ln(1 + 1.5²) = 1.0857, median 20 / √3.25 = 11.09 ms, p99 = 11.09 x e^(2.3263 x 1.0857) = 139 ms.
    const q = backtest(1.5).workloads[0]!.latencyQuantiles!;
    expect(q.simulated.p99 / q.recorded.p99).toBeGreaterThan(1.8);
  });
});
