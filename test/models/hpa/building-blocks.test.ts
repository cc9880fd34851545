/**
 * Building blocks not pinned down by the upstream vectors. Expectations come from the upstream source rules
 * quoted in the comments (summarized in docs/models/hpa.md).
 */
import { describe, expect, test } from 'vitest';
import { DEFAULT_SCALE_DOWN_RULES, DEFAULT_SCALE_UP_RULES } from '../../../src/models/hpa/defaults.js';
import { classifyPod } from '../../../src/models/hpa/group-pods.js';
import { resolveHpaBehavior } from '../../../src/models/hpa/resolve-behavior.js';
import { replicasChangePerPeriod, storeScaleEvent } from '../../../src/models/hpa/scale-events.js';
import { isWithinTolerance, tolerancesForHpa } from '../../../src/models/hpa/tolerances.js';
import type { HpaScaleEvent } from '../../../src/models/hpa/types.js';
import { behavior, buildPod, NOW_MS, spec } from './builders.js';
import { DEFAULT_HPA_CONTROLLER_CONFIG } from '../../../src/models/hpa/defaults.js';

const times = { nowMs: NOW_MS, cpuInitializationPeriodMs: 300_000, initialReadinessDelayMs: 30_000 };
const sampleAt = (secAgo: number, windowSec = 15) => ({ timestampMs: NOW_MS - secAgo * 1000, windowMs: windowSec * 1000 });

describe('classifyPod (production flags: 5 min init, 30 s readiness delay)', () => {
  test.each([
    // Ready 20 s ago, sample window 15 s ending now: now ≥ transition + 15 s → counts.
    { name: 'fresh pod whose sample window started after Ready', pod: { startedSecAgo: 60, readySecAgo: 20 }, sample: sampleAt(0), cpu: true, group: 'ready' },
    // Ready 10 s ago: now < transition + 15 s → the sample still holds pre-Ready usage → unready.
    { name: 'fresh pod whose sample overlaps its startup', pod: { startedSecAgo: 60, readySecAgo: 10 }, sample: sampleAt(0), cpu: true, group: 'unready' },
    // Same pod for memory: the CPU rule does not apply.
    { name: 'the same pod for memory', pod: { startedSecAgo: 60, readySecAgo: 10 }, sample: sampleAt(0), cpu: false, group: 'ready' },
    // Past init: Ready=False, start + 30 s (−570 s) > transition (−590 s) → never ready since startup → unready.
    { name: 'old pod that never became ready', pod: { startedSecAgo: 600, readySecAgo: 590, ready: false }, sample: sampleAt(0), cpu: true, group: 'unready' },
    // Past init: Ready=False but transition (−60 s) is after start + 30 s → it was ready before → counts.
    { name: 'old pod that dropped out of Ready later', pod: { startedSecAgo: 600, readySecAgo: 60, ready: false }, sample: sampleAt(0), cpu: true, group: 'ready' },
    { name: 'running pod with no sample', pod: {}, sample: null, cpu: true, group: 'missing' },
    { name: 'Failed pod', pod: { phase: 'Failed' as const }, sample: sampleAt(0), cpu: true, group: 'ignored' },
    { name: 'deleting pod', pod: { deleting: true }, sample: sampleAt(0), cpu: false, group: 'ignored' },
    { name: 'Pending pod with a sample', pod: { phase: 'Pending' as const }, sample: sampleAt(0), cpu: false, group: 'unready' },
    // Go's zero lastTransitionTime: Ready=True long ago, so past init the pod counts.
    { name: 'Ready condition without a transition time', pod: { readySecAgo: null }, sample: sampleAt(0), cpu: true, group: 'ready' },
    { name: 'no Ready condition (CPU)', pod: { ready: null }, sample: sampleAt(0), cpu: true, group: 'unready' },
  ])('$name → $group', ({ pod, sample, cpu, group }) => {
    expect(classifyPod(buildPod(pod), sample, cpu, times)).toBe(group);
  });
});

describe('scale events', () => {
  const upRules = { ...DEFAULT_SCALE_UP_RULES, policies: [{ type: 'Pods' as const, value: 4, periodSeconds: 60 }] };
  const event = (secAgo: number, change: number, outdated = false): HpaScaleEvent => ({ timeMs: NOW_MS - secAgo * 1000, change, outdated });

  test('an event exactly one period old no longer counts', () => {
    // Cutoff now − 60 s is exclusive: only the 59 s and 10 s events count → 2 + 3.
    expect(replicasChangePerPeriod([event(60, 1), event(59, 2), event(10, 3)], 60, NOW_MS)).toBe(5);
  });

  test('the new event reuses the LAST outdated slot and older outdated events stay', () => {
    // Longest period 60 s: events 100 s and 90 s old become outdated; the 90 s slot (index 1) is reused.
    const stored = storeScaleEvent([event(100, 1), event(90, 2), event(30, 3)], upRules, 7, NOW_MS);
    expect(stored).toEqual([event(100, 1, true), { timeMs: NOW_MS, change: 7, outdated: false }, event(30, 3)]);
  });

  test('without outdated events the new one is appended', () => {
    expect(storeScaleEvent([event(30, 3)], upRules, 1, NOW_MS)).toEqual([event(30, 3), event(0, 1)]);
  });
});

describe('resolveHpaBehavior (API defaulting)', () => {
  test('no behavior stays null: the legacy path', () => {
    expect(resolveHpaBehavior(null)).toBeNull();
    expect(resolveHpaBehavior(undefined)).toBeNull();
  });

  test('an empty behavior gets both default directions', () => {
    expect(resolveHpaBehavior({})).toEqual({ scaleUp: DEFAULT_SCALE_UP_RULES, scaleDown: DEFAULT_SCALE_DOWN_RULES });
  });

  test('fields are defaulted one by one; a tolerance-only direction keeps the default policies', () => {
    const resolved = resolveHpaBehavior({ scaleUp: { selectPolicy: 'Disabled' }, scaleDown: { tolerance: 0.2 } });
    expect(resolved?.scaleUp).toEqual({ ...DEFAULT_SCALE_UP_RULES, selectPolicy: 'Disabled' });
    expect(resolved?.scaleDown).toEqual({ ...DEFAULT_SCALE_DOWN_RULES, tolerance: 0.2 });
    // The scale-down window stays unset; the controller flag fills it at sync time.
    expect(resolved?.scaleDown.stabilizationWindowSeconds).toBeNull();
  });

  test('defaults are 4 pods or 100 % per 15 s up, 100 % per 15 s down (not the stale "60 s" doc)', () => {
    expect(DEFAULT_SCALE_UP_RULES.policies).toEqual([
      { type: 'Pods', value: 4, periodSeconds: 15 },
      { type: 'Percent', value: 100, periodSeconds: 15 },
    ]);
    expect(DEFAULT_SCALE_DOWN_RULES.policies).toEqual([{ type: 'Percent', value: 100, periodSeconds: 15 }]);
  });
});

describe('tolerances', () => {
  test.each([
    { ratio: 0.9, within: true },
    { ratio: 1.1, within: true },
    { ratio: 0.8999, within: false },
    { ratio: 1.1001, within: false },
    { ratio: Number.NaN, within: false },
  ])('ratio $ratio within the inclusive 0.1 band: $within', ({ ratio, within }) => {
    expect(isWithinTolerance(ratio, { scaleUp: 0.1, scaleDown: 0.1 })).toBe(within);
  });

  test('per-HPA values apply only with a behavior block and the gate on', () => {
    const withBehavior = spec({ behavior: behavior({ scaleUp: { tolerance: 0.3 } }) });
    const config = DEFAULT_HPA_CONTROLLER_CONFIG;
    expect(tolerancesForHpa(withBehavior, config)).toEqual({ scaleUp: 0.3, scaleDown: 0.1 });
    expect(tolerancesForHpa(withBehavior, { ...config, configurableToleranceEnabled: false })).toEqual({ scaleUp: 0.1, scaleDown: 0.1 });
    expect(tolerancesForHpa(spec(), config)).toEqual({ scaleUp: 0.1, scaleDown: 0.1 });
  });
});
