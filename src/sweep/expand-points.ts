import { expandGrid } from './expand-grid.js';
import { sampleRandom } from './sample-random.js';
import type { ParameterValues, SweepPoint, SweepSpec } from './types.js';

/**
 * The sweep's configurations (grid combinations crossed with random samples: grid outer, sample
 * inner) and its points (each configuration crossed with each seed: configuration-major, seed-minor).
 * Point k is configuration floor(k / seeds) with seed number k mod seeds. Pure.
 */
export function expandPoints(spec: SweepSpec): { configurations: ParameterValues[]; points: SweepPoint[] } {
  const grid = expandGrid(spec.grid);
  const samples = spec.random ? sampleRandom(spec.random.count, spec.random.seed, spec.random.parameters) : [{}];
  const configurations: ParameterValues[] = [];
  for (const g of grid) for (const r of samples) configurations.push({ ...g, ...r });
  const points: SweepPoint[] = [];
  configurations.forEach((values, configuration) => {
    for (const seed of spec.seeds) points.push({ index: points.length, configuration, seed, values });
  });
  return { configurations, points };
}
