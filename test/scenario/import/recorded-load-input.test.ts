import { describe, expect, test } from 'vitest';
import { loadText, scenario } from './load-text.js';
import type { ReplayLoadConfig } from '../../../src/models/load/types.js';

const withLoad = (load: string, extra = '') =>
  scenario(`  workloads:
    - name: checkout
      resources: { requests: { cpu: 100m } }
      cpuPerRequest: 20ms
      workerThreads: 2
      load: ${load}
${extra}`);

function replay(text: string): { load: ReplayLoadConfig; warnings: string[] } {
  const r = loadText(text);
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.file}:${p.line} ${p.message}`).join('\n'));
  return { load: r.value.before.workloads[0]!.load as ReplayLoadConfig, warnings: r.warnings.map((w) => w.message) };
}

describe('a recorded load in a scenario', () => {
  test('Prometheus: the checkout series summed, the NaN point skipped, at the recording step', () => {
    // Two checkout pods: 10+5, 20+5, 30+5, then 40 alone (the other pod's NaN is skipped).
    const { load, warnings } = replay(withLoad('{ type: replay, file: load/checkout-rps.json, series: { service: checkout } }'));
    expect(load).toMatchObject({ type: 'replay', intervalMs: 60_000, rps: [15, 25, 35, 40], loop: true, shiftMs: 0, noise: 'poisson' });
    expect(load.source).toBe('load/checkout-rps.json');
    expect(warnings).toContain('recorded load: summed 2 series point by point');
    expect(warnings).toContain('recorded load: skipped 1 sample(s) that were not finite numbers');
  });

  test('resample, scale and shift', () => {
    // 2-minute grid: points at 0 and 120 s; each takes the samples within 60 s of it: [15] and [25, 35] -> 15, 30; x 2.
    const { load } = replay(withLoad('{ type: replay, file: load/checkout-rps.json, series: { service: checkout }, resample: 2m, scale: 2, shift: 1h, loop: false }'));
    expect(load).toMatchObject({ intervalMs: 120_000, rps: [30, 60], shiftMs: 3_600_000, loop: false });
  });

  test('a CPU-usage trace with the stated CPU cost per request', () => {
    // (0.7 - 0.1) / 0.020 = 30, (1.2 - 0.1) / 0.020 = 55, (1.7 - 0.1) / 0.020 = 80 requests/s.
    const { load } = replay(withLoad('{ type: replay, file: load/cpu-usage.csv, quantity: cpuUsage, baselineCpu: 100m }'));
    expect(load.rps.map((v) => Math.round(v * 1e9) / 1e9)).toEqual([30, 55, 80]);
  });

  test('inline samples need no file', () => {
    const { load } = replay(withLoad('{ type: replay, samples: [[0, 1], [30, 2], [60, 3]] }'));
    expect(load).toMatchObject({ intervalMs: 30_000, rps: [1, 2, 3], source: 'inline samples' });
  });

  test('a bad CSV row is reported at its line in the recording', () => {
    const r = loadText(withLoad('{ type: replay, file: load/bad.csv }'));
    expect(!r.ok && r.problems[0]).toMatchObject({ line: 3, column: 12, message: 'recorded load (csv): not a number: "ten"' });
    expect(!r.ok && r.problems[0]!.file).toMatch(/load\/bad.csv$/);
  });

  test('a CPU-usage trace without cpuPerRequest is refused', () => {
    const r = loadText(
      scenario(`  workloads:
    - name: checkout
      load: { type: replay, file: load/cpu-usage.csv, quantity: cpuUsage }
`),
    );
    expect(!r.ok && r.problems.map((p) => p.path)).toContain('spec.workloads[0].load.quantity');
  });

  test('file and samples together are refused', () => {
    const r = loadText(withLoad('{ type: replay, file: load/cpu-usage.csv, samples: [[0, 1], [1, 2]] }'));
    expect(!r.ok && r.problems[0]).toMatchObject({ path: 'spec.workloads[0].load.samples' });
  });
});

describe('synthetic shapes in a scenario', () => {
  test('weekly: defaults are a Monday start and half the traffic at weekends', () => {
    const r = loadText(withLoad('{ type: weekly, minRps: 10, maxRps: 100, peakAt: "12:00" }'));
    expect(r.ok && r.value.before.workloads[0]!.load).toEqual({ type: 'weekly', minRps: 10, maxRps: 100, peakAtMs: 12 * 3_600_000, weekendFactor: 0.5, startDay: 0, noise: 'poisson' });
  });

  test('weekly: startDay by name', () => {
    const r = loadText(withLoad('{ type: weekly, minRps: 10, maxRps: 100, startDay: Saturday, weekendFactor: 0.2 }'));
    expect(r.ok && r.value.before.workloads[0]!.load).toMatchObject({ startDay: 5, weekendFactor: 0.2 });
  });

  test('randomWalk: the default seed follows the workload name, the interval defaults to 5 min', () => {
    const r = loadText(withLoad('{ type: randomWalk, startRps: 50, minRps: 10, maxRps: 200, volatility: 0.3 }'));
    const load = r.ok ? r.value.before.workloads[0]!.load : null;
    expect(load).toMatchObject({ type: 'randomWalk', intervalMs: 300_000, volatility: 0.3 });
    expect(load && 'seed' in load && Number.isInteger(load.seed)).toBe(true);
  });

  test('randomWalk: a start outside [min, max] is refused at its field', () => {
    const r = loadText(withLoad('{ type: randomWalk, startRps: 500, minRps: 10, maxRps: 200, volatility: 0.3 }'));
    expect(!r.ok && r.problems[0]).toMatchObject({ path: 'spec.workloads[0].load.startRps', message: 'must be within [minRps, maxRps] = [10, 200]' });
  });

  test('an unknown shape gets a did-you-mean', () => {
    const r = loadText(withLoad('{ type: replya, file: x.csv }'));
    expect(!r.ok && r.problems[0]).toMatchObject({ path: 'spec.workloads[0].load.type', hint: 'did you mean "replay"?' });
  });
});
