import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import seedrandom from 'seedrandom';
import { describe, expect, test } from 'vitest';
import { loadScenario } from '../../src/scenario/load-scenario.js';
import { runSimulation } from '../../src/simulation/run-simulation.js';
import { readRecordings } from '../../src/calibrate/read-recordings.js';
import { calibrateRecordings } from '../../src/calibrate/calibrate-recordings.js';
import { listFromDisk, readFromDisk } from '../../src/scenario/import/input-files.js';
import type { Series } from '../../src/simulation/run-result.js';

// The parameters chosen for the simulated service; calibration must find them within its intervals.
const CPU_PER_REQUEST_MS = 20;
const IDLE_CPU_MILLI = 50;
const WORKER_CPU_PER_REQUEST_MS = 35;
const WORKER_IDLE_CPU_MILLI = 120;

const scenarioYaml = `apiVersion: kube-whatif/v1
kind: Scenario
metadata: { name: round-trip }
spec:
  duration: 12h
  seed: 3
  simulation: { step: 15s, sampleInterval: 60s }
  cluster:
    provider: gke
    nodeAutoscaler: { type: cluster-autoscaler }
    nodePools:
      - { name: pool, machineType: e2-standard-8, minNodes: 2, maxNodes: 10 }
  workloads:
    - name: api
      replicas: 2
      resources:
        requests: { cpu: 500m, memory: 256Mi }
        limits: { cpu: "4", memory: 512Mi }
      hpa:
        minReplicas: 2
        maxReplicas: 20
        metrics:
          - type: Resource
            resource: { name: cpu, target: { type: Utilization, averageUtilization: 60 } }
      load: { type: diurnal, minRps: 10, maxRps: 200, peakAt: "06:00" }
      cpuPerRequest: ${CPU_PER_REQUEST_MS}ms
      cpuPerRequestCv: 1
      idleCpu: ${IDLE_CPU_MILLI}m
      workerThreads: 16
    - name: worker
      replicas: 3
      resources:
        requests: { cpu: 500m, memory: 256Mi }
        limits: { cpu: "4", memory: 512Mi }
      load: { type: diurnal, minRps: 5, maxRps: 60, peakAt: "09:00" }
      cpuPerRequest: ${WORKER_CPU_PER_REQUEST_MS}ms
      idleCpu: ${WORKER_IDLE_CPU_MILLI}m
      workerThreads: 16
`;

/**
 * Measurement noise on the exported CPU: ±5 % uniform from a fixed seed, and every 50th sample
 * tripled (a GC storm), so the fit works on data as rough as a real scrape.
 */
function roughen(values: Series): Series {
  const rng = seedrandom('round-trip');
  return values.map((v, i) => (v == null ? null : v * (1 + 0.1 * (rng() - 0.5)) * (i % 50 === 25 ? 3 : 1)));
}

/** The cumulative CPU-seconds counter of a CPU series sampled every `stepS`, restarting from 0 at `resetAt`. */
function toCounter(values: Series, stepS: number, resetAt: number): Series {
  let total = 1000;
  return values.map((v, i) => {
    if (i === resetAt) total = 0;
    total += (v ?? 0) * stepS;
    return total;
  });
}

/** A Prometheus query_range response of one series (what `whatif record` saves). */
function promMatrix(t0Ms: number, timeMs: readonly number[], values: Series): string {
  const pairs = timeMs.flatMap((t, i) => (values[i] == null ? [] : [[(t0Ms + t) / 1000, String(values[i])]]));
  return JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [{ metric: { namespace: 'default' }, values: pairs }] } });
}

describe('calibrate round trip', () => {
  test('simulate with known cpuPerRequest and idleCpu, export as Prometheus, calibrate: both inside their intervals', () => {
    const dir = mkdtempSync(join(tmpdir(), 'round-trip-'));
    const file = join(dir, 'scenario.yaml');
    writeFileSync(file, scenarioYaml);
    const loaded = loadScenario(file);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    const run = runSimulation(loaded.value.before);
    const s = run.series.workloads.api!;
    const rec = join(dir, 'rec');
    const t0 = Date.UTC(2026, 0, 5);
    mkdirSync(rec);
    writeFileSync(join(rec, 'api.rps.json'), promMatrix(t0, run.series.timeMs, s.rps));
    writeFileSync(join(rec, 'api.cpu.json'), promMatrix(t0, run.series.timeMs, roughen(s.cpuReceivedCores)));
    writeFileSync(join(rec, 'api.replicas.json'), promMatrix(t0, run.series.timeMs, s.readyReplicas));
    const w = run.series.workloads.worker!;
    // The worker's CPU as the raw cAdvisor counter (with a container restart half way) and its
    // request rate as a CSV: the counter path and the CSV path of the reader.
    writeFileSync(join(rec, 'worker.cpu-total.json'), promMatrix(t0, run.series.timeMs, toCounter(roughen(w.cpuReceivedCores), 60, 360)));
    writeFileSync(join(rec, 'worker.rps.csv'), run.series.timeMs.flatMap((t, i) => (w.rps[i] == null ? [] : [`${(t0 + t) / 1000},${w.rps[i]}`])).join('\n'));
    writeFileSync(join(rec, 'worker.replicas.json'), promMatrix(t0, run.series.timeMs, w.readyReplicas));
    const read = readRecordings(rec, readFromDisk, listFromDisk);
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    expect(read.recordings.notes).toContain('worker.cpu-total: 1 counter reset(s) (a restart): the increase after each counts from zero');
    const cal = calibrateRecordings(loaded.value.before, read.recordings, { scenario: 'round-trip', recordings: 'rec' });
    const cases = [
      { fit: cal.fits.find((f) => f.workload === 'api')!, cpr: CPU_PER_REQUEST_MS, idle: IDLE_CPU_MILLI },
      { fit: cal.fits.find((f) => f.workload === 'worker')!, cpr: WORKER_CPU_PER_REQUEST_MS, idle: WORKER_IDLE_CPU_MILLI },
    ];
    for (const { fit, cpr, idle } of cases) {
      expect(fit.cpuPerRequestMs!.identified, fit.workload).toBe(true);
      expect(fit.cpuPerRequestMs!.low, fit.workload).toBeLessThanOrEqual(cpr);
      expect(fit.cpuPerRequestMs!.high, fit.workload).toBeGreaterThanOrEqual(cpr);
      expect(fit.idleCpuMilli!.low, fit.workload).toBeLessThanOrEqual(idle);
      expect(fit.idleCpuMilli!.high, fit.workload).toBeGreaterThanOrEqual(idle);
      // Not a vacuous interval: narrower than ±25 % of the value.
      expect(fit.cpuPerRequestMs!.high - fit.cpuPerRequestMs!.low, fit.workload).toBeLessThan(0.5 * cpr);
      expect(fit.downweighted, fit.workload).toBeGreaterThan(0);
    }
  });
});
