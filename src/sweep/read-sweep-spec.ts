import type { SweepBlock } from '../scenario/schema/sweep.js';
import { DEFAULT_QUALITY_METRIC, DEFAULT_RANDOM_SAMPLER_SEED, DEFAULT_SWEEP_SEEDS_PER_POINT } from './defaults.js';
import { parseGridFlag, parseRangeFlag } from './parse-sweep-flags.js';
import { rangeValues } from './range-values.js';
import type { GridParameter, RandomParameter, SweepSpec } from './types.js';

/** Command-line additions to (and overrides of) `spec.sweep`. */
export interface SweepFlags {
  /** Grid parameters, `path=values`; a path also in the block replaces the block's values. */
  readonly param?: readonly string[];
  /** Random parameters, `path=min..max` or `path=a,b,c`. */
  readonly range?: readonly string[];
  /** Number of random samples. */
  readonly random?: number;
  readonly randomSeed?: number;
  /** Seeds per point. */
  readonly seeds?: number;
  /** First seed (default spec.seed). */
  readonly seed?: number;
  readonly quality?: string;
}

/** A problem in the block (path in the document) or in a flag (path null). */
export interface SpecProblem {
  readonly path: readonly (string | number)[] | null;
  readonly message: string;
}

/**
 * The sweep to run: the block's grid and random parameters with the flags applied, seeds from
 * `firstSeed` on, the quality metric. Reports every problem at once. Pure.
 */
export function readSweepSpec(block: SweepBlock | undefined, flags: SweepFlags, firstSeed: number): { ok: true; spec: SweepSpec } | { ok: false; problems: SpecProblem[] } {
  const problems: SpecProblem[] = [];
  const grid = new Map<string, GridParameter>();
  for (const [path, written] of Object.entries(block?.parameters ?? {})) {
    if (Array.isArray(written)) {
      grid.set(path, { path, values: written });
      continue;
    }
    const r = rangeValues(written.from, written.to, written.step, written.suffix);
    if (r.ok) grid.set(path, { path, values: r.values });
    else problems.push({ path: ['spec', 'sweep', 'parameters', path], message: r.message });
  }
  for (const text of flags.param ?? []) {
    const r = parseGridFlag(text);
    if (r.ok) grid.set(r.value.path, r.value);
    else problems.push({ path: null, message: r.message });
  }
  const random = new Map<string, RandomParameter>();
  for (const [path, written] of Object.entries(block?.random?.parameters ?? {})) {
    if ('values' in written) random.set(path, { path, range: { kind: 'choice', values: written.values } });
    else if (written.max < written.min) problems.push({ path: ['spec', 'sweep', 'random', 'parameters', path], message: `max (${written.max}) is below min (${written.min})` });
    else random.set(path, { path, range: { kind: 'uniform', min: written.min, max: written.max, integer: written.integer ?? (Number.isInteger(written.min) && Number.isInteger(written.max)), suffix: written.suffix ?? '' } });
  }
  for (const text of flags.range ?? []) {
    const r = parseRangeFlag(text);
    if (r.ok) random.set(r.value.path, r.value);
    else problems.push({ path: null, message: r.message });
  }
  for (const path of grid.keys()) {
    if (random.has(path)) problems.push({ path: null, message: `"${path}" is both a grid and a random parameter; keep one` });
  }
  const count = flags.random ?? block?.random?.count;
  if (random.size > 0 && count === undefined) problems.push({ path: null, message: 'random parameters need a sample count: --random <n> or spec.sweep.random.count' });
  if (random.size === 0 && flags.random !== undefined) problems.push({ path: null, message: '--random gives a sample count but there is no random parameter (--range path=min..max)' });
  if (problems.length > 0) return { ok: false, problems };

  const seedCount = flags.seeds ?? block?.seeds ?? DEFAULT_SWEEP_SEEDS_PER_POINT;
  const first = flags.seed ?? firstSeed;
  return {
    ok: true,
    spec: {
      grid: [...grid.values()],
      random: random.size > 0 ? { count: count!, seed: flags.randomSeed ?? block?.random?.seed ?? DEFAULT_RANDOM_SAMPLER_SEED, parameters: [...random.values()] } : null,
      seeds: Array.from({ length: seedCount }, (_, i) => first + i),
      quality: flags.quality ?? block?.quality ?? DEFAULT_QUALITY_METRIC,
    },
  };
}
