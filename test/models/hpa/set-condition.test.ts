/** `setConditionInList` (horizontal.go): replace or append, lastTransitionTime moves only on a status flip. */
import { describe, expect, test } from 'vitest';
import { indexOfCondition, setCondition } from '../../../src/models/hpa/set-condition.js';
import type { HpaCondition } from '../../../src/models/hpa/types.js';

const able: HpaCondition = { type: 'AbleToScale', status: 'True', reason: 'ReadyForNewScale', message: 'recommended size matches current size', lastTransitionTimeMs: 1000 };
const active: HpaCondition = { type: 'ScalingActive', status: 'True', reason: 'ValidMetricFound', message: 'ok', lastTransitionTimeMs: 2000 };

describe('setCondition', () => {
  test('the same condition again returns the list itself, unchanged', () => {
    const list = [able, active];
    const next = setCondition(list, 'AbleToScale', 'True', 'ReadyForNewScale', 'recommended size matches current size', 9000);
    expect(next).toBe(list);
    expect(next).toEqual([able, active]);
  });

  test('a new reason with the same status keeps the transition time and the order', () => {
    const next = setCondition([able, active], 'AbleToScale', 'True', 'SucceededRescale', 'rescaled', 9000);
    expect(next).toEqual([{ ...able, reason: 'SucceededRescale', message: 'rescaled' }, active]);
  });

  test('a new message alone is a new list too', () => {
    const list = [able, active];
    const next = setCondition(list, 'ScalingActive', 'True', 'ValidMetricFound', 'other', 9000);
    expect(next).not.toBe(list);
    expect(next).toEqual([able, { ...active, message: 'other' }]);
  });

  test('a status flip moves the transition time to now', () => {
    const next = setCondition([able, active], 'ScalingActive', 'False', 'FailedGetResourceMetric', 'no metrics', 9000);
    expect(next).toEqual([able, { type: 'ScalingActive', status: 'False', reason: 'FailedGetResourceMetric', message: 'no metrics', lastTransitionTimeMs: 9000 }]);
  });

  test('a condition not yet there is appended at now', () => {
    const next = setCondition([able], 'ScalingLimited', 'False', 'DesiredWithinRange', 'in range', 9000);
    expect(next).toEqual([able, { type: 'ScalingLimited', status: 'False', reason: 'DesiredWithinRange', message: 'in range', lastTransitionTimeMs: 9000 }]);
  });

  test('indexOfCondition: the position of the type, the first if repeated, -1 when absent', () => {
    expect(indexOfCondition([able, active], 'ScalingActive')).toBe(1);
    expect(indexOfCondition([able, active, { ...active, reason: 'other' }], 'ScalingActive')).toBe(1);
    expect(indexOfCondition([able], 'ScalingLimited')).toBe(-1);
    expect(indexOfCondition([], 'AbleToScale')).toBe(-1);
  });
});
