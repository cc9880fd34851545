import { z } from 'zod';
import { name } from './primitives.js';

/** scheduling.k8s.io/v1 PriorityClass (cluster-scoped): metadata.name as `name`. */
export const priorityClassSchema = z.strictObject({
  name,
  value: z.number().int().min(-2_147_483_648).max(2_147_483_647),
  globalDefault: z.boolean().optional(),
  preemptionPolicy: z.enum(['PreemptLowerPriority', 'Never']).optional(),
  description: z.string().optional(),
});
