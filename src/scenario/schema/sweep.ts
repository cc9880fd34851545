import { z } from 'zod';
import { nonNegativeInt, positiveInt } from './primitives.js';

/**
 * A grid parameter's values: a list (any YAML values, e.g. [10, 15, 20] or ["200m", "500m"]), or
 * an arithmetic range `{ from, to, step }` (both ends included), with an optional unit suffix
 * appended to every value (`suffix: m` gives "200m").
 */
export const sweepGridValuesSchema = z.union([
  z.array(z.unknown()).min(1),
  z.strictObject({
    from: z.number(),
    to: z.number(),
    step: z.number().positive().optional(),
    suffix: z.string().optional(),
  }),
]);

/** A random parameter: uniform in [min, max] (whole numbers when `integer`), or a uniform choice of `values`. */
export const sweepRandomRangeSchema = z.union([
  z.strictObject({
    min: z.number(),
    max: z.number(),
    integer: z.boolean().optional(),
    suffix: z.string().optional(),
  }),
  z.strictObject({ values: z.array(z.unknown()).min(1) }),
]);

/**
 * `spec.sweep`: what `whatif sweep` and `whatif search` vary. Keys of `parameters` are paths on
 * `spec` with named list items by name (`workloads.payments.hpa.maxReplicas`); every point's
 * values patch the after configuration.
 */
export const sweepSchema = z.strictObject({
  /** Grid: every combination of these values. */
  parameters: z.record(z.string(), sweepGridValuesSchema).optional(),
  /** Random samples, crossed with the grid. */
  random: z
    .strictObject({
      count: positiveInt,
      /** Seed of the sampler (not of the simulation). */
      seed: nonNegativeInt.optional(),
      parameters: z.record(z.string(), sweepRandomRangeSchema),
    })
    .optional(),
  /** Simulation seeds per point, from spec.seed on. */
  seeds: positiveInt.optional(),
  /** Quality metric of the Pareto frontier (assertion metric names, e.g. unrelated.throttledRatio.p95). */
  quality: z.string().optional(),
});

export type SweepBlock = z.output<typeof sweepSchema>;
