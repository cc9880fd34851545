import { loadScenario, scenarioReader, type LoadedScenario, type LoadOptions, type ReadText } from '../scenario/load-scenario.js';
import { parseYamlSource, type YamlSource } from '../scenario/yaml-source.js';
import { strategicMerge } from '../scenario/strategic-merge.js';
import { sweepSchema, type SweepBlock } from '../scenario/schema/sweep.js';
import type { Loaded, Problem } from '../scenario/problem.js';
import type { Scenario } from '../scenario/types.js';
import { pathToPatch, pathsToPatches } from './path-to-patch.js';
import type { ParameterValues } from './types.js';

/** The scenario a sweep or search starts from, and how to resolve one configuration of it. */
export interface SweepBase {
  readonly loaded: LoadedScenario;
  readonly source: YamlSource;
  /** `spec.sweep` as written (validated by the scenario schema), if any. */
  readonly block: SweepBlock | undefined;
  readonly warnings: readonly Problem[];
  /**
   * The after configuration (or, without a change, the only one) with `values` patched in,
   * resolved; or why those values do not make a valid scenario.
   */
  resolve(values: ParameterValues): { ok: true; scenario: Scenario } | { ok: false; message: string; hint?: string };
  /** Whether `path` leads somewhere in the after configuration as written (named items exist). */
  checkPath(path: string): { ok: true } | { ok: false; message: string; hint?: string };
}

export interface SweepBaseOptions {
  /** Overrides spec.duration of both configurations (a shorter run for a quick look). */
  readonly duration?: string;
  readonly readText?: ReadText;
  /** Folders besides the scenario's project that input files may come from (`--allow-path`). */
  readonly allowPaths?: LoadOptions['allowPaths'];
  readonly limits?: LoadOptions['limits'];
  /** The policy checker `compare` uses, so a bad assertion is a problem at its line. */
  readonly validateAssertion?: LoadOptions['validateAssertion'];
}

/** Loads and validates the scenario (with the duration override), as `compare` does. */
export function loadSweepBase(file: string, options: SweepBaseOptions = {}): Loaded<SweepBase> {
  const texts = new Map<string, string | undefined>();
  const reader = scenarioReader(file, {
    ...(options.readText ? { readText: options.readText } : {}),
    ...(options.allowPaths ? { allowPaths: options.allowPaths } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
  });
  // Every configuration reloads the same files: read them once.
  const readText: ReadText = (path) => {
    if (!texts.has(path)) texts.set(path, reader.readText(path));
    return texts.get(path);
  };
  const io = { readText, listFiles: reader.listFiles, ...(reader.refusal ? { refusal: reader.refusal } : {}), ...(options.limits ? { limits: options.limits } : {}) };
  const extra: Record<string, unknown>[] = options.duration !== undefined ? [{ duration: options.duration }] : [];
  const loaded = loadScenario(file, { ...io, specPatches: extra, ...(options.validateAssertion ? { validateAssertion: options.validateAssertion } : {}) });
  if (!loaded.ok) return loaded;
  const parsed = parseYamlSource(file, readText(file) ?? '');
  if (!parsed.ok) return parsed;
  const source = parsed.source;
  const spec = ((source.value as { spec?: Record<string, unknown> }).spec ?? {}) as Record<string, unknown>;
  const { change, sweep, ...rest } = spec;
  const changePatch = isObject(change) && isObject(change.patch) ? change.patch : null;
  // Paths are looked up in the after configuration as written: the base with the change applied.
  let rawAfter: unknown = changePatch ? strategicMerge(rest, changePatch) : rest;
  for (const p of extra) rawAfter = strategicMerge(rawAfter, p);
  const block = sweep === undefined ? undefined : sweepSchema.parse(sweep);

  const resolve: SweepBase['resolve'] = (values) => {
    const patches = pathsToPatches(values, rawAfter);
    if (!patches.ok) return { ok: false, message: `${patches.path}: ${patches.message}`, ...(patches.hint ? { hint: patches.hint } : {}) };
    const r = loadScenario(file, { ...io, specPatches: [...extra, ...patches.patches] });
    if (!r.ok) {
      const p = r.problems[0]!;
      const details = [p.value !== undefined ? `got ${p.value}` : '', p.allowed ? `allowed: ${p.allowed}` : ''].filter(Boolean).join('; ');
      return { ok: false, message: `${p.path}: ${p.message}${details ? ` (${details})` : ''}`, ...(p.hint ? { hint: p.hint } : {}) };
    }
    return { ok: true, scenario: r.value.after ?? r.value.before };
  };
  const checkPath: SweepBase['checkPath'] = (path) => {
    // The value is irrelevant to where the path leads.
    const r = pathToPatch(path, 0, rawAfter);
    return r.ok ? { ok: true } : r;
  };
  return { ok: true, value: { loaded: loaded.value, source, block, warnings: loaded.warnings, resolve, checkPath }, warnings: loaded.warnings };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
