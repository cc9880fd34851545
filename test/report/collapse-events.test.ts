import { describe, expect, test } from 'vitest';
import { collapseEvents } from '../../src/report/collapse-events.js';

const ev = (timeMs: number, reason: string, subject = 'pool') => ({ timeMs, source: 'karpenter', subject, reason, message: `${reason} at ${timeMs}` });

describe('collapseEvents', () => {
  test('a run of the same reason becomes its first event with a count and the last time', () => {
    const out = collapseEvents([ev(0, 'Launched'), ev(60_000, 'DisruptionBlocked'), ev(120_000, 'DisruptionBlocked'), ev(180_000, 'DisruptionBlocked'), ev(240_000, 'Launched')]);
    expect(out.map((e) => [e.reason, e.count, e.timeMs, e.lastMs])).toEqual([
      ['Launched', 1, 0, 0],
      ['DisruptionBlocked', 3, 60_000, 180_000],
      ['Launched', 1, 240_000, 240_000],
    ]);
  });

  test('the same reason for another subject is not folded in', () => {
    expect(collapseEvents([ev(0, 'DisruptionBlocked', 'a'), ev(1, 'DisruptionBlocked', 'b')]).map((e) => e.count)).toEqual([1, 1]);
  });
});
