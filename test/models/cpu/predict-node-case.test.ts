import { describe, expect, test } from 'vitest';
import type { NodeCaseInput } from '../../../src/models/cpu/node-case.js';
import { predictNodeCase } from '../../../src/models/cpu/predict-node-case.js';
import { predictNodeCaseCoarse } from '../../../src/models/cpu/predict-node-case-coarse.js';
import { resolveNodeCase } from '../../../src/models/cpu/resolve-node-case.js';

function resolved(c: Omit<NodeCaseInput, 'name'> & { name?: string }) {
  const r = resolveNodeCase({ name: 'case', ...c });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}
const busy = (threads: number) => ({ type: 'busy' as const, threads });

describe('predictNodeCase: sharing (docs/models/cpu.md#sharing-by-weight-hierarchical-water-filling worked cases on 2 cores)', () => {
  test.each([
    // 1024:512 shares, 4 busy threads each → 4/3 : 2/3
    { name: 'shares split 1024:512', cs: [[1000, 4], [500, 4]], want: [1.333, 0.667] },
    // the 1-thread group is capped at 1 core, the other takes the rest
    { name: 'one thread at 1024 next to four at 512', cs: [[1000, 1], [500, 4]], want: [1, 1] },
    // an idle 8-core request reserves nothing
    { name: 'idle high-share group', cs: [[8000, 0], [1000, 2], [500, 2]], want: [0, 1.333, 0.667] },
  ])('$name', ({ cs, want }) => {
    const c = resolved({
      duration_s: 2,
      cores: 2,
      containers: cs.map(([m, n], i) => ({ name: `c${i}`, requests_millicores: m!, load: n! > 0 ? busy(n!) : { type: 'idle' as const } })),
    });
    const r = predictNodeCase(c);
    r.containers.forEach((x, i) => expect(x.cores_used).toBeCloseTo(want[i]!, 3));
  });
});

describe('predictNodeCase: bandwidth control (docs/models/cpu.md#throttling-by-limits)', () => {
  test('a saturated group at limit 0.5 with 2 CPUs runs 25 ms and stalls 75 ms on each CPU', () => {
    // 4 busy threads alone on 2 cores: r = 2, Q = 50 ms → exhausted after 25 ms every period.
    // 10 s = 100 periods, all throttled; throttled_time = 100 × 75 ms × 2 CPUs = 15 s.
    const c = resolved({ duration_s: 10, cores: 2, containers: [{ name: 'a', limit_millicores: 500, load: busy(4) }] });
    const [a] = predictNodeCase(c).containers;
    // the first (partial, random-phase) period starts with a full budget: up to +Q/10 s = +0.005
    expect(Math.abs(a!.cores_used - 0.5)).toBeLessThanOrEqual(0.0051);
    expect(a!.throttled_ratio).toBeGreaterThanOrEqual(0.99);
    expect(a!.throttled_s).toBeCloseTo(15, 0);
  });

  test('one thread can never exceed a 1-core limit', () => {
    const c = resolved({ duration_s: 5, cores: 2, containers: [{ name: 'a', limit_millicores: 1000, load: busy(1) }] });
    const [a] = predictNodeCase(c).containers;
    expect(a!.cores_used).toBeCloseTo(1, 3);
    expect(a!.throttled_ratio).toBe(0);
  });

  test('burst_us lets an 80 ms job run through a 50 ms quota after idle periods (docs/models/cpu.md#throttling-by-limits)', () => {
    // One thread, job of 80 ms every 400 ms, limit 0.5 (Q = 50 ms).
    // Without burst, with x = time from release to the next boundary (uniform over phase draws):
    // x < 30 ms → 50 ms used, throttled to the next boundary, latency 130 ms; 30 ≤ x ≤ 50 → 80 ms;
    // x > 50 → throttled for x − 50, latency x + 30. P(latency ≤ 100 ms) = 0.2 + 0.5·20/50 = 0.4.
    // With B = 50 ms, runtime refills to min(rem + Q, Q + B) = 100 ms after idle periods ≥ 80 ms:
    // the job runs straight through at 1 core, latency = 80 ms (+ 20 µs wake-up charge). Only the
    // very first job, before any burst has accumulated (the budget starts at Q), is throttled.
    const job = { type: 'periodic' as const, threads: 1, period_ms: 400, busy_ms: 80, stagger: 'aligned' as const };
    const plain = predictNodeCase(resolved({ duration_s: 8, cores: 2, containers: [{ name: 'a', limit_millicores: 500, load: job }] })).containers[0]!;
    const burst = predictNodeCase(resolved({ duration_s: 8, cores: 2, containers: [{ name: 'a', limit_millicores: 500, burst_us: 50_000, load: job }] })).containers[0]!;
    expect(plain.throttled_ratio).toBeGreaterThan(0.2);
    expect(plain.latency_ms!.p90).toBeGreaterThan(100);
    expect(burst.throttled_ratio).toBeLessThan(0.05);
    expect(burst.latency_ms!.p50).toBeCloseTo(80.02, 1);
    expect(burst.latency_ms!.p90).toBeCloseTo(80.02, 1);
  });
});

describe('predictNodeCase: latency', () => {
  test('one worker on a free core behaves as M/M/1 (sojourn ~ Exp(μ − λ))', () => {
    // λ = 50/s, E[C] = 10 ms exponential: μ − λ = 50/s → p50 = ln 2/50 = 13.9 ms,
    // p90 = ln 10/50 = 46.1 ms, p99 = ln 100/50 = 92.1 ms. 400 s ≈ 20 000 requests: sampling
    // error of p99 is a few %, so allow 12 %.
    const c = resolved({
      duration_s: 400,
      cores: 2,
      seed: 7,
      containers: [{ name: 's', load: { type: 'poisson', rate_per_s: 50, cpu_ms: 10, dist: 'exp', fanout: 1, workers: 1 } }],
    });
    const lat = predictNodeCase(c, { overheadCpuSeconds: 0 }).containers[0]!.latency_ms!;
    expect(lat.p50 / ((Math.log(2) / 50) * 1000)).toBeCloseTo(1, 1);
    expect(Math.abs(lat.p90 / ((Math.log(10) / 50) * 1000) - 1)).toBeLessThan(0.08);
    expect(Math.abs(lat.p99 / ((Math.log(100) / 50) * 1000) - 1)).toBeLessThan(0.12);
  });

  test('is deterministic for a case and seed', () => {
    const c = resolved({
      duration_s: 5,
      cores: 2,
      containers: [{ name: 'api', limit_millicores: 500, load: { type: 'poisson', rate_per_s: 10, cpu_ms: 30, dist: 'fixed', fanout: 4, workers: 8 } }],
    });
    expect(predictNodeCase(c)).toEqual(predictNodeCase(c));
  });

  test('coarse mode agrees with the fluid model on mean sharing', () => {
    const c = resolved({ duration_s: 2, cores: 2, containers: [{ name: 'a', requests_millicores: 1000, load: busy(4) }, { name: 'b', requests_millicores: 500, load: busy(4) }] });
    expect(predictNodeCaseCoarse(c).containers.map((x) => x.cores_used)).toEqual([1.333, 0.667]);
  });
});
