/**
 * Burst interference (docs/models/latency.md#burst-interference) on hand-derived nodes: how often a request meets a neighbour's
 * burst, the rate it gets then, and the latency mixture that follows.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { computeBurstCores } from '../../../src/models/cpu/burst-cores.js';
import { computeBurstInterference } from '../../../src/models/cpu/burst-interference.js';
import { podLatencyContendedStep, survivalFromQuantiles } from '../../../src/models/cpu/contended-latency.js';
import { createLatencyInput, createLatencyOut, LAT_P50, LAT_P90, LAT_P99, LAT_UTILIZATION, podLatencyStep, type LatencyStepInput } from '../../../src/models/cpu/request-latency.js';
import { splitNodeCpu } from '../../../src/models/cpu/split-node-cpu.js';
import { buildNode, type BuildContainer } from './build-node.js';

interface Bursty extends BuildContainer {
  /** Threads of one burst (fan-out) and its CPU, core·s. */
  burstThreads: number;
  burstWork: number;
}

/** One Guaranteed pod per container on a node with no system load; runs the three model steps. */
function node(cores: number, cs: Bursty[]) {
  const built = buildNode({ cores, pods: cs.map((c) => ({ qos: 'Guaranteed' as const, containers: [c] })) });
  cs.forEach((c, i) => {
    built.state.burstThreads[i] = c.burstThreads;
    built.state.burstWorkCoreSeconds[i] = c.burstWork;
  });
  splitNodeCpu(built.state, built.scratch);
  computeBurstCores(built.state, built.scratch, true);
  computeBurstInterference(built.state, built.scratch);
  return built.state;
}

// The noisy-neighbour node of scenarios/node-cases, with a single-worker small service so that both
// of its conditions are M/M/1 queues with exponential sojourn times:
//   small: 102 shares (100m), 20 req/s × 5 ms → d = 0.1 core, 1 worker, fan-out 1.
//   noisy: 1536 shares (1500m), 4 threads, bursts of 4 threads × 80 ms = 0.32 core·s, d = 0.8 core.
const small: Bursty = { shares: 102, demand: 0.1, threads: 1, burstThreads: 1, burstWork: 0.005 };
const noisy: Bursty = { shares: 1536, demand: 0.8, threads: 4, burstThreads: 4, burstWork: 0.32 };

describe('computeBurstInterference', () => {
  test('a neighbour bursting on all cores 8/19 of the time squeezes the small service to its weight share', () => {
    const s = node(2, [small, noisy]);
    // Mean split: 0.1 + 0.8 fit in 2 cores, both get their demand.
    expect(s.received[0]).toBeCloseTo(0.1, 12);
    expect(s.received[1]).toBeCloseTo(0.8, 12);
    // Neighbour's burst rate with small at its mean 0.1: min(4 threads, 2 cores) = 2 wanted,
    // 2 − 0.1 = 1.9 left (small's 0.1 < its weight share 2·102/1638 = 0.1245). Level ℓ = min(2, 4) = 2,
    // rate r = min(ℓ, 1.9) = 1.9, so β = 0.8 / 1.9 = 8/19.
    expect(s.burstFraction[1]).toBeCloseTo(8 / 19, 12);
    // Small: ℓ = min(1 thread, max(1, 0.1)) = 1, rate 1 (1 + 0.8 fit), β = 0.1.
    expect(s.burstFraction[0]).toBeCloseTo(0.1, 12);
    // A request of small meets the neighbour's burst with p = β_noisy = 8/19; then both want 2 cores
    // and small (1 thread) gets its weight share 2·102/1638 = 0.124542 core; the burst lasts
    // τ = 0.32 / 1.9 = 0.168421 s.
    expect(s.contentionProb[0]).toBeCloseTo(8 / 19, 12);
    expect(s.contendedBurstCores[0]).toBeCloseTo((2 * 102) / 1638, 9);
    expect(s.contentionSeconds[0]).toBeCloseTo(0.32 / 1.9, 9);
    // The neighbour meets small's bursts with p = 0.1; small then wants 1 core, more than its
    // weight share, so the neighbour gets 2·1536/1638 = 1.875458 < 1.9.
    expect(s.contentionProb[1]).toBeCloseTo(0.1, 12);
    expect(s.contendedBurstCores[1]).toBeCloseTo((2 * 1536) / 1638, 9);
    // A what-if: the mean split is untouched.
    expect(s.received[0]! + s.received[1]!).toBeCloseTo(0.9, 12);
  });

  test.each([
    { name: 'no neighbour', cs: [small] },
    // Neighbour bursts on 1 thread: 1 + 1 ≤ 2 cores, its bursts never take small's share.
    { name: 'a neighbour whose bursts fit beside it', cs: [small, { shares: 1536, demand: 0.5, threads: 1, burstThreads: 1, burstWork: 0.05 }] },
    // Steady neighbour (burstThreads 0): it never runs above its mean of 1.5 cores.
    { name: 'a steady neighbour', cs: [small, { shares: 1536, demand: 1.5, threads: 4, burstThreads: 0, burstWork: Infinity }] },
  ])('$name: no interference, contended rate = burst rate', ({ cs }) => {
    const s = node(2, cs);
    expect(s.contentionProb[0]).toBe(0);
    expect(s.contendedBurstCores[0]).toBe(s.burstCores[0]);
  });

  test('property: the what-if never changes received, rates stay within [0, burst], p within [0, 1]', () => {
    const container = fc.record({
      shares: fc.integer({ min: 2, max: 4096 }),
      demand: fc.double({ min: 0, max: 4, noNaN: true }),
      threads: fc.integer({ min: 1, max: 8 }),
      burstThreads: fc.integer({ min: 0, max: 8 }),
      burstWork: fc.double({ min: 0.001, max: 1, noNaN: true }),
      limit: fc.option(fc.double({ min: 0.1, max: 4, noNaN: true }), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.array(container, { minLength: 1, maxLength: 6 }), (cores, cs) => {
        const built = buildNode({ cores, pods: cs.map((c) => ({ qos: 'Guaranteed' as const, containers: [c] })) });
        const { state: s, scratch } = built;
        cs.forEach((c, i) => {
          s.burstThreads[i] = c.burstThreads;
          s.burstWorkCoreSeconds[i] = c.burstWork;
        });
        splitNodeCpu(s, scratch);
        computeBurstCores(s, scratch, true);
        const before = Array.from(s.received.subarray(0, cs.length));
        computeBurstInterference(s, scratch);
        expect(Array.from(s.received.subarray(0, cs.length))).toEqual(before);
        for (let i = 0; i < cs.length; i++) {
          expect(s.contendedBurstCores[i]).toBeGreaterThanOrEqual(0);
          expect(s.contendedBurstCores[i]).toBeLessThanOrEqual(s.burstCores[i]! + 1e-12);
          expect(s.contentionProb[i]).toBeGreaterThanOrEqual(0);
          expect(s.contentionProb[i]).toBeLessThanOrEqual(1);
          expect(s.burstFraction[i]).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });
});

/** Smallest t with S(t) ≤ 1 − q for a decreasing S, by bisection (test-side solver). */
function solve(S: (t: number) => number, q: number): number {
  let lo = 0;
  let hi = 10;
  for (let k = 0; k < 200; k++) {
    const mid = (lo + hi) / 2;
    if (S(mid) > 1 - q) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * The mixture's quantiles as the model defines them (docs/models/latency.md#burst-interference),
 * found by the plain bisection to 0.1 % with every midpoint evaluated: the reference the model's
 * faster search must reproduce to the bit.
 */
function bisectedMixture(x: LatencyStepInput): number[] {
  const free = createLatencyOut();
  const cont = createLatencyOut();
  podLatencyStep(x, free);
  podLatencyStep({ ...x, burstCores: x.contendedBurstCores, sloSeconds: Infinity }, cont);
  const laws = new Float64Array([free[LAT_P50]!, free[LAT_P90]!, free[LAT_P99]!, cont[LAT_P50]!, cont[LAT_P90]!, cont[LAT_P99]!]);
  const p = Math.min(1, x.contentionProb);
  const tau = x.contentionSeconds;
  const queued = cont[LAT_UTILIZATION]! < 1 && Number.isFinite(cont[LAT_P99]!);
  const useQueue = queued || !(tau < Infinity);
  const known = !Number.isNaN(laws[3]) && !Number.isNaN(laws[4]) && !Number.isNaN(laws[5]);
  const f = laws[0]!;
  const S = (t: number): number => {
    const fr = survivalFromQuantiles(laws, 0, t);
    const left = t <= f ? 1 : tau < Infinity ? Math.max(0, 1 - (t - f) / tau) : 1;
    if (left === 0 && known) return (1 - p) * fr + p * fr;
    const queue = useQueue ? survivalFromQuantiles(laws, 3, t) : 1;
    return (1 - p) * fr + p * Math.max(fr, queue * left);
  };
  return [0.5, 0.9, 0.99].map((q, j) => {
    let lo = 0;
    let hi = Math.max(Math.max(laws[j]!, useQueue ? laws[3 + j]! : f + tau), 1e-9);
    for (let k = 0; k < 60 && S(hi) > 1 - q; k++) hi *= 2;
    while (hi - lo > 1e-3 * hi) {
      const mid = 0.5 * (lo + hi);
      if (S(mid) > 1 - q) lo = mid;
      else hi = mid;
    }
    return hi;
  });
}

describe('podLatencyContendedStep', () => {
  test('two M/M/1 conditions, burst of unknown length: quantiles of the exponential mixture', () => {
    // λ = 20/s, C ~ Exp(10 ms), 1 worker. Free at 1 core: μ = 100, sojourn ~ Exp(μ − λ = 80/s).
    // Contended at 0.5 core: μ = 50, sojourn ~ Exp(30/s). p = 0.3, τ unknown (stationary):
    // S(t) = 0.7·e^(−80t) + 0.3·e^(−30t); p99 ≈ ln(30)/30 = 113.4 ms (first term ~1e-4 there).
    const x = { ...createLatencyInput(), arrivalRatePerSecond: 20, cpuPerRequestSeconds: 0.01, receivedCores: 0.2, burstCores: 1, contendedBurstCores: 0.5, contentionProb: 0.3 };
    const out = createLatencyOut();
    podLatencyContendedStep(x, out);
    const S = (t: number): number => 0.7 * Math.exp(-80 * t) + 0.3 * Math.exp(-30 * t);
    expect(out[LAT_P50]! / solve(S, 0.5)).toBeCloseTo(1, 2);
    expect(out[LAT_P90]! / solve(S, 0.9)).toBeCloseTo(1, 2);
    expect(out[LAT_P99]! / solve(S, 0.99)).toBeCloseTo(1, 2);
    expect(out[LAT_P99]!).toBeCloseTo(0.1134, 3);
  });

  test('the 2-core noisy neighbour: small p99 from the hand mixture with a 168 ms burst', () => {
    const s = node(2, [small, noisy]);
    const x = {
      ...createLatencyInput(),
      arrivalRatePerSecond: 20,
      cpuPerRequestSeconds: 0.005,
      receivedCores: s.received[0]!,
      burstCores: s.burstCores[0]!,
      contendedBurstCores: s.contendedBurstCores[0]!,
      contentionProb: s.contentionProb[0]!,
      contentionSeconds: s.contentionSeconds[0]!,
    };
    const out = createLatencyOut();
    podLatencyContendedStep(x, out);
    // Free: 1 core, μ = 200/s, sojourn Exp(180/s), median f = ln 2/180 = 3.85 ms.
    // Contended: 0.124542 core, μ = 24.908/s, sojourn Exp(4.908/s) (ρ = 0.803, mean 204 ms), but
    // the neighbour's burst ends after U(0, τ), τ = 0.168421 s, and the request then finishes in ≈ f:
    // S(t) = 11/19·e^(−180t) + 8/19·e^(−4.908t)·max(0, 1 − (t − f)/τ).
    // By hand at t = 163.3 ms: 8/19 · 0.44867 · 0.05327 = 0.01006; at 163.5 ms 0.00983 → p99 ≈ 163.4 ms
    // (kernel on the real noisy-neighbour case, 2 workers: 160–225 ms; the mean-field model: 23 ms).
    const mu = (2 * 102) / 1638 / 0.005;
    const f = Math.log(2) / 180;
    const tau = 0.32 / 1.9;
    const S = (t: number): number => (11 / 19) * Math.exp(-180 * t) + (8 / 19) * Math.exp(-(mu - 20) * t) * Math.max(0, Math.min(1, 1 - (t - f) / tau));
    expect(out[LAT_P99]! / solve(S, 0.99)).toBeCloseTo(1, 2);
    expect(out[LAT_P99]!).toBeGreaterThan(0.162);
    expect(out[LAT_P99]!).toBeLessThan(0.165);
    expect(out[LAT_P50]! / solve(S, 0.5)).toBeCloseTo(1, 2);
  });

  test.each([
    { name: 'no contention (p = 0)', contentionProb: 0, contendedBurstCores: 0.2 },
    { name: 'contended rate equals the free rate', contentionProb: 0.5, contendedBurstCores: 1 },
  ])('$name: identical to podLatencyStep', (o) => {
    const x = { ...createLatencyInput(), arrivalRatePerSecond: 50, cpuPerRequestSeconds: 0.01, receivedCores: 0.5, burstCores: 1, sloSeconds: 0.05, ...o };
    const a = createLatencyOut();
    const b = createLatencyOut();
    podLatencyStep(x, a);
    podLatencyContendedStep(x, b);
    expect(Array.from(b)).toEqual(Array.from(a));
  });
  test('the quantile search returns the plain bisection\'s answer to the bit', () => {
    const input = fc.record({
      arrivalRatePerSecond: fc.double({ min: 0.5, max: 400, noNaN: true }),
      cpuPerRequestSeconds: fc.double({ min: 0.0005, max: 0.2, noNaN: true }),
      cpuDist: fc.constantFrom('exp' as const, 'lognormal' as const, 'fixed' as const),
      cpuCv: fc.double({ min: 0.2, max: 3, noNaN: true }),
      workers: fc.integer({ min: 1, max: 16 }),
      burstCores: fc.double({ min: 0.1, max: 8, noNaN: true }),
      slowdown: fc.double({ min: 0.02, max: 0.95, noNaN: true }),
      contentionProb: fc.double({ min: 0.001, max: 1, noNaN: true }),
      contentionSeconds: fc.oneof(fc.constant(Infinity), fc.double({ min: 0.001, max: 2, noNaN: true })),
      throttledLatencyP99Seconds: fc.oneof(fc.constant(0), fc.double({ min: 0.001, max: 0.5, noNaN: true })),
    });
    fc.assert(
      fc.property(input, (o) => {
        const x = {
          ...createLatencyInput(),
          ...o,
          receivedCores: Math.min(o.burstCores, o.arrivalRatePerSecond * o.cpuPerRequestSeconds),
          contendedBurstCores: o.burstCores * o.slowdown,
          throttledLatencyP50Seconds: o.throttledLatencyP99Seconds / 4,
          throttledLatencyP90Seconds: o.throttledLatencyP99Seconds / 2,
        };
        const out = createLatencyOut();
        podLatencyContendedStep(x, out);
        if (!(out[LAT_P99]! > 0)) return;
        const want = bisectedMixture(x);
        expect([out[LAT_P50], out[LAT_P90], out[LAT_P99]]).toEqual(want);
      }),
      { numRuns: 400, seed: 14 },
    );
  });
});
