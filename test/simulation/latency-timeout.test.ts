import { describe, expect, test } from 'vitest';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { LatencyHistogram } from '../../src/simulation/latency-histogram.js';
import { REQUEST_TIMEOUT_SECONDS } from '../../src/simulation/defaults.js';
import { cli, project, scenario } from '../security/cli-helpers.js';

describe('no latency exceeds the client timeout', () => {
  test('requests slower than the timeout are dropped and counted, not recorded (hand derivation)', () => {
    // 100 requests with p50 10 s, p90 40 s, p99 50 s. The curve's pieces and masses:
    //   [5, 10] 50 %, [10, 40] 40 %, [40, 50] 9 %, [50, 60] 1 %; each piece's mass sits on three
    //   points at 1/6, 3/6, 5/6 of it. With a 30 s timeout:
    //   [5, 10]: 5.83, 7.5, 9.17 s            -> kept 50
    //   [10, 40]: 15, 25 s kept, 35 s dropped -> kept 26.67, dropped 13.33
    //   [40, 50] and [50, 60]: all above 30 s -> dropped 9 + 1
    // Dropped 23.33, kept 76.67; the p99 of the kept requests is their largest latency, 25 s.
    const h = new LatencyHistogram();
    const dropped = h.add(100, 10, 40, 50, 30);
    expect(dropped).toBeCloseTo(70 / 3, 10);
    expect(h.total).toBeCloseTo(100 - 70 / 3, 10);
    expect(h.quantile(0.99)).toBeCloseTo(25, 0);
    expect(h.quantile(0.99)!).toBeLessThanOrEqual(30);
    // Below 50 / 76.67 = 65 % the median piece answers: 0.5 of the kept lie within [5.83, 9.17].
    expect(h.quantile(0.5)!).toBeLessThan(10);
  });

  test('without a timeout every request is recorded, as before', () => {
    const h = new LatencyHistogram();
    expect(h.add(100, 10, 40, 50)).toBe(0);
    expect(h.total).toBe(100);
  });

  test('a hopelessly overloaded workload reports quantiles within the timeout and counts its dropped requests', async () => {
    // 1,000 rps x 100 ms = 100 cores of work on 2 pods limited to 1 core each: almost every request
    // would wait minutes, so the clients give up after 30 s.
    const text = scenario()
      .replace('replicas: 2', 'replicas: 2\n      resources: { requests: { cpu: 200m, memory: 128Mi }, limits: { cpu: "1" } }')
      .replace('      resources: { requests: { cpu: 200m, memory: 128Mi } }\n', '')
      .replace('rps: 10', 'rps: 1000')
      .replace('cpuPerRequest: 10ms', 'cpuPerRequest: 100ms');
    const dir = project({ 'scenario.yaml': text });
    const out = join(dir, 'r.json');
    const r = await cli(['run', join(dir, 'scenario.yaml'), '--json', out]);
    expect(r.code).toBe(0);
    const w = JSON.parse(readFileSync(out, 'utf8')).run.workloads.api;
    const limitMs = REQUEST_TIMEOUT_SECONDS * 1000;
    for (const key of ['p50Ms', 'p90Ms', 'p99Ms']) if (w.latency[key] !== null) expect(w.latency[key], key).toBeLessThanOrEqual(limitMs);
    expect(w.requests.dropped).toBeGreaterThan(0);
  });
});
