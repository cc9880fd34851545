import seedrandom from 'seedrandom';
import type { ParameterValues, RandomParameter } from './types.js';

/** Significant digits of a uniform real draw: reproducible in JSON and readable in a table. */
const UNIFORM_SIGNIFICANT_DIGITS = 6;

/**
 * `count` random configurations. One Alea stream seeded by `seed` draws the parameters of sample 0
 * in their written order, then sample 1, and so on; the same seed gives the same samples on every
 * machine, and the sampler is independent of the simulation's seeds. Pure.
 */
export function sampleRandom(count: number, seed: number, parameters: readonly RandomParameter[]): ParameterValues[] {
  const next = seedrandom.alea(`whatif-sweep\u0000${seed}`);
  const out: ParameterValues[] = [];
  for (let i = 0; i < count; i++) {
    const sample: Record<string, unknown> = {};
    for (const { path, range } of parameters) {
      const u = next();
      if (range.kind === 'choice') {
        sample[path] = range.values[Math.floor(u * range.values.length)];
        continue;
      }
      const v = range.integer
        ? range.min + Math.floor(u * (range.max - range.min + 1))
        : Number((range.min + u * (range.max - range.min)).toPrecision(UNIFORM_SIGNIFICANT_DIGITS));
      sample[path] = range.suffix ? `${v}${range.suffix}` : v;
    }
    out.push(sample);
  }
  return out;
}
