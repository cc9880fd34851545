import { z } from 'zod';
import { parseQuantity } from '../../quantities/quantity.js';
import { parseDuration } from '../../quantities/duration.js';

/** A Kubernetes quantity: "500m", "0.5", 2, "256Mi", "1Gi", "1e3". Non-negative. */
export const quantity = z.union([z.string(), z.number()]).superRefine((value, ctx) => {
  const parsed = parseQuantity(value);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: `not a Kubernetes quantity: ${parsed.reason}`, params: { allowed: 'a quantity such as 500m, 0.5, 2, 256Mi, 1Gi' } });
  } else if (parsed.nanos < 0n) {
    ctx.addIssue({ code: 'custom', message: 'must not be negative', params: { allowed: 'a quantity >= 0' } });
  }
});

/** A duration: "30s", "10m", "1h30m", "500ms", or a number of seconds. */
export const duration = z.union([z.string(), z.number()]).superRefine((value, ctx) => {
  const parsed = parseDuration(value);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.reason, params: { allowed: 'a duration such as 30s, 10m, 1h30m' } });
});

/** A percentage written "20%" or as a fraction 0.2. */
export const percent = z.union([z.string().regex(/^\d+(\.\d+)?%$/, 'expected a percentage such as "20%"'), z.number().min(0)]);

export const name = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'must be a DNS-1123 name (lower case letters, digits, "-" and ".")');

export const labels = z.record(z.string(), z.string());

export const positiveInt = z.number().int().min(1);
export const nonNegativeInt = z.number().int().min(0);

/** requests/limits as in a container's `resources`. */
export const resourceList = z.strictObject({ cpu: quantity.optional(), memory: quantity.optional() });
export const resources = z.strictObject({ requests: resourceList.optional(), limits: resourceList.optional() });

/** A core/v1 Toleration. */
export const toleration = z.strictObject({
  key: z.string().optional(),
  operator: z.enum(['Exists', 'Equal']).optional(),
  value: z.string().optional(),
  effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']).optional(),
});

/** A core/v1 Taint. */
export const taint = z.strictObject({
  key: z.string(),
  value: z.string().optional(),
  effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']),
});
