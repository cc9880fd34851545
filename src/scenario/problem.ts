/** One thing wrong with an input file, with where it is and what would be accepted. */
export interface Problem {
  readonly file: string;
  /** 1-based; 0 when the problem has no position (a missing file). */
  readonly line: number;
  readonly column: number;
  /** Field path such as `spec.workloads[0].hpa.maxReplicas`; empty for the whole file. */
  readonly path: string;
  readonly message: string;
  /** The value found, as YAML-ish text, when there is one. */
  readonly value?: string;
  /** What is allowed. */
  readonly allowed?: string;
  /** A suggestion such as `did you mean "maxReplicas"?`. */
  readonly hint?: string;
  /** True when the machine, not the file, is at fault (a git revision missing from the clone): exit 3, not 2. */
  readonly environment?: boolean;
  /** Warnings do not stop the run. */
  readonly severity: 'error' | 'warning';
}

/** Errors are values at the boundary: loading returns problems, it does not throw. */
export type Loaded<T> = { readonly ok: true; readonly value: T; readonly warnings: readonly Problem[] } | { readonly ok: false; readonly problems: readonly Problem[] };

/** `file:line:col: path: message (got value; allowed: ...; hint)` on one line. */
export function formatProblem(p: Problem): string {
  const where = p.line > 0 ? `${p.file}:${p.line}:${p.column}` : p.file;
  const field = p.path ? ` ${p.path}:` : '';
  const details: string[] = [];
  if (p.value !== undefined) details.push(`got ${excerptOf(p.value)}`);
  if (p.allowed) details.push(`allowed: ${p.allowed}`);
  const tail = details.length ? ` (${details.join('; ')})` : '';
  const hint = p.hint ? `; ${p.hint}` : '';
  const label = p.severity === 'warning' ? 'warning' : 'error';
  return `${where}: ${label}:${field} ${p.message}${tail}${hint}`;
}

/**
 * At most 80 characters of a value found in a file: a message names what is wrong, it does not
 * echo the file (which may hold secrets, or megabytes on one line).
 */
export function excerptOf(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}... (${text.length} characters)` : text;
}

/** Renders a path array as `spec.workloads[0].hpa`. */
export function pathToString(path: readonly (string | number)[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out ? `.${segment}` : segment;
  }
  return out;
}
