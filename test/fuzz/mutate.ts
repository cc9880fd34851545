/**
 * Mutations of valid inputs for the fuzz properties: at a field (picked by index among every
 * field path of the document) delete it, duplicate it, or swap its value for one of another type,
 * a huge or a tiny number; on the text, insert, delete or replace random characters and duplicate
 * lines (which duplicates keys). Everything is drawn by fast-check, so a failure shrinks and
 * replays from the seed.
 */
import fc from 'fast-check';

export type Path = readonly (string | number)[];

/** Values of the wrong type, tiny, negative or not numbers at all, for any field. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(5e-324, -5e-324, 0, -0, -1, 0.5, Number.NaN, Infinity, -Infinity, '', '0', '-1', '1e-9m', '0.0000001', 'NaN', 'abc', true, false, null, [], {}, 'x'.repeat(2000)),
  fc.integer({ min: -1000, max: 1000 }),
  fc.double({ min: -1000, max: 1000 }),
  fc.string({ maxLength: 20 }),
  fc.array(fc.integer({ min: -5, max: 50 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 }),
);

/** Numbers and quantities far beyond any cluster: only the input limits keep the work bounded. */
export const hugeValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(1e308, -1e308, 2 ** 53 + 1, 1e21, 2 ** 31, '1e999', '999999999Ti', '100000000', '1000000h'),
  fc.integer(),
  fc.double(),
);

export type FieldMutation = { readonly at: number; readonly op: 'delete' } | { readonly at: number; readonly op: 'duplicate' } | { readonly at: number; readonly op: 'set'; readonly value: unknown };

/** Deleted, duplicated and retyped fields, with values from `values`. */
export function fieldMutation(values: fc.Arbitrary<unknown> = wrongValue): fc.Arbitrary<FieldMutation> {
  return fc.oneof(
    fc.record({ at: fc.nat(), op: fc.constant('delete' as const) }),
    fc.record({ at: fc.nat(), op: fc.constant('duplicate' as const) }),
    fc.record({ at: fc.nat(), op: fc.constant('set' as const), value: values }),
    fc.record({ at: fc.nat(), op: fc.constant('set' as const), value: values }),
  );
}

/** Every path in a JSON-like value, parents before children (the root excluded). */
export function paths(value: unknown, prefix: Path = []): Path[] {
  const out: Path[] = [];
  if (Array.isArray(value)) value.forEach((v, i) => out.push([...prefix, i], ...paths(v, [...prefix, i])));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push([...prefix, k], ...paths(v, [...prefix, k]));
  return out;
}

/** A mutated deep copy. */
export function mutate(value: unknown, mutations: readonly FieldMutation[]): unknown {
  const root = structuredClone(value);
  for (const m of mutations) {
    const all = paths(root);
    if (all.length === 0) break;
    const path = all[m.at % all.length]!;
    const parent = path.slice(0, -1).reduce<any>((node, key) => node[key], root);
    const key = path[path.length - 1]!;
    if (m.op === 'delete') {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
    } else if (m.op === 'duplicate') {
      if (Array.isArray(parent)) parent.splice(key as number, 0, structuredClone(parent[key as number]));
      else parent[`${String(key)}`] = [parent[key], structuredClone(parent[key])];
    } else parent[key] = structuredClone(m.value);
  }
  return root;
}

export type TextMutation =
  | { readonly at: number; readonly op: 'insert'; readonly text: string }
  | { readonly at: number; readonly op: 'delete'; readonly length: number }
  | { readonly at: number; readonly op: 'duplicate-line' };

export const textMutation: fc.Arbitrary<TextMutation> = fc.oneof(
  fc.record({ at: fc.nat(), op: fc.constant('insert' as const), text: fc.string({ unit: 'binary', maxLength: 8 }) }),
  fc.record({ at: fc.nat(), op: fc.constant('insert' as const), text: fc.constantFrom(': ', '- ', '\n', '  ', '&a ', '*a', '{', '[', '"', "'", '\t', '---\n', '#', '!!binary ', '<<: *a\n', '\u0000', '\uFEFF') }),
  fc.record({ at: fc.nat(), op: fc.constant('delete' as const), length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ at: fc.nat(), op: fc.constant('duplicate-line' as const) }),
);

/** The text with the mutations applied in order. */
export function mutateText(text: string, mutations: readonly TextMutation[]): string {
  let t = text;
  for (const m of mutations) {
    const at = t.length === 0 ? 0 : m.at % t.length;
    if (m.op === 'insert') t = t.slice(0, at) + m.text + t.slice(at);
    else if (m.op === 'delete') t = t.slice(0, at) + t.slice(at + m.length);
    else {
      const start = t.lastIndexOf('\n', at - 1) + 1;
      const end = t.indexOf('\n', at);
      const line = t.slice(start, end < 0 ? t.length : end + 1);
      t = t.slice(0, start) + line + (line.endsWith('\n') ? '' : '\n') + t.slice(start);
    }
  }
  return t;
}
