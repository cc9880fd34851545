import type { YamlSource } from '../yaml-source.js';
import type { Problem } from '../problem.js';
import { pathToString } from '../problem.js';

type Path = readonly (string | number)[];

/** Where a part of the expanded scenario came from: a field of a manifest or a Helm values file. */
export interface Origin {
  /** File, line and column of `rest` below the origin's base path. */
  locate(rest: Path): { file: string; line: number; column: number };
  /** The field path as the user sees it in that file, given the rest of the spec path as text. */
  describe(restText: string): string;
}

/**
 * An origin at `base` of a YAML source. `prefix` names the base in messages (for a manifest
 * `documents[2].spec.template.spec.containers[0].resources`); when `exact` the spec path below the
 * origin mirrors the source (so `.requests.cpu` is appended), otherwise only the base is named.
 */
export function originAt(source: YamlSource, base: Path, prefix: string, exact = true): Origin {
  return {
    locate: (rest) => ({ file: source.file, ...source.locate(exact ? [...base, ...rest] : base) }),
    describe: (restText) => (exact ? `${prefix}${restText}` : prefix),
  };
}

/** The origin's base itself for any path below it (where the spec path does not mirror the file). */
export function pinOrigin(origin: Origin): Origin {
  return { locate: () => origin.locate([]), describe: () => origin.describe('') };
}

/**
 * Origins of the expanded spec by path prefix. A path with no recorded origin came from the
 * scenario file itself at the same path.
 */
export class Origins {
  private readonly entries = new Map<string, Origin | null>();

  /** Records where `path` came from; null = the scenario file itself (overrides a shorter import origin). */
  add(path: Path, origin: Origin | null): void {
    this.entries.set(pathToString(path), origin);
  }

  /** The origin of the longest recorded prefix of `path`, with the rest of the path below it. */
  find(path: Path): { origin: Origin; rest: Path } | null {
    for (let n = path.length; n > 0; n--) {
      const key = pathToString(path.slice(0, n));
      if (!this.entries.has(key)) continue;
      const origin = this.entries.get(key);
      return origin ? { origin, rest: path.slice(n) } : null;
    }
    return null;
  }

  /**
   * Re-labels a problem reported at an expanded-spec path that came from another file: position
   * and field path become that file's, and the hint says where it went in the scenario.
   */
  relabel(problem: Problem, path: Path): Problem {
    const hit = this.find(path);
    if (!hit) return problem;
    const restText = pathToString(['x', ...hit.rest]).slice(1);
    const where = `imported as ${pathToString(path)}`;
    return { ...problem, ...hit.origin.locate(hit.rest), path: hit.origin.describe(restText), hint: problem.hint ? `${problem.hint}; ${where}` : where };
  }
}

/** Parses `spec.workloads[3].hpa` back to ['spec', 'workloads', 3, 'hpa']. */
export function parsePath(text: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of text.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}
