/** meta/v1 LabelSelector semantics (apimachinery labels.Requirement.Matches, LabelSelectorAsSelector). */
import { describe, expect, test } from 'vitest';
import { matchesLabelSelector, withLabelKeys } from '../../../src/models/scheduler/label-selector.js';
import type { LabelSelector } from '../../../src/models/scheduler/types.js';

const labels = { app: 'web', tier: 'front' };

describe('matchesLabelSelector', () => {
  test.each<{ name: string; selector: LabelSelector | null | undefined; expected: boolean }>([
    { name: 'a null selector matches nothing', selector: null, expected: false },
    { name: 'an absent selector matches nothing', selector: undefined, expected: false },
    { name: 'an empty selector matches everything', selector: {}, expected: true },
    { name: 'matchLabels: every pair must be present', selector: { matchLabels: { app: 'web', tier: 'front' } }, expected: true },
    { name: 'matchLabels: a different value fails', selector: { matchLabels: { app: 'db' } }, expected: false },
    { name: 'In with a listed value', selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['db', 'web'] }] }, expected: true },
    { name: 'In on a missing key fails', selector: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }, expected: false },
    { name: 'NotIn holds on a missing key', selector: { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }, expected: true },
    { name: 'NotIn fails on a listed value', selector: { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] }, expected: false },
    { name: 'Exists', selector: { matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, expected: true },
    { name: 'DoesNotExist', selector: { matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, expected: false },
    {
      name: 'matchLabels and matchExpressions are ANDed',
      selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['back'] }] },
      expected: false,
    },
  ])('$name', ({ selector, expected }) => {
    expect(matchesLabelSelector(selector, labels)).toBe(expected);
  });

  test('an empty label value is a value: Exists and In [""] match it', () => {
    expect(matchesLabelSelector({ matchExpressions: [{ key: 'foo', operator: 'In', values: [''] }] }, { foo: '' })).toBe(true);
    expect(matchesLabelSelector({ matchLabels: { foo: '' } }, {})).toBe(false);
  });
});

describe('withLabelKeys', () => {
  test('adds In for matchLabelKeys and NotIn for mismatchLabelKeys with the owner values, skipping keys it lacks', () => {
    const s = withLabelKeys({ matchLabels: { app: 'web' } }, { 'pod-template-hash': 'abc', team: 'x' }, ['pod-template-hash', 'missing'], ['team']);
    expect(s).toEqual({
      matchLabels: { app: 'web' },
      matchExpressions: [
        { key: 'pod-template-hash', operator: 'In', values: ['abc'] },
        { key: 'team', operator: 'NotIn', values: ['x'] },
      ],
    });
    expect(matchesLabelSelector(s, { app: 'web', 'pod-template-hash': 'abc', team: 'y' })).toBe(true);
    expect(matchesLabelSelector(s, { app: 'web', 'pod-template-hash': 'old' })).toBe(false);
  });

  test('a null selector with applicable keys selects by the keys alone (mergeLabelSetWithSelector)', () => {
    expect(withLabelKeys(null, { hash: 'h' }, ['hash'])).toEqual({ matchExpressions: [{ key: 'hash', operator: 'In', values: ['h'] }] });
    expect(withLabelKeys(null, {}, ['hash'])).toBeNull();
  });
});
