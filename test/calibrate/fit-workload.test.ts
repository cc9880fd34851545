import { describe, expect, test } from 'vitest';
import { fitWorkload } from '../../src/calibrate/fit-workload.js';
import type { WorkloadRecording } from '../../src/calibrate/recording.js';

const STEP_S = 30;
const series = (values: number[]) => ({ timesMs: values.map((_, i) => i * STEP_S * 1000), values });

/**
 * A service with 4 ms per request and 40m idle per pod, requests/s from a slow wave, replicas
 * from 2 to 4 and back. Right after each replica change the new pods warm up: CPU per pod is
 * doubled for 60 s. `noise` adds ±3 % alternating error.
 */
function recording(rpsAt: (i: number) => number, warmUp: boolean): WorkloadRecording {
  const n = 240;
  const replicas = Array.from({ length: n }, (_, i) => (i < 80 ? 2 : i < 160 ? 4 : 2));
  const rps = Array.from({ length: n }, (_, i) => rpsAt(i));
  const cpu = rps.map((r, i) => {
    const perPod = 0.04 + 0.004 * (r / replicas[i]!);
    const warming = warmUp && ((i >= 80 && i < 82) || (i >= 160 && i < 162));
    return perPod * replicas[i]! * (warming ? 2 : 1) * (i % 2 ? 1.03 : 0.97);
  });
  return { workload: 'api', rps: series(rps), cpuCores: series(cpu), replicas: series(replicas), throttledRatio: null, latencyP99Ms: null, latencyQuantiles: null, latencyHistogram: null };
}

describe('fitWorkload', () => {
  test('pods warming up after a scale event are left out, and both parameters are recovered', () => {
    const fit = fitWorkload(recording((i) => 100 + 80 * Math.sin(i / 15), true), { maxLagMs: 0 });
    // Replica changes at samples 80 and 160: the 2 min settle leaves out 4 samples after each.
    expect(fit.excluded.settling).toBe(8);
    expect(fit.cpuPerRequestMs!.identified).toBe(true);
    expect(fit.cpuPerRequestMs!.low).toBeLessThanOrEqual(4);
    expect(fit.cpuPerRequestMs!.high).toBeGreaterThanOrEqual(4);
    expect(fit.idleCpuMilli!.low).toBeLessThanOrEqual(40);
    expect(fit.idleCpuMilli!.high).toBeGreaterThanOrEqual(40);
  });

  test('a constant load cannot separate cpuPerRequest from idleCpu: neither is identified, and it says so', () => {
    // 100 req/s on 2 pods, 200 on 4, 100 on 2: always 50 req/s per pod, as an HPA holding its
    // target makes it. Only CPU per pod at 50 req/s is known, not how it splits.
    const rec = recording((i) => (i < 80 ? 100 : i < 160 ? 200 : 100), false);
    const fit = fitWorkload(rec, { maxLagMs: 0 });
    expect(fit.cpuPerRequestMs?.identified ?? false).toBe(false);
    expect(fit.warnings.join('\n')).toMatch(/load per pod nearly constant|no variation in load/);
  });

  test('CPU per request growing with load: the load term is fitted with an interval that holds it', () => {
    // 4 pods; CPU per pod = 40m + 4 ms x r + 0.02 ms x r² at r requests/s per pod (r from 5 to 95):
    // each request costs 0.02 ms more for every request/s per pod, the term the fit reports.
    const n = 200;
    const r = Array.from({ length: n }, (_, i) => 50 + 45 * Math.sin(i / 11));
    const cpu = r.map((x, i) => 4 * (0.04 + 0.004 * x + 0.00002 * x * x) * (i % 2 ? 1.01 : 0.99));
    const rec: WorkloadRecording = {
      workload: 'api', rps: series(r.map((x) => 4 * x)), cpuCores: series(cpu), replicas: series(r.map(() => 4)),
      throttledRatio: null, latencyP99Ms: null, latencyQuantiles: null, latencyHistogram: null,
    };
    const fit = fitWorkload(rec, { maxLagMs: 0 });
    const g = fit.loadGrowthMs!;
    expect(g.identified).toBe(true);
    expect(g.low).toBeLessThanOrEqual(0.02);
    expect(g.high).toBeGreaterThanOrEqual(0.02);
    expect(g.low).toBeGreaterThan(0);
  });

  test('a load that does not vary leaves the load term unfitted rather than guessed', () => {
    const fit = fitWorkload(recording((i) => (i < 80 ? 100 : i < 160 ? 200 : 100), false), { maxLagMs: 0 });
    expect(fit.loadGrowthMs).toBeNull();
  });
});
