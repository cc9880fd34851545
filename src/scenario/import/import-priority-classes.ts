import { z } from 'zod';
import type { ManifestObject } from './manifest-documents.js';
import type { FieldOrigin, ManifestContext } from './manifest-context.js';

/** A scheduling.k8s.io/v1 PriorityClass as a written `spec.cluster.priorityClasses` entry. */
export interface ImportedPriorityClass {
  readonly name: string;
  readonly written: Record<string, unknown>;
  readonly origins: FieldOrigin[];
}

const priorityClassObjectSchema = z.looseObject({
  metadata: z.looseObject({ name: z.string().min(1) }),
  value: z.number().int(),
  globalDefault: z.boolean().nullish(),
  preemptionPolicy: z.enum(['PreemptLowerPriority', 'Never']).nullish(),
  description: z.string().nullish(),
});

/**
 * PriorityClass manifests (scheduling.k8s.io/v1, and the v1beta1/v1alpha1 forms with the same
 * fields). The built-in system classes exist in every cluster: a manifest of one is skipped, as the
 * API server would refuse to create it again.
 */
export function importPriorityClasses(objects: readonly ManifestObject[], ctx: ManifestContext): ImportedPriorityClass[] {
  const out: ImportedPriorityClass[] = [];
  for (const o of objects.filter((x) => x.kind === 'PriorityClass')) {
    const pc = ctx.parse(o, priorityClassObjectSchema);
    if (!pc) continue;
    if (o.name.startsWith('system-')) {
      ctx.warn(o, ['metadata', 'name'], 'a built-in system PriorityClass (every cluster has it): skipped');
      continue;
    }
    const written: Record<string, unknown> = { name: o.name, value: pc.value };
    if (pc.globalDefault) written.globalDefault = true;
    if (pc.preemptionPolicy) written.preemptionPolicy = pc.preemptionPolicy;
    if (pc.description) written.description = pc.description;
    out.push({
      name: o.name,
      written,
      origins: [
        { field: ['name'], origin: ctx.origin(o, ['metadata', 'name']) },
        ...['value', 'globalDefault', 'preemptionPolicy', 'description'].map((f) => ({ field: [f], origin: ctx.origin(o, [f]) })),
      ],
    });
  }
  return out;
}
