import { describe, expect, it, vi } from 'vitest';
import { SeriesBuffer } from '../../src/simulation/series-buffer.js';
import { runSimulation } from '../../src/simulation/run-simulation.js';
import { idleWorkload, oneNodeScenario } from './helpers.js';

function filled(values: readonly (number | null)[]): SeriesBuffer {
  const b = new SeriesBuffer();
  for (const v of values) b.push(v);
  return b;
}

describe('SeriesBuffer', () => {
  it('gives back what was pushed, nulls included, in order', () => {
    const values = [null, 0, 1.5, -2.25, null, 1e-300, 7, Infinity, null];
    expect(filled(values).toSeries()).toEqual(values);
  });

  it('keeps every value past many growths', () => {
    // 10,000 values: the buffer starts at 64 and doubles, so this crosses eight growths.
    const values = Array.from({ length: 10_000 }, (_, k) => (k % 97 === 0 ? null : k / 7 - 300));
    expect(filled(values).toSeries()).toEqual(values);
  });

  it('keeps the sign of zero, as a plain array would', () => {
    const out = filled([-0, 0]).toSeries();
    expect(Object.is(out[0], -0)).toBe(true);
    expect(Object.is(out[1], 0)).toBe(true);
  });

  it('is empty before its first sample', () => {
    expect(new SeriesBuffer().toSeries()).toEqual([]);
  });

  it('writes the same JSON as the array it replaces', () => {
    const values = [null, 0.1 + 0.2, 3, null, 1 / 3];
    expect(JSON.stringify(filled(values).toSeries())).toBe(JSON.stringify(values));
  });
});

describe("a run's series, made into arrays when first read", () => {
  const scenario = oneNodeScenario([idleWorkload('a', 1, '100m', '64Mi'), idleWorkload('b', 2, '100m', '64Mi')]);

  it('are not made until read, then made once', () => {
    const made = vi.spyOn(SeriesBuffer.prototype, 'toSeries');
    try {
      const run = runSimulation(scenario, scenario.seed);
      // The summaries read every series once while the run is summarised.
      const bySummary = made.mock.calls.length;
      expect(bySummary).toBeGreaterThan(0);
      const workloads = run.series.workloads;
      // 13 series for each of the 2 workloads, made at this first read.
      expect(made.mock.calls.length).toBe(bySummary + 26);
      expect(run.series.workloads).toBe(workloads);
      expect(made.mock.calls.length).toBe(bySummary + 26);
    } finally {
      made.mockRestore();
    }
  });

  it('read as the arrays the summary read: 10 minutes at the default 1-minute samples, null first for a rate', () => {
    const run = runSimulation(scenario, scenario.seed);
    expect(run.series.timeMs).toHaveLength(11);
    expect(run.series.workloads['b']!.desiredReplicas).toEqual(Array(11).fill(2));
    expect(run.series.workloads['a']!.rps[0]).toBeNull();
    expect(Object.keys(run.series.pools)).toEqual(['main']);
    expect(run.series.pools['main']!.nodes).toEqual(Array(11).fill(1));
    expect(JSON.parse(JSON.stringify(run.series)).workloads.b.readyReplicas).toHaveLength(11);
  });
});
