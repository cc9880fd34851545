import { describe, expect, test } from 'vitest';
import { parseAssertion } from '../../src/report/assertion.js';

const workloads = ['payments', 'checkout'];

describe('parsing assertions', () => {
  test.each([
    ['cost.monthly.delta <= 20%', { target: { kind: 'cluster', metric: 'cost.monthly' }, delta: true, relative: true, op: '<=', threshold: 0.2, confidence: null }],
    ['unrelated.throttledRatio.p95 <= 5%', { target: { kind: 'unrelated', metric: 'throttledRatio.p95' }, delta: false, relative: false, op: '<=', threshold: 0.05 }],
    ['workload(checkout).latency.p99 <= 250ms', { target: { kind: 'workload', workload: 'checkout', metric: 'latency.p99' }, threshold: 250, unit: 'ms' }],
    ['workload(checkout).latency.p99 < 1.5s', { threshold: 1500, op: '<' }],
    ['cost.monthly.delta <= 20% with 95% confidence', { confidence: 0.95, relative: true }],
    ['cost.monthly <= $900', { threshold: 900, unit: 'usd', delta: false }],
    ['cost.monthly.delta <= 150', { threshold: 150, relative: false }],
    ['nodes.peak <= 6', { threshold: 6, unit: 'count' }],
    // A ratio's delta in % is in points, not relative.
    ['unrelated.throttledRatio.delta <= 2%', { delta: true, relative: false, threshold: 0.02 }],
    ['workload(payments).slo.violationMinutes <= 1h', { threshold: 60, unit: 'minutes' }],
  ])('%s', (text, expected) => {
    const r = parseAssertion(text, workloads);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.assertion).toMatchObject(expected);
  });

  test.each([
    ['cost.montly.delta <= 20%', /unknown metric "cost\.montly"/, /did you mean "cost\.monthly\.delta"\?/],
    ['workload(chekout).latency.p99 <= 250ms', /unknown workload "chekout"/, /did you mean "checkout"\?/],
    ['unrelated.throttleRatio.p95 <= 5%', /unknown metric/, /did you mean "unrelated\.throttledRatio\.p95"\?/],
    ['workload(checkout).latency.p99 <= 5%', /percentage|ratio|does not fit|unit/i, undefined],
    ['unrelated.throttledRatio.p95 <= 5', /is a ratio/, undefined],
    ['cost goes up', /expected/, undefined],
  ])('%s is rejected', (text, message, hint) => {
    const r = parseAssertion(text, workloads);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toMatch(message);
      if (hint) expect(r.hint).toMatch(hint);
    }
  });
});
