import type { z } from 'zod';
import { didYouMean } from './did-you-mean.js';
import { knownKeysAt } from './schema-keys.js';
import { pathToString, type Problem } from './problem.js';

/** Where a path of the validated value comes from in the files (the patch or the base file). */
export type Locator = (path: readonly (string | number)[], options?: { key?: boolean }) => { file: string; line: number; column: number };

/** Turns zod issues into problems with positions, the value found, what is allowed and did-you-mean hints. */
export function issuesToProblems(
  issues: readonly z.core.$ZodIssue[],
  root: z.ZodType,
  value: unknown,
  locate: Locator,
  /** Where `root` sits in the document, e.g. ['spec']; prefixed to reported and located paths. */
  prefix: readonly (string | number)[] = [],
): Problem[] {
  const problems: Problem[] = [];
  // A misspelt key also leaves its right spelling missing; the did-you-mean already says so.
  const suggested = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const known = knownKeysAt(root, path);
    for (const key of issue.keys) {
      const s = didYouMean(key, known);
      if (s) suggested.add(pathToString([...path, s]));
    }
  }
  for (const issue of issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeysAt(root, path);
      for (const key of issue.keys) {
        const suggestion = didYouMean(key, known);
        const where = locate([...prefix, ...path, key], { key: true });
        problems.push({
          ...where,
          path: pathToString([...prefix, ...path, key]),
          message: `unknown field "${key}"`,
          allowed: known.length ? known.join(', ') : undefined,
          hint: suggestion ? `did you mean "${suggestion}"?` : undefined,
          severity: 'error',
        });
      }
      continue;
    }
    const found = valueAt(value, path);
    if (found === undefined && suggested.has(pathToString(path))) continue;
    const where = locate([...prefix, ...path]);
    const base = { ...where, path: pathToString([...prefix, ...path]), severity: 'error' as const };
    if (found === undefined && issue.code === 'invalid_type') {
      problems.push({ ...base, message: `required field is missing`, allowed: `a ${issue.expected}` });
    } else if (issue.code === 'invalid_value') {
      const allowed = issue.values.map((v) => JSON.stringify(v)).join(', ');
      const suggestion = typeof found === 'string' ? didYouMean(found, issue.values.map(String)) : null;
      problems.push({ ...base, message: 'value not allowed', value: show(found), allowed, hint: suggestion ? `did you mean "${suggestion}"?` : undefined });
    } else if (issue.code === 'invalid_union' && isDiscriminatorMiss(issue)) {
      const options = ((issue as { options?: unknown[] }).options ?? []).map(String);
      const suggestion = typeof found === 'string' ? didYouMean(found, options) : null;
      problems.push({
        ...base,
        message: found === undefined ? 'required field is missing' : 'value not allowed',
        value: show(found),
        allowed: options.map((o) => JSON.stringify(o)).join(', '),
        hint: suggestion ? `did you mean "${suggestion}"?` : undefined,
      });
    } else {
      const params = (issue as { params?: { allowed?: string } }).params;
      problems.push({ ...base, message: readable(issue), value: show(found), allowed: params?.allowed });
    }
  }
  return problems;
}

function readable(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected === 'int' ? 'a whole number' : `a ${issue.expected}`}`;
    case 'too_small':
      return `must be ${issue.inclusive === false ? '>' : '>='} ${String(issue.minimum)}${issue.origin === 'array' ? ' items' : ''}`;
    case 'too_big':
      return `must be ${issue.inclusive === false ? '<' : '<='} ${String(issue.maximum)}${issue.origin === 'array' ? ' items' : ''}`;
    case 'invalid_format':
      return issue.message;
    case 'invalid_union':
      return 'does not match any accepted form';
    default:
      return issue.message;
  }
}

function isDiscriminatorMiss(issue: z.core.$ZodIssue): boolean {
  return issue.code === 'invalid_union' && (issue as { note?: string }).note === 'No matching discriminator';
}

export function valueAt(value: unknown, path: readonly (string | number)[]): unknown {
  let v: unknown = value;
  for (const segment of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[segment];
  }
  return v;
}

function show(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const text = JSON.stringify(value);
  return text && text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
