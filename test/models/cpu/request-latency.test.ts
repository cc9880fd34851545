import { describe, expect, test } from 'vitest';
import { erlangC } from '../../../src/models/cpu/queueing.js';
import {
  createLatencyInput,
  createLatencyOut,
  LAT_BACKLOG_OUT,
  LAT_P50,
  LAT_P90,
  LAT_P99,
  LAT_REASON,
  LAT_SLO_VIOLATED_SECONDS,
  latencyReasons,
  podLatencyStep,
  type LatencyStepInput,
} from '../../../src/models/cpu/request-latency.js';

function run(o: Partial<LatencyStepInput>): Float64Array {
  const out = createLatencyOut();
  podLatencyStep({ ...createLatencyInput(), ...o }, out);
  return out;
}

/**
 * Exact M/D/1 waiting-time CDF (Erlang 1909): P(W ≤ t) = (1−ρ) Σ_{j=0}^{⌊t/D⌋} (λ(jD − t))^j / j! · e^{−λ(jD − t)}.
 */
function md1WaitCdf(lambda: number, D: number, t: number): number {
  const rho = lambda * D;
  let sum = 0;
  for (let j = 0; j <= Math.floor(t / D); j++) {
    const x = lambda * (j * D - t);
    let term = Math.exp(-x);
    for (let i = 1; i <= j; i++) term *= x / i;
    sum += term;
  }
  return (1 - rho) * sum;
}
function md1SojournQuantile(lambda: number, D: number, q: number): number {
  let lo = 0;
  let hi = 100 * D;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (md1WaitCdf(lambda, D, mid) < q) lo = mid;
    else hi = mid;
  }
  return D + (lo + hi) / 2;
}

describe('podLatencyStep against closed forms (single uncontended pod)', () => {
  test('M/M/1: sojourn ~ Exp(μ − λ), so p = −ln(1 − q)/(μ − λ)', () => {
    // λ = 50/s, E[C] = 10 ms exponential, one worker on a free core: μ = 100/s, μ − λ = 50/s.
    // p50 = ln 2/50 = 13.86 ms, p90 = ln 10/50 = 46.05 ms, p99 = ln 100/50 = 92.10 ms.
    const out = run({ arrivalRatePerSecond: 50, cpuPerRequestSeconds: 0.01, cpuDist: 'exp', workers: 1, receivedCores: 0.5, burstCores: 1 });
    expect(out[LAT_P50]).toBeCloseTo(Math.log(2) / 50, 6);
    expect(out[LAT_P90]).toBeCloseTo(Math.log(10) / 50, 6);
    expect(out[LAT_P99]).toBeCloseTo(Math.log(100) / 50, 6);
    expect(latencyReasons[out[LAT_REASON]!]).toBe('Stable');
  });

  test.each([20, 50])('M/D/1 at λ = %i/s: within 5 %% of Erlang\'s exact distribution at p90 and p99', (lambda) => {
    // D = 10 ms, ρ = λD: P(W > 0) = ρ; the tail is the Cramér–Lundberg asymptote (queueing.ts).
    const out = run({ arrivalRatePerSecond: lambda, cpuPerRequestSeconds: 0.01, cpuDist: 'fixed', workers: 1, receivedCores: lambda / 100, burstCores: 1 });
    // at ρ ≤ 0.5 at least half the requests never wait: the median is the service time D
    expect(out[LAT_P50]).toBeCloseTo(0.01, 9);
    for (const [k, q] of [[LAT_P90, 0.9], [LAT_P99, 0.99]] as const) {
      const exact = md1SojournQuantile(lambda, 0.01, q);
      expect(Math.abs(out[k]! / exact - 1)).toBeLessThan(0.05);
    }
  });

  test('M/M/2 uses Erlang C: W | W > 0 ~ Exp(cμ − λ)', () => {
    // c = 2, A = λ/μ = 1 erlang: C(2, 1) = (A²/2!·c/(c − A)) / (1 + A + A²/2!·c/(c − A)) = 1/3.
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12);
    // λ = 100/s, E[C] = 10 ms exp, 2 workers on 2 free cores. p99 of sojourn: solve
    // (2/3)e^{−μt} + (1/3)·Hypo(cμ−λ = 100, μ = 100) tail = 0.01 → with θ = μ the hypoexponential is
    // Erlang-2: tail e^{−μt}(1 + μt). So 0.01 = e^{−100t}(2/3 + (1 + 100t)/3) ⇔ e^{−x}(3 + x) = 0.03, x = 100t.
    let lo = 0;
    let hi = 20;
    for (let i = 0; i < 100; i++) {
      const mid = (lo + hi) / 2;
      if (Math.exp(-mid) * (3 + mid) > 0.03) lo = mid;
      else hi = mid;
    }
    const out = run({ arrivalRatePerSecond: 100, cpuPerRequestSeconds: 0.01, cpuDist: 'exp', workers: 2, receivedCores: 1, burstCores: 2 });
    expect(out[LAT_P99]).toBeCloseTo(lo / 100, 6);
  });
});

describe('podLatencyStep under contention, throttling and backlog', () => {
  test('half a core doubles the service time', () => {
    // one worker getting 0.5 core: μ = 0.5/10 ms = 50/s, λ = 20/s → p99 = ln 100/30
    const out = run({ arrivalRatePerSecond: 20, cpuPerRequestSeconds: 0.01, cpuDist: 'exp', workers: 1, receivedCores: 0.2, burstCores: 0.5 });
    expect(out[LAT_P99]).toBeCloseTo(Math.log(100) / 30, 6);
  });

  test('throttling adds up to one stall at the tail', () => {
    const base = run({ arrivalRatePerSecond: 10, cpuPerRequestSeconds: 0.005, cpuDist: 'fixed', workers: 4, fanout: 4, receivedCores: 0.05, burstCores: 2, limitCores: 0.5 });
    // f = 0.3, s = 50 ms, T = 100 ms: P(delay > x) = 0.3·((50 ms − x) + E[R])/100 ms. At q = 0.99:
    // x = s + E[R] − 0.01·T/f = 50 + E[R] − 3.333 ms. E[R]: 4 pieces on 2 cores → 1 server at 2 cores,
    // S = 2.5 ms, ρ = 0.025, P-K wait ρS/(2(1 − ρ)) = 0.032 ms → E[R] = 2.532 ms → x = 49.199 ms.
    // At the median 0.5·T/f = 167 ms > s + E[R] → no extra delay.
    const thr = run({ arrivalRatePerSecond: 10, cpuPerRequestSeconds: 0.005, cpuDist: 'fixed', workers: 4, fanout: 4, receivedCores: 0.05, burstCores: 2, limitCores: 0.5, throttledRatio: 0.3, stallPerThrottledSeconds: 0.05 });
    expect(thr[LAT_P99]! - base[LAT_P99]!).toBeCloseTo(0.049199, 5);
    expect(thr[LAT_P50]! - base[LAT_P50]!).toBeCloseTo(0, 9);
  });

  test('demand above capacity builds a backlog and a growing wait', () => {
    // demand 1.5 cores, 1 core received: backlog grows 0.5 core·s per s; over 10 s from 0 to 5.
    // Wait at time t is b(t)/1 core; across the step uniform on [0, 5 s] → p50 ≈ 2.5 s + service.
    const out = run({ arrivalRatePerSecond: 150, cpuPerRequestSeconds: 0.01, cpuDist: 'exp', workers: 1, receivedCores: 1, burstCores: 1, stepSeconds: 10, sloSeconds: 1 });
    expect(out[LAT_BACKLOG_OUT]).toBeCloseTo(5, 9);
    expect(out[LAT_P50]).toBeCloseTo(2.5 + 0.01, 6);
    expect(latencyReasons[out[LAT_REASON]!]).toBe('Overloaded');
    // wait + service > 1 s once b(t) > 0.99 core·s → t > 1.98 s: 8.02 s of the step violate
    expect(out[LAT_SLO_VIOLATED_SECONDS]).toBeCloseTo(10 - 1.98, 6);
  });

  test('a stable pod under its SLO violates nothing', () => {
    const out = run({ arrivalRatePerSecond: 50, cpuPerRequestSeconds: 0.01, cpuDist: 'exp', workers: 1, receivedCores: 0.5, burstCores: 1, sloSeconds: 0.2 });
    expect(out[LAT_SLO_VIOLATED_SECONDS]).toBe(0);
    const tight = run({ arrivalRatePerSecond: 50, cpuPerRequestSeconds: 0.01, cpuDist: 'exp', workers: 1, receivedCores: 0.5, burstCores: 1, sloSeconds: 0.05, stepSeconds: 15 });
    // p99 = 92 ms > 50 ms for the whole step
    expect(tight[LAT_SLO_VIOLATED_SECONDS]).toBe(15);
  });
});

describe('lognormal service', () => {
  test('with (almost) no queueing the percentiles are the lognormal quantiles', () => {
    // λ → 0: sojourn = S. Lognormal with mean 10 ms, cv 1: σ² = ln 2, μ = ln(0.01) − σ²/2;
    // p99 = exp(μ + σ·2.326348) = 0.01·exp(−0.346574 + 0.832555·2.326348) = 0.01·e^1.590242 = 49.05 ms.
    const out = run({ arrivalRatePerSecond: 1e-9, cpuPerRequestSeconds: 0.01, cpuDist: 'lognormal', cpuCv: 1, workers: 1, receivedCores: 1e-11, burstCores: 1 });
    expect(out[LAT_P99]).toBeCloseTo(0.04905, 4);
    // median exp(μ) = 0.01·exp(−0.346574) = 7.071 ms
    expect(out[LAT_P50]).toBeCloseTo(0.007071, 5);
  });
});

describe('podLatencyStep: a draining backlog and the throttle stall at the SLO percentile', () => {
  test('a backlog draining in the step: the q-quantile of the wait b(t)/rate, b falling linearly to 0', () => {
    // λ = 10/s, E[C] = 10 ms on one free core: demand 0.1 core, spare 0.9 core. A backlog of
    // 9 core·s falls as b(t) = 9 − 0.9·t and is gone at t = 10 s of the 15 s step. Over the step,
    // P(b/rate > y) = (9 − y)/(0.9·15) for 0 ≤ y ≤ 9 (rate 1 core/s), so the q-quantile of the wait
    // is 9 − 13.5·(1 − q): 2.25 s, 7.65 s and 8.865 s, plus the 10 ms service. The queue's own
    // sojourn (Exp(90/s): 51 ms at p99) is far below.
    const out = run({ arrivalRatePerSecond: 10, cpuPerRequestSeconds: 0.01, cpuDist: 'exp', workers: 1, receivedCores: 1, burstCores: 1, stepSeconds: 15, backlogCoreSeconds: 9 });
    expect(out[LAT_BACKLOG_OUT]).toBe(0);
    expect(out[LAT_P50]).toBeCloseTo(2.25 + 0.01, 9);
    expect(out[LAT_P90]).toBeCloseTo(7.65 + 0.01, 9);
    expect(out[LAT_P99]).toBeCloseTo(8.865 + 0.01, 9);
  });

  // λ = 10/s, E[C] = 10 ms exponential, one worker on a free core: the sojourn is Exp(90/s), its
  // p99 ln(100)/90 = 51.2 ms. Throttled in half the periods (T = 100 ms) with a 50 ms stall: a
  // request is delayed past x with probability f·(s − x + E[sojourn])/T, so the delay's p99 is
  // the whole stall, 50 ms, and its p50 is 0 (f·(s + 11 ms)/T = 0.31 < 0.5). The SLO percentile
  // p99 is then 101.2 ms: above an 80 ms threshold for the whole step, within a 110 ms one.
  const throttled = { arrivalRatePerSecond: 10, cpuPerRequestSeconds: 0.01, cpuDist: 'exp' as const, workers: 1, receivedCores: 0.1, burstCores: 1, stepSeconds: 15, periodSeconds: 0.1, throttledRatio: 0.5, stallPerThrottledSeconds: 0.05, sloQuantile: 0.99 };
  test('the SLO percentile with the stall at that percentile: above the threshold for the whole step', () => {
    const out = run({ ...throttled, sloSeconds: 0.08 });
    expect(out[LAT_P99]).toBeCloseTo(Math.log(100) / 90 + 0.05, 6);
    expect(out[LAT_P50]).toBeCloseTo(Math.log(2) / 90, 6);
    expect(out[LAT_SLO_VIOLATED_SECONDS]).toBe(15);
  });
  test('the SLO percentile with the stall at that percentile: within a threshold above it', () => {
    expect(run({ ...throttled, sloSeconds: 0.11 })[LAT_SLO_VIOLATED_SECONDS]).toBe(0);
  });
});
