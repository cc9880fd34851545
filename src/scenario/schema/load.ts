import { z } from 'zod';
import { duration } from './primitives.js';

const rps = z.number().min(0);
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time of day such as "14:00"');

/** Request arrival shapes; each is a named strategy in models/load. */
export const loadSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('constant'), rps, noise: z.enum(['poisson', 'none']).optional() }),
  z.strictObject({
    type: z.literal('diurnal'),
    minRps: rps,
    maxRps: rps,
    peakAt: clock.optional(),
    noise: z.enum(['poisson', 'none']).optional(),
  }),
  z.strictObject({
    type: z.literal('step'),
    steps: z.array(z.strictObject({ at: duration, rps })).min(1),
    noise: z.enum(['poisson', 'none']).optional(),
  }),
  z.strictObject({
    type: z.literal('ramp'),
    fromRps: rps,
    toRps: rps,
    start: duration.optional(),
    end: duration,
    noise: z.enum(['poisson', 'none']).optional(),
  }),
  z.strictObject({
    type: z.literal('spike'),
    baseRps: rps,
    peakRps: rps,
    at: duration,
    duration,
    noise: z.enum(['poisson', 'none']).optional(),
  }),
]);
