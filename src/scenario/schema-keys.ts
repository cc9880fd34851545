import type { z } from 'zod';

/**
 * The field names a zod schema accepts at `path` (for did-you-mean on unknown keys), following
 * objects, arrays, optionals, unions and records. Empty when the path leads nowhere known.
 */
export function knownKeysAt(schema: z.ZodType, path: readonly (string | number)[]): string[] {
  let nodes: z.ZodType[] = [schema];
  for (const segment of path) {
    const next: z.ZodType[] = [];
    for (const node of nodes.flatMap(unwrap)) {
      const def = (node as unknown as { def: Record<string, unknown> }).def;
      if (def.type === 'object' && typeof segment === 'string') {
        const child = (def.shape as Record<string, z.ZodType>)[segment];
        if (child) next.push(child);
      } else if (def.type === 'array' && typeof segment === 'number') {
        next.push(def.element as z.ZodType);
      } else if (def.type === 'record') {
        next.push(def.valueType as z.ZodType);
      }
    }
    nodes = next;
  }
  const keys = new Set<string>();
  for (const node of nodes.flatMap(unwrap)) {
    const def = (node as unknown as { def: Record<string, unknown> }).def;
    if (def.type === 'object') for (const key of Object.keys(def.shape as object)) keys.add(key);
  }
  return [...keys];
}

/** Descends through optional/nullable/default wrappers and union members. */
function unwrap(node: z.ZodType): z.ZodType[] {
  const def = (node as unknown as { def: Record<string, unknown> }).def;
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
      return unwrap(def.innerType as z.ZodType);
    case 'pipe':
      return unwrap(def.in as z.ZodType);
    case 'union':
      return (def.options as z.ZodType[]).flatMap(unwrap);
    default:
      return [node];
  }
}
