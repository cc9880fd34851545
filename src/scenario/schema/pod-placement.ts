import { z } from 'zod';
import { labels, positiveInt } from './primitives.js';

// Pod (anti-)affinity and topology spread constraints, core/v1 field names.

/** meta/v1 LabelSelector. */
export const labelSelectorSchema = z.strictObject({
  matchLabels: labels.optional(),
  matchExpressions: z
    .array(z.strictObject({ key: z.string(), operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']), values: z.array(z.string()).optional() }))
    .optional(),
});

/** core/v1 PodAffinityTerm. */
export const podAffinityTermSchema = z.strictObject({
  labelSelector: labelSelectorSchema.optional(),
  namespaces: z.array(z.string()).optional(),
  namespaceSelector: labelSelectorSchema.optional(),
  topologyKey: z.string().min(1, 'must not be empty (PodAffinityTerm.topologyKey is required)'),
  matchLabelKeys: z.array(z.string()).optional(),
  mismatchLabelKeys: z.array(z.string()).optional(),
});

/** core/v1 PodAffinity and PodAntiAffinity. */
export const podAffinitySchema = z.strictObject({
  requiredDuringSchedulingIgnoredDuringExecution: z.array(podAffinityTermSchema).optional(),
  preferredDuringSchedulingIgnoredDuringExecution: z
    .array(z.strictObject({ weight: z.number().int().min(1).max(100), podAffinityTerm: podAffinityTermSchema }))
    .optional(),
});

/** core/v1 TopologySpreadConstraint. */
export const topologySpreadConstraintSchema = z.strictObject({
  maxSkew: positiveInt,
  topologyKey: z.string().min(1, 'must not be empty (TopologySpreadConstraint.topologyKey is required)'),
  whenUnsatisfiable: z.enum(['DoNotSchedule', 'ScheduleAnyway']),
  labelSelector: labelSelectorSchema.optional(),
  minDomains: positiveInt.optional(),
  nodeAffinityPolicy: z.enum(['Honor', 'Ignore']).optional(),
  nodeTaintsPolicy: z.enum(['Honor', 'Ignore']).optional(),
  matchLabelKeys: z.array(z.string()).optional(),
});
