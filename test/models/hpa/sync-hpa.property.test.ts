/**
 * Properties of syncHpa over random multi-sync runs (fast-check):
 * 1. with spec replicas ≠ 0 the result is always within [minReplicas, maxReplicas];
 * 2. behavior rate limits are never exceeded, checked against an independent formulation: a
 *    policy of period P bounds the new count by the count the target had P seconds earlier
 *    (Pods: R(t−P) ± value; Percent: ceil(R(t−P)·(1+v/100)) up, trunc(R(t−P)·(1−v/100)) down),
 *    combined over policies by selectPolicy.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { initialHpaControllerState, syncHpa } from '../../../src/models/hpa/sync-hpa.js';
import type { HpaBehavior, HpaPodObservation, HpaScalingPolicy, HpaScalingRules, HpaSpec } from '../../../src/models/hpa/types.js';
import { buildPod, cpuUtilization, NOW_MS, syncInput } from './builders.js';

const policyArb: fc.Arbitrary<HpaScalingPolicy> = fc.record({
  type: fc.constantFrom('Pods' as const, 'Percent' as const),
  value: fc.integer({ min: 1, max: 200 }),
  periodSeconds: fc.integer({ min: 1, max: 120 }),
});

const rulesArb: fc.Arbitrary<HpaScalingRules> = fc.record({
  stabilizationWindowSeconds: fc.option(fc.integer({ min: 0, max: 120 }), { nil: null }),
  selectPolicy: fc.constantFrom('Max' as const, 'Min' as const, 'Disabled' as const),
  policies: fc.array(policyArb, { minLength: 1, maxLength: 3 }),
  tolerance: fc.constant(null),
});

const behaviorArb: fc.Arbitrary<HpaBehavior> = fc.record({ scaleUp: rulesArb, scaleDown: rulesArb });

/** One sync: seconds since the previous sync and per-pod CPU usage as a fraction of the request. */
const stepArb = fc.record({
  gapSec: fc.constantFrom(15, 15, 15, 30, 60),
  load: fc.integer({ min: 0, max: 400 }),
  flaky: fc.integer({ min: 0, max: 9 }),
});

/** Pods of the current count; `flaky` makes some pods miss samples or stay unready. */
function podsFor(replicas: number, nowMs: number, loadPercent: number, flaky: number): HpaPodObservation[] {
  return Array.from({ length: Math.min(replicas, 60) }, (_, i) => {
    const missing = flaky > 7 && i % 3 === 0;
    const fresh = flaky === 7 && i % 2 === 1;
    return buildPod({
      name: `p${i}`,
      nowMs,
      cpuMilli: missing ? null : loadPercent * 10,
      ...(fresh ? { startedSecAgo: 5, readySecAgo: 5 } : {}),
    });
  });
}

describe('syncHpa properties', () => {
  test('the result stays within [minReplicas, maxReplicas] whenever spec replicas ≠ 0', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 1, max: 40 }),
        fc.option(behaviorArb, { nil: null }),
        fc.array(stepArb, { minLength: 1, maxLength: 20 }),
        (minReplicas, span, initial, behavior, steps) => {
          const hpa: HpaSpec = { minReplicas, maxReplicas: minReplicas + span, metrics: [cpuUtilization(50)], behavior };
          let state = initialHpaControllerState();
          let replicas = initial;
          let nowMs = NOW_MS;
          for (const step of steps) {
            nowMs += step.gapSec * 1000;
            const pods = podsFor(replicas, nowMs, step.load, step.flaky);
            const result = syncHpa(syncInput({ nowMs, spec: hpa, pods, specReplicas: replicas }), state);
            expect(result.desiredReplicas).toBeGreaterThanOrEqual(hpa.minReplicas);
            expect(result.desiredReplicas).toBeLessThanOrEqual(hpa.maxReplicas);
            state = result.state;
            replicas = result.desiredReplicas;
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  test('behavior rate limits are never exceeded over any policy period', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 10 }),
        behaviorArb,
        fc.array(stepArb, { minLength: 1, maxLength: 25 }),
        (minReplicas, startOffset, behavior, steps) => {
          const hpa: HpaSpec = { minReplicas, maxReplicas: 60, metrics: [cpuUtilization(50)], behavior };
          let state = initialHpaControllerState();
          let replicas = minReplicas + startOffset;
          let nowMs = NOW_MS;
          // Count the target had at time x: the value after the last change at or before x.
          const log: { timeMs: number; replicas: number }[] = [{ timeMs: Number.NEGATIVE_INFINITY, replicas }];
          const countAt = (timeMs: number): number => {
            let count = replicas;
            for (const entry of log) if (entry.timeMs <= timeMs) count = entry.replicas;
            return count;
          };
          for (const step of steps) {
            nowMs += step.gapSec * 1000;
            const pods = podsFor(replicas, nowMs, step.load, step.flaky);
            const result = syncHpa(syncInput({ nowMs, spec: hpa, pods, specReplicas: replicas }), state);
            const next = result.desiredReplicas;
            const bound = (rules: HpaScalingRules, up: boolean): number => {
              const perPolicy = rules.policies.map((p) => {
                const start = countAt(nowMs - p.periodSeconds * 1000);
                if (p.type === 'Pods') return up ? start + p.value : start - p.value;
                return up ? Math.ceil(start * (1 + p.value / 100)) : Math.trunc(start * (1 - p.value / 100));
              });
              // Max picks the biggest change: the largest bound up, the smallest bound down.
              const largest = (rules.selectPolicy === 'Max') === up;
              return largest ? Math.max(...perPolicy) : Math.min(...perPolicy);
            };
            if (next > replicas) {
              expect(behavior.scaleUp.selectPolicy).not.toBe('Disabled');
              expect(next).toBeLessThanOrEqual(bound(behavior.scaleUp, true));
            } else if (next < replicas) {
              expect(behavior.scaleDown.selectPolicy).not.toBe('Disabled');
              expect(next).toBeGreaterThanOrEqual(bound(behavior.scaleDown, false));
            }
            if (next !== replicas) log.push({ timeMs: nowMs, replicas: next });
            state = result.state;
            replicas = next;
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
