import { describe, expect, test } from 'vitest';
import { findRunWarnings, runWarningDefaults, type RunWarningInput } from '../../src/simulation/run-warnings.js';

const minute = 60_000;
/** Samples every minute over 30 minutes: 31 instants. */
const timeMs = Array.from({ length: 31 }, (_, k) => k * minute);
const flat = (v: number) => timeMs.map(() => v);

function input(over: Partial<RunWarningInput['workloads'][number]>, events: RunWarningInput['events'] = []): RunWarningInput {
  return {
    timeMs,
    durationMs: 30 * minute,
    workloads: [{ name: 'api', pendingPods: flat(0), readyReplicas: flat(2), rps: flat(10), droppedRps: flat(0), ...over }],
    unusablePools: [],
    events,
  };
}

describe('findRunWarnings', () => {
  test('a healthy run has no warning', () => {
    expect(findRunWarnings(input({}))).toEqual([]);
  });

  test('pods Pending for 12 minutes: one warning with the span and the scheduler message', () => {
    // Pending at samples 5..16 (12 instants): the span is [5 min, 17 min), 12 minutes >= 10.
    const pendingPods = timeMs.map((_, k) => (k >= 5 && k <= 16 ? 3 : 0));
    const events = [{ timeMs: 6 * minute, source: 'scheduler', subject: 'api', reason: 'FailedScheduling', message: 'api-7: 0/3 nodes are available: 3 Insufficient cpu.' }];
    const [w, ...rest] = findRunWarnings(input({ pendingPods }, events));
    expect(rest).toEqual([]);
    expect(w).toMatchObject({ kind: 'pods-pending', workload: 'api', fromMs: 5 * minute, toMs: 17 * minute });
    expect(w!.message).toMatch(/up to 3 pod\(s\) Pending/);
    expect(w!.cause).toBe('FailedScheduling: 0/3 nodes are available: 3 Insufficient cpu.');
  });

  test('pods Pending for 9 minutes in the middle of the run: normal provisioning, no warning', () => {
    const pendingPods = timeMs.map((_, k) => (k >= 5 && k <= 13 ? 1 : 0));
    expect(findRunWarnings(input({ pendingPods }))).toEqual([]);
  });

  test('no ready pod while requests arrive, with every request dropped: two warnings', () => {
    // Ready 0 at samples 10..14, traffic throughout; dropped equals the offered rate in the
    // intervals that end at samples 11..15, so both spans are [10 min, 15 min).
    const readyReplicas = timeMs.map((_, k) => (k >= 10 && k <= 14 ? 0 : 2));
    const droppedRps = timeMs.map((_, k) => (k >= 11 && k <= 15 ? 10 : 0));
    const warnings = findRunWarnings(input({ readyReplicas, droppedRps }));
    expect(warnings.map((w) => [w.kind, w.fromMs, w.toMs])).toEqual([
      ['no-ready-pod', 10 * minute, 15 * minute],
      ['requests-dropped', 10 * minute, 15 * minute],
    ]);
    // 5 intervals of 60 s at 10 rps, all dropped: 100 %.
    expect(warnings[1]!.message).toMatch(/100\.0% of requests dropped/);
  });

  test(`dropped requests below ${runWarningDefaults.droppedShare * 100} % are not a warning`, () => {
    expect(findRunWarnings(input({ droppedRps: flat(0.05) }))).toEqual([]);
  });

  test('a pool no workload can use, and an autoscaler that refuses to launch', () => {
    const events = [
      { timeMs: 2 * minute, source: 'cluster-autoscaler', subject: 'cluster', reason: 'NotTriggerScaleUp', message: 'max total nodes in cluster reached: 3' },
      { timeMs: 4 * minute, source: 'cluster-autoscaler', subject: 'cluster', reason: 'NotTriggerScaleUp', message: 'max total nodes in cluster reached: 3' },
    ];
    const warnings = findRunWarnings({ ...input({}, events), unusablePools: [{ pool: 'gpu', nodes: 2, costUsd: 1.5 }] });
    expect(warnings.map((w) => [w.kind, w.pool, w.fromMs, w.toMs])).toEqual([
      ['pool-unused', 'gpu', 0, 30 * minute],
      ['scale-up-blocked', null, 2 * minute, 4 * minute],
    ]);
    expect(warnings[1]!.cause).toBe('max total nodes in cluster reached: 3');
  });
});
