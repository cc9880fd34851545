import { z } from 'zod';
import { duration, labels, nonNegativeInt, quantity } from './primitives.js';

const rps = z.number().min(0);
const positiveRps = z.number().positive();
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time of day such as "14:00"');
const noise = z.enum(['poisson', 'none']).optional();

/** Days of the week as `time.Weekday` spells them, Monday first. */
export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/**
 * A recorded load: a Prometheus query_range JSON response or a CSV of timestamp,value (`file`,
 * relative to the scenario), or the samples inline as [unixSeconds, value] pairs.
 */
const replay = z.strictObject({
  type: z.literal('replay'),
  file: z.string().optional(),
  /** Default: from the file name (.json = prometheus, otherwise csv). */
  format: z.enum(['prometheus', 'csv']).optional(),
  samples: z.array(z.tuple([z.number(), z.number()])).optional(),
  /** Prometheus: keep the series whose labels match these; all matching series are summed. */
  series: labels.optional(),
  /** requestRate (requests/s, the default) or cpuUsage (cores; converted with the workload's cpuPerRequest). */
  quantity: z.enum(['requestRate', 'cpuUsage']).optional(),
  /** cpuUsage: CPU used with no traffic (all pods together), subtracted before converting. */
  baselineCpu: quantity.optional(),
  /** Grid step of the replay; default: the recording's own step. */
  resample: duration.optional(),
  /** Multiplier on the request rate. */
  scale: z.number().positive().optional(),
  /** The recording starts this long into the simulation. */
  shift: duration.optional(),
  /** Repeat the recording to fill the scenario's duration (default true). */
  loop: z.boolean().optional(),
  noise,
});

/** Request arrival shapes; each is a named strategy in models/load. */
export const loadSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('constant'), rps, noise }),
  z.strictObject({ type: z.literal('diurnal'), minRps: rps, maxRps: rps, peakAt: clock.optional(), noise }),
  z.strictObject({
    type: z.literal('weekly'),
    minRps: rps,
    maxRps: rps,
    peakAt: clock.optional(),
    /** Rate multiplier on Saturday and Sunday. */
    weekendFactor: z.number().min(0).optional(),
    /** Day of the week the simulation starts on. */
    startDay: z.enum(WEEKDAYS).optional(),
    noise,
  }),
  z.strictObject({ type: z.literal('step'), steps: z.array(z.strictObject({ at: duration, rps })).min(1), noise }),
  z.strictObject({ type: z.literal('ramp'), fromRps: rps, toRps: rps, start: duration.optional(), end: duration, noise }),
  z.strictObject({ type: z.literal('spike'), baseRps: rps, peakRps: rps, at: duration, duration, noise }),
  z.strictObject({
    type: z.literal('randomWalk'),
    startRps: positiveRps,
    minRps: positiveRps,
    maxRps: positiveRps,
    /** Standard deviation of the log-rate change over one hour (0.2 = about 20 % per hour). */
    volatility: z.number().min(0),
    interval: duration.optional(),
    /** The walk's own seed (default: from the workload name), the same before and after. */
    seed: nonNegativeInt.optional(),
    noise,
  }),
  replay,
]);
