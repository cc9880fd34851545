import { describe, expect, it } from 'vitest';
import { summarizeSteady } from '../../bench/scale/steady-bench.js';

describe('steady bench summary', () => {
  it('the first run of each process is cold; the rest are warm, pooled over processes', () => {
    // Warm runs 1.3, 1.1, 1.2 and 1.0, 1.4, 1.05: sorted 1.0, 1.05, 1.1, 1.2, 1.3, 1.4, median (1.1 + 1.2) / 2.
    const s = summarizeSteady('x', [
      { cpuSeconds: [3.1, 1.3, 1.1, 1.2], monteCarloRuns: [4109, 4200, 4250, 4300] },
      { cpuSeconds: [3.4, 1.0, 1.4, 1.05], monteCarloRuns: [4109, 4200, 4250, 4300] },
    ]);
    expect(s.coldSeconds).toEqual([3.1, 3.4]);
    expect(s.fastestWarmSeconds).toBe(1.0);
    expect(s.medianWarmSeconds).toBeCloseTo(1.15, 12);
    expect(s.warmRuns).toBe(6);
    expect(s.monteCarloRuns).toBe(4300);
  });

  it('an odd number of warm runs takes the middle one', () => {
    const s = summarizeSteady('x', [{ cpuSeconds: [2, 0.9, 0.7, 0.8], monteCarloRuns: [1, 1, 1, 1] }]);
    expect(s.medianWarmSeconds).toBe(0.8);
  });
});
