import type { Problem } from './problem.js';
import { DEFAULT_LIMITS, type Limits } from './limits.js';

export type Path = readonly (string | number)[];

/**
 * Collects problems found while resolving, by document path; positions are attached later by the
 * loader, which knows which file (base, patch or change file) each path came from.
 */
export class ResolveContext {
  readonly problems: PathProblem[] = [];

  /** Limits on work, for the checks that must happen before a value is expanded (a recording's grid). */
  constructor(readonly limits: Limits = DEFAULT_LIMITS) {}

  error(path: Path, message: string, extra: Extra = {}): void {
    this.problems.push({ path, message, severity: 'error', ...extra });
  }

  warn(path: Path, message: string, extra: Extra = {}): void {
    this.problems.push({ path, message, severity: 'warning', ...extra });
  }

  get hasErrors(): boolean {
    return this.problems.some((p) => p.severity === 'error');
  }
}

type Extra = { value?: string; allowed?: string; hint?: string };

export interface PathProblem extends Extra {
  readonly path: Path;
  readonly message: string;
  readonly severity: Problem['severity'];
}

