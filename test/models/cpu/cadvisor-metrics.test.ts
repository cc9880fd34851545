import { describe, expect, test } from 'vitest';
import { accumulateCpuCounters, cadvisorCpuMetrics, createCpuCounters, readCpuCounters } from '../../../src/models/cpu/cadvisor-metrics.js';
import { cpuThrottlingHighMinutes, type ThrottleSample } from '../../../src/models/cpu/cpu-throttling-high.js';
import { createThrottleOut, THROTTLE_NR_PERIODS, THROTTLE_NR_THROTTLED, THROTTLE_THROTTLED_SECONDS } from '../../../src/models/cpu/throttle-step.js';

describe('cAdvisor CPU metrics', () => {
  test('accumulated step counters map to the cAdvisor names', () => {
    const counters = createCpuCounters(2);
    const out = createThrottleOut();
    // two 10 s steps of a saturated 0.5-core container on 2 CPUs: 100 periods, all throttled,
    // 75 ms × 2 CPUs each (docs/models/cpu.md#throttling-by-limits) = 15 s throttled time per step; 0.5 core × 10 s usage.
    out[THROTTLE_NR_PERIODS] = 100;
    out[THROTTLE_NR_THROTTLED] = 100;
    out[THROTTLE_THROTTLED_SECONDS] = 15;
    accumulateCpuCounters(counters, 1, out, 0.5, 10);
    accumulateCpuCounters(counters, 1, out, 0.5, 10);
    expect(cadvisorCpuMetrics(readCpuCounters(counters, 1))).toEqual({
      container_cpu_cfs_periods_total: 200,
      container_cpu_cfs_throttled_periods_total: 200,
      container_cpu_cfs_throttled_seconds_total: 30,
      container_cpu_usage_seconds_total: 10,
    });
    expect(readCpuCounters(counters, 0)).toEqual({ nrPeriods: 0, nrThrottled: 0, throttledSeconds: 0, usageSeconds: 0 });
  });
});

function series(ratios: number[], step = 60): ThrottleSample[] {
  return ratios.map((r, i) => ({ endSeconds: (i + 1) * step, stepSeconds: step, periods: step * 10, throttledPeriods: step * 10 * r }));
}

describe('CPUThrottlingHigh (25 % over 5 min, for 15 min)', () => {
  test.each([
    // 30 % every minute for 30 min: active from the first evaluation (t = 1 min), fires once it has
    // held 15 min (t = 16 min) through t = 30 min: 15 one-minute steps firing.
    { name: 'steady 30 % fires after 15 minutes', ratios: Array(30).fill(0.3), minutes: 15, first: 16 * 60 },
    // 20 % is under the threshold
    { name: 'steady 20 % never fires', ratios: Array(30).fill(0.2), minutes: 0, first: null },
    // 10 minutes at 40 % then 0 %: the window ending at 11 min holds minutes 7..11 = 4 × 40 % → 32 %,
    // the one ending at 12 min holds 3 × 40 % → 24 %. Active from 1 to 11 min = 10 min < 15: no fire.
    { name: 'ten bad minutes do not fire', ratios: [...Array(10).fill(0.4), ...Array(20).fill(0)], minutes: 0, first: null },
  ])('$name', ({ ratios, minutes, first }) => {
    const r = cpuThrottlingHighMinutes(series(ratios));
    expect(r.minutes).toBe(minutes);
    expect(r.firstFiringSeconds).toBe(first);
    expect(r.reason).toBe(minutes > 0 ? 'CPUThrottlingHigh' : 'NotFiring');
  });

  test('with for: 0 it fires at the first window above the ratio', () => {
    // a single 1-min step at 100 % makes the 5-min window 100 % (only that step is in it)
    const r = cpuThrottlingHighMinutes(series([1, 0, 0, 0, 0, 0, 0]), { forSeconds: 0 });
    // windows ending at 1..5 min contain the bad minute: ratios 1, 1/2, 1/3, 1/4, 1/5 → active at
    // 1, 2, 3 min (1/4 = 25 % is not > 25 %) → 3 minutes firing
    expect(r.minutes).toBe(3);
  });
});
