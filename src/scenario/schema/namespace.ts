import { z } from 'zod';
import { name, quantity, resourceList } from './primitives.js';

/**
 * ResourceQuota `spec.hard` for compute resources (core/v1 ResourceQuotaSpec; kubernetes.io
 * "Resource Quotas": `cpu` and `memory` are the same as `requests.cpu` and `requests.memory`).
 */
export const quotaHardSchema = z.strictObject({
  'requests.cpu': quantity.optional(),
  'requests.memory': quantity.optional(),
  'limits.cpu': quantity.optional(),
  'limits.memory': quantity.optional(),
  cpu: quantity.optional(),
  memory: quantity.optional(),
  pods: quantity.optional(),
});

/** core/v1 LimitRangeItem for Container and Pod types (cpu and memory). */
export const limitRangeItemSchema = z.strictObject({
  type: z.enum(['Container', 'Pod']),
  default: resourceList.optional(),
  defaultRequest: resourceList.optional(),
  max: resourceList.optional(),
  min: resourceList.optional(),
  maxLimitRequestRatio: resourceList.optional(),
});

/**
 * A namespace's guardrails: `spec.namespaces: [{ name, resourceQuota: { hard }, limitRange: { limits } }]`,
 * field names as in ResourceQuota and LimitRange objects.
 */
export const namespaceSchema = z.strictObject({
  name,
  resourceQuota: z.strictObject({ name: name.optional(), hard: quotaHardSchema }).optional(),
  limitRange: z.strictObject({ name: name.optional(), limits: z.array(limitRangeItemSchema).min(1) }).optional(),
});

export const namespacesSchema = z.array(namespaceSchema);
