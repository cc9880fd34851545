/**
 * Reads a node case file (JSON or YAML, docs/node-cases.md), validates it with a schema and resolves
 * it. Every problem is reported at once with file, line, column, field path, value and what is
 * allowed; errors are values, not exceptions.
 */
import { z } from 'zod';
import type { NodeCase, NodeCaseInput } from '../models/cpu/node-case.js';
import { resolveNodeCase } from '../models/cpu/resolve-node-case.js';
import { pathToString, type Loaded, type Problem } from './problem.js';
import { parseYamlSource, type YamlSource } from './yaml-source.js';
import { diskReader } from './import/input-files.js';
import { DEFAULT_LIMITS, overLimit, type LimitSpec, type Limits } from './limits.js';

const positive = z.number().positive();
const count = z.number().int().positive();
const seed = z.number().int().optional();

const loadSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('busy'), threads: count }),
  z.strictObject({
    type: z.literal('periodic'),
    threads: count,
    period_ms: positive,
    busy_ms: positive,
    stagger: z.enum(['aligned', 'spread', 'random']).default('aligned'),
    seed,
  }),
  z.strictObject({
    type: z.literal('poisson'),
    rate_per_s: positive,
    cpu_ms: positive,
    dist: z.enum(['fixed', 'exp', 'lognormal']).default('exp'),
    cv: z.number().nonnegative().optional(),
    fanout: count.default(1),
    workers: count.default(1),
    seed,
  }),
  z.strictObject({ type: z.literal('idle') }),
]);

const containerSchema = z
  .strictObject({
    name: z.string().min(1),
    requests_millicores: z.number().nonnegative().optional(),
    shares: z.number().int().min(2).max(262144).optional(),
    limit_millicores: positive.optional(),
    quota_us: z.number().int().min(1000).optional(),
    burst_us: z.number().int().nonnegative().optional(),
    cpus: z.string().optional(),
    pod: z.string().min(1).optional(),
    load: loadSchema,
  })
  .refine((c) => c.requests_millicores === undefined || c.shares === undefined, { message: 'give requests_millicores or shares, not both', path: ['shares'] })
  .refine((c) => c.limit_millicores === undefined || c.quota_us === undefined, { message: 'give limit_millicores or quota_us, not both', path: ['quota_us'] });

/** Schema of a written node case. */
export const nodeCaseSchema = z.strictObject({
  name: z.string().min(1),
  duration_s: positive,
  cores: count.optional(),
  cpus: z.string().optional(),
  period_us: z.number().int().min(1000).max(1_000_000).optional(),
  seed,
  containers: z.array(containerSchema).min(1),
});

/** Allowed values of a zod issue, in words. */
function allowedOf(issue: z.core.$ZodIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'int' ? 'an integer' : `a ${issue.expected}`;
    case 'invalid_value':
      return issue.values.map((v) => JSON.stringify(v)).join(' | ');
    case 'too_small':
      return issue.origin === 'array' ? `at least ${String(issue.minimum)} item(s)` : `${issue.inclusive === false ? '>' : '≥'} ${String(issue.minimum)}`;
    case 'too_big':
      return `≤ ${String(issue.maximum)}`;
    case 'unrecognized_keys':
      return undefined;
    case 'invalid_union':
      return 'options' in issue && Array.isArray(issue.options) ? (issue.options as unknown[]).map((o) => JSON.stringify(o)).join(' | ') : undefined;
    default:
      return undefined;
  }
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

function show(v: unknown): string | undefined {
  return v === undefined ? undefined : JSON.stringify(v);
}

/**
 * Linux builds for at most 8,192 CPUs (CONFIG_NR_CPUS, arch/x86/Kconfig): a CPU id or count above
 * is no machine, and expanding "0-1000000000" would take minutes.
 */
const MAX_CPU_ID = 8191;

/** The limits on the work a node case asks for (src/scenario/limits.ts), as problems at their fields. */
function nodeCaseLimitProblems(src: YamlSource, input: z.infer<typeof nodeCaseSchema>, limits: Limits): Problem[] {
  const problems: Problem[] = [];
  const over = (path: (string | number)[], spec: LimitSpec, got: number) => {
    if (got > spec.value) problems.push(problem(src, path, overLimit(spec), String(got)));
  };
  over(['containers'], limits.nodeCaseContainers, input.containers.length);
  let requests = 0;
  input.containers.forEach((c, i) => {
    const l = c.load;
    if (l.type === 'busy' || l.type === 'periodic') over(['containers', i, 'load', 'threads'], limits.nodeCaseThreads, l.threads);
    if (l.type === 'periodic') requests += l.threads * Math.ceil((input.duration_s * 1000) / l.period_ms);
    if (l.type === 'poisson') {
      over(['containers', i, 'load', 'workers'], limits.nodeCaseThreads, l.workers);
      requests += l.rate_per_s * input.duration_s * l.fanout;
    }
  });
  if (requests > limits.nodeCaseRequests.value) problems.push(problem(src, ['duration_s'], overLimit(limits.nodeCaseRequests), String(Math.ceil(requests))));
  const cpuLists: [(string | number)[], string | undefined][] = [[['cpus'], input.cpus], ...input.containers.map((c, i): [(string | number)[], string | undefined] => [['containers', i, 'cpus'], c.cpus])];
  for (const [path, list] of cpuLists) {
    const highest = Math.max(-1, ...[...(list ?? '').matchAll(/\d+/g)].map((m) => Number(m[0])));
    if (highest > MAX_CPU_ID) problems.push(problem(src, path, `CPU ids go up to ${MAX_CPU_ID} (Linux CONFIG_NR_CPUS at most 8192)`, JSON.stringify(list)));
  }
  if (input.cores !== undefined && input.cores > MAX_CPU_ID + 1) problems.push(problem(src, ['cores'], `at most ${MAX_CPU_ID + 1} CPUs (Linux CONFIG_NR_CPUS)`, String(input.cores)));
  return problems;
}

/** Parses and validates a node case from text (pure: no file access). */
export function parseNodeCase(file: string, text: string, opts: { readonly cores?: number; readonly limits?: Limits } = {}): Loaded<NodeCase> {
  const limits = opts.limits ?? DEFAULT_LIMITS;
  const parsed = parseYamlSource(file, text, limits);
  if (!parsed.ok) return { ok: false, problems: parsed.problems };
  const src = parsed.source;
  const result = nodeCaseSchema.safeParse(src.value);
  if (!result.success) {
    const problems = result.error.issues.flatMap((issue) => issueProblems(src, issue));
    return { ok: false, problems };
  }
  const overLimits = nodeCaseLimitProblems(src, result.data, limits);
  if (overLimits.length > 0) return { ok: false, problems: overLimits };
  const resolved = resolveNodeCase(result.data as NodeCaseInput, opts);
  if (!resolved.ok) {
    return {
      ok: false,
      problems: resolved.issues.map((i) => {
        const path = i.path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
        return problem(src, path, 'invalid value', show(i.value), i.message);
      }),
    };
  }
  return { ok: true, value: resolved.value, warnings: [] };
}

function issueProblems(src: YamlSource, issue: z.core.$ZodIssue): Problem[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((k) => problem(src, [...path, k], 'unknown field', undefined, undefined, true));
  }
  return [problem(src, path, issue.message, show(valueAt(src.value, path)), allowedOf(issue))];
}

function problem(src: YamlSource, path: (string | number)[], message: string, value?: string, allowed?: string, key = false): Problem {
  const { line, column } = src.locate(path, { key });
  return {
    file: src.file,
    line,
    column,
    path: pathToString(path),
    message,
    ...(value !== undefined ? { value } : {}),
    ...(allowed !== undefined ? { allowed } : {}),
    severity: 'error',
  };
}

/** Reads `file` and parses it; a missing or unreadable file is a problem, not an exception. */
export async function loadNodeCase(file: string, opts: { readonly cores?: number; readonly limits?: Limits } = {}): Promise<Loaded<NodeCase>> {
  // The case file is the user's own argument: any folder, but a regular file within the size limit.
  const reader = diskReader({ roots: ['/'], limits: opts.limits ?? DEFAULT_LIMITS });
  const text = reader.readText(file);
  if (text === undefined) return { ok: false, problems: [{ file, line: 0, column: 0, path: '', message: reader.refusal?.(file) ?? 'cannot read file (does it exist?)', severity: 'error' }] };
  return parseNodeCase(file, text, opts);
}
