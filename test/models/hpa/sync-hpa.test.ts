/**
 * syncHpa stories across several syncs, with the expected numbers derived by hand in comments
 * from docs/models/hpa.md (one sync through conditions) (and, for the rate-limit story, the e2e sequence vector it mirrors).
 */
import { describe, expect, test } from 'vitest';
import { resolveHpaBehavior } from '../../../src/models/hpa/resolve-behavior.js';
import { conditionsByType, initialHpaControllerState, syncHpa } from '../../../src/models/hpa/sync-hpa.js';
import type { HpaControllerState, HpaSpec, HpaSyncInput, HpaSyncResult } from '../../../src/models/hpa/types.js';
import { behavior, buildPod, cpuUtilization, NOW_MS, podsWithCpu, spec, syncInput } from './builders.js';

/** Runs syncs at the given offsets (s) with a fixed per-pod CPU usage, applying each result. */
function runSyncs(
  hpa: HpaSpec,
  initialReplicas: number,
  perPodCpuMilli: (replicas: number) => number,
  offsetsSec: readonly number[],
): HpaSyncResult[] {
  let state: HpaControllerState = initialHpaControllerState();
  let replicas = initialReplicas;
  const results: HpaSyncResult[] = [];
  for (const offset of offsetsSec) {
    const nowMs = NOW_MS + offset * 1000;
    const pods = podsWithCpu(Array.from({ length: replicas }, () => perPodCpuMilli(replicas)), { nowMs });
    const result = syncHpa(syncInput({ nowMs, spec: hpa, pods, specReplicas: replicas }), state);
    results.push(result);
    state = result.state;
    replicas = result.desiredReplicas;
  }
  return results;
}

describe('rescale messages and conditions', () => {
  test('a scale-up reads like the upstream SuccessfulRescale event', () => {
    // util = floor(3 × 900 × 100 / 3000) = 90 %; 90/50 = 1.8; ceil(1.8 × 3) = 6; legacy cap max(2×3, 4) = 6.
    const result = syncHpa(syncInput({ pods: podsWithCpu([900, 900, 900]) }), initialHpaControllerState());
    expect(result.desiredReplicas).toBe(6);
    expect(result.rescaled).toBe(true);
    expect(result.reason).toBe('SuccessfulRescale');
    expect(result.message).toBe('New size: 6; reason: cpu resource utilization (percentage of request) above target');
    expect(result.events).toEqual([{ type: 'Normal', reason: 'SuccessfulRescale', message: result.message }]);
    expect(result.metrics[0]?.current).toEqual({ averageUtilization: 90, averageValueMilli: 900, valueMilli: null });
    expect(result.proposal).toEqual({
      metricReplicas: 6,
      metricName: 'cpu resource utilization (percentage of request)',
      stabilizedReplicas: 6,
      normalizedReplicas: 6,
    });
    expect(result.state.lastScaleTimeMs).toBe(NOW_MS);
  });

  test('zero spec replicas with minReplicas 1 disables scaling', () => {
    const result = syncHpa(syncInput({ specReplicas: 0, pods: [] }), initialHpaControllerState());
    expect(result).toMatchObject({ desiredReplicas: 0, rescaled: false, reason: 'ScalingDisabled' });
    expect(conditionsByType(result.conditions).ScalingActive).toMatchObject({ status: 'False', reason: 'ScalingDisabled' });
    // The history is still seeded with the current count (recordInitialRecommendation runs first).
    expect(result.state.recommendations).toEqual([{ timeMs: NOW_MS, replicas: 0 }]);
  });

  test('a failed metric alongside a scale-up proposal still scales, with a warning event', () => {
    // cpu: util 90 %, ratio 1.8 → 6; External metric missing → FailedGetExternalMetric.
    // Partial failure blocks only scale-downs (6 ≥ spec 3), so the scale-up proceeds.
    const hpa = spec({
      metrics: [cpuUtilization(50), { type: 'External', external: { metric: { name: 'q' }, target: { type: 'Value', value: 1 } } }],
    });
    const result = syncHpa(syncInput({ spec: hpa, pods: podsWithCpu([900, 900, 900]) }), initialHpaControllerState());
    expect(result.desiredReplicas).toBe(6);
    expect(result.events.map((e) => e.reason)).toEqual(['FailedGetExternalMetric', 'SuccessfulRescale']);
    expect(conditionsByType(result.conditions).ScalingActive?.reason).toBe('ValidMetricFound');
  });

  test.each([
    { name: 'the target is scaled to zero', next: { specReplicas: 0, pods: [] }, reason: 'ScalingDisabled' },
    // Two replicas and no pod to read: every metric fails, so the sync keeps 2.
    { name: 'no metric can be read', next: { specReplicas: 2, pods: [] }, reason: 'FailedComputeMetricsReplicas' },
  ])('a sync that stops early after an ordinary one shows AbleToScale as upstream first writes it: $name', ({ next, reason }) => {
    // The first sync (inside tolerance) ends with AbleToScale ReadyForNewScale at index 0 of the
    // list. Upstream's reconcile writes AbleToScale/SucceededGetScale before anything else and
    // writes it again only on the paths that go on to normalize or rescale; these two return first.
    const first = syncHpa(syncInput({ pods: podsWithCpu([500, 500]) }), initialHpaControllerState());
    expect(first.conditions[0]).toMatchObject({ type: 'AbleToScale', reason: 'ReadyForNewScale' });
    const second = syncHpa(syncInput({ nowMs: NOW_MS + 15_000, ...next }), first.state);
    expect(second).toMatchObject({ desiredReplicas: next.specReplicas, rescaled: false, reason });
    expect(second.conditions.map((c) => c.type)).toEqual(first.conditions.map((c) => c.type));
    expect(second.conditions[0]).toEqual({
      type: 'AbleToScale',
      status: 'True',
      reason: 'SucceededGetScale',
      message: "the HPA controller was able to get the target's current scale",
      lastTransitionTimeMs: NOW_MS,
    });
  });

  test('conditions keep their transition time while the status holds', () => {
    // Two syncs inside tolerance: ScalingLimited stays False, so its transition time stays at the first sync.
    const first = syncHpa(syncInput({ pods: podsWithCpu([500, 500]) }), initialHpaControllerState());
    const second = syncHpa(syncInput({ nowMs: NOW_MS + 15_000, pods: podsWithCpu([500, 500]) }), first.state);
    expect(second.reason).toBe('ReadyForNewScale');
    expect(conditionsByType(second.conditions).ScalingLimited?.lastTransitionTimeMs).toBe(NOW_MS);
  });
});

describe('legacy path (no behavior)', () => {
  test('scale-down waits the full 300 s window, and a sample exactly at the cutoff still counts', () => {
    // 5 pods at 10 % of a 50 % target → ratio 0.2 → ceil(0.2 × 5) = 1, but the first sync seeds {5 @ t0}.
    // t=0…300 s: the t0 entries are not older than now − 300 s (inclusive cutoff) → max = 5, ScaleDownStabilized.
    // t=315 s: both t0 entries are expired → max of the later 1s → 1 (≥ minReplicas 1).
    const results = runSyncs(spec(), 5, () => 100, [0, 150, 300, 315]);
    expect(results.map((r) => r.desiredReplicas)).toEqual([5, 5, 5, 1]);
    expect(results[0]?.reason).toBe('ScaleDownStabilized');
    expect(results[3]?.message).toBe('New size: 1; reason: All metrics below target');
  });

  test('scale-up is capped at max(2 × current, 4) per sync', () => {
    // 2 pods at 500 % → ratio 10 → ceil(10 × 2) = 20; cap max(4, 4) = 4 (ScaleUpLimit, since max 50 > 4).
    // Next sync: 4 pods, same per-pod load → 40; cap max(8, 4) = 8.
    const results = runSyncs(spec({ maxReplicas: 50 }), 2, () => 5000, [0, 15]);
    expect(results.map((r) => r.desiredReplicas)).toEqual([4, 8]);
    expect(conditionsByType(results[0]?.conditions ?? []).ScalingLimited).toMatchObject({ status: 'True', reason: 'ScaleUpLimit' });
  });
});

describe('behavior path', () => {
  test('a Pods 1 / 60 s scale-up policy waits until the event is a full period old', () => {
    // Mirrors the e2e vector "should scale up no more than given number of Pods per minute" (1 → 2 → 3).
    // Load 313 m over 500 m requests at 25 %: any count below 3 is over target.
    // t=0: periodStart 1 → limit 2. t=15…60: the +1 event at t0 is newer than now − 60 s except at
    // t=60, where it is exactly 60 s old and no longer counts (strict) → periodStart 2 → limit 3.
    const hpa = spec({
      minReplicas: 1,
      maxReplicas: 10,
      metrics: [cpuUtilization(25)],
      behavior: resolveHpaBehavior({ scaleUp: { stabilizationWindowSeconds: 0, policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] } }),
    });
    let state = initialHpaControllerState();
    let replicas = 1;
    const seen: number[] = [];
    for (const offset of [0, 15, 30, 45, 60]) {
      const nowMs = NOW_MS + offset * 1000;
      const perPod = Math.floor(313 / replicas);
      const pods = Array.from({ length: replicas }, (_, i) => buildPod({ name: `p${i}`, nowMs, cpuMilli: perPod, cpuRequestMilli: 500 }));
      const result = syncHpa(syncInput({ nowMs, spec: hpa, pods, specReplicas: replicas }), state);
      state = result.state;
      replicas = result.desiredReplicas;
      seen.push(replicas);
    }
    expect(seen).toEqual([2, 2, 2, 2, 3]);
    expect(state.scaleUpEvents.map((e) => e.change)).toEqual([1, 1]);
  });

  test('scale-down stabilization keeps the highest recommendation of the window', () => {
    // Window 60 s, default 100 %/15 s policy. Load per pod such that 4 pods want 4, then drops.
    // t=0: 4 pods at 50 % of 50 % → ratio 1 → 4 (no change). t=15: 10 % → ceil(0.2 × 4) = 1, but the
    // t0 recommendation 4 is within 60 s → stays 4 (ScaleDownStabilized). t=75: t0 is 75 s old, the t15
    // entry (1) is 60 s old → excluded (strict) → downCeil = 1 → 1, within the 100 % policy.
    const hpa = spec({ behavior: resolveHpaBehavior({ scaleDown: { stabilizationWindowSeconds: 60 } }) });
    const load = [500, 100, 100];
    let state = initialHpaControllerState();
    let replicas = 4;
    const seen: string[] = [];
    [0, 15, 75].forEach((offset, i) => {
      const nowMs = NOW_MS + offset * 1000;
      const pods = podsWithCpu(Array.from({ length: replicas }, () => load[i] ?? 0), { nowMs });
      const result = syncHpa(syncInput({ nowMs, spec: hpa, pods, specReplicas: replicas }), state);
      state = result.state;
      replicas = result.desiredReplicas;
      seen.push(`${replicas}:${result.reason}`);
    });
    expect(seen).toEqual(['4:ReadyForNewScale', '4:ScaleDownStabilized', '1:SuccessfulRescale']);
    expect(state.scaleDownEvents).toEqual([{ timeMs: NOW_MS + 75_000, change: 3, outdated: false }]);
  });
});

describe('per-HPA tolerance (behavior.*.tolerance)', () => {
  const input = (gate: boolean): HpaSyncInput =>
    syncInput({
      // util 70 %, target 50 → ratio 1.4: outside the flag's 0.1, inside a per-HPA 0.5.
      pods: podsWithCpu([700, 700, 700]),
      spec: spec({ behavior: resolveHpaBehavior({ scaleUp: { tolerance: 0.5 } }) }),
      config: { configurableToleranceEnabled: gate },
    });

  test.each([
    // Gate on: 1.4 ≤ 1 + 0.5 → keep 3.
    { gate: true, expected: 3 },
    // Gate off: the field is ignored; 1.4 > 1.1 → ceil(1.4 × 3) = ceil(4.2) = 5, within the 4-pod / 100 % default policy.
    { gate: false, expected: 5 },
  ])('HPAConfigurableTolerance=$gate → $expected replicas', ({ gate, expected }) => {
    expect(syncHpa(input(gate), initialHpaControllerState()).desiredReplicas).toBe(expected);
  });

  test('the scale-down tolerance is independent of the scale-up one', () => {
    // util 30 %, target 50 → ratio 0.6; scaleDown tolerance 0.5 → 0.5 ≤ 0.6 → keep 4 (the flag alone would give 3).
    const result = syncHpa(
      syncInput({
        pods: podsWithCpu([300, 300, 300, 300]),
        spec: spec({ behavior: behavior({ scaleDown: { tolerance: 0.5, policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] } }) }),
      }),
      initialHpaControllerState(),
    );
    expect(result.desiredReplicas).toBe(4);
  });
});
