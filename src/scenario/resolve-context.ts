import type { Problem } from './problem.js';
import { pathToString } from './problem.js';

export type Path = readonly (string | number)[];

/**
 * Collects problems found while resolving, by document path; positions are attached later by the
 * loader, which knows which file (base, patch or change file) each path came from.
 */
export class ResolveContext {
  readonly problems: PathProblem[] = [];

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

export function describePath(path: Path): string {
  return pathToString(path);
}
