import { dirname, resolve as resolvePath } from 'node:path';
import { specSchema, writtenScenarioSchema } from './schema/scenario.js';
import { parseYamlSource, type YamlSource } from './yaml-source.js';
import { issuesToProblems, type Locator } from './schema-problems.js';
import { strategicMerge, patchPathFor, PATCH_DIRECTIVE } from './strategic-merge.js';
import { didYouMean } from './did-you-mean.js';
import { displayField } from './upstream-field.js';
import { shortWindowMessage } from './simulation-window.js';
import { resolveScenario } from './resolve.js';
import { diffScenarios, type ChangedField } from './config-diff.js';
import { pathToString, type Loaded, type Problem } from './problem.js';
import type { PathProblem } from './resolve-context.js';
import type { Scenario } from './types.js';
import { diskReader, listFromDisk, projectRoot, readFromDisk, type InputReader, type ListFiles, type ReadText, type Refusal } from './import/input-files.js';
import { DEFAULT_LIMITS, type Limits } from './limits.js';
import { checkLimits } from './check-limits.js';
import { expandInputs, type ExpandedSpec, type ImportedInputs } from './import/expand-inputs.js';
import { parsePath, type Origins } from './import/origins.js';

export { readFromDisk, listFromDisk, type ReadText, type ListFiles, type Refusal };
export type { ImportedInputs };

/** A scenario file loaded: the before configuration and, when it has a change, the after one. */
export interface LoadedScenario {
  readonly file: string;
  readonly before: Scenario;
  readonly after: Scenario | null;
  readonly change: {
    readonly description: string;
    readonly fields: readonly ChangedField[];
    /** Workloads only the after configuration has, and those only the before one has. */
    readonly added: readonly string[];
    readonly removed: readonly string[];
  };
  /**
   * What imported inputs (manifests, Helm values, recordings) carry beyond the resolved types:
   * ResourceQuotas by namespace, placement constraints by workload, the files read.
   */
  readonly inputs?: { readonly before: ImportedInputs; readonly after: ImportedInputs | null };
}

export interface LoadOptions {
  readonly readText?: ReadText;
  /** Lists the files of a folder of manifests (injectable for reading git revisions). */
  readonly listFiles?: ListFiles;
  /** Why an injected reader gave nothing for a path (outside the project, too large). */
  readonly refusal?: Refusal;
  /**
   * Folders besides the scenario's project (its git top level, else its folder) that input files
   * may come from (`--allow-path`); used when no reader is injected.
   */
  readonly allowPaths?: readonly string[];
  readonly limits?: Limits;
  /** Extra strategic-merge patches on `spec` applied to both configurations (sweeps, --set). */
  readonly specPatches?: readonly Record<string, unknown>[];
  /**
   * Checks one `spec.assert` entry (the policy language lives with the reports); a message makes
   * it a problem at that entry's position.
   */
  readonly validateAssertion?: (text: string, workloads: readonly string[]) => { message: string; hint?: string } | null;
}

/** Loads, validates and resolves a scenario file. Every problem is reported at once; nothing throws for bad input. */
export function loadScenario(file: string, options: LoadOptions = {}): Loaded<LoadedScenario> {
  const reader = scenarioReader(file, options);
  const limits = options.limits ?? DEFAULT_LIMITS;
  const base = readSource(file, reader, limits);
  if (!base.ok) return base;
  const src = base.source;
  const parsed = writtenScenarioSchema.safeParse(src.value);
  const problems: Problem[] = parsed.success ? [] : issuesToProblems(parsed.error.issues, writtenScenarioSchema, src.value, locateIn(src));
  const warnings: Problem[] = [];
  const raw = (isObject(src.value) ? src.value : {}) as { metadata?: { name: string; description?: string }; spec?: Record<string, unknown> };
  const rawSpec = isObject(raw.spec) ? raw.spec : {};
  const rawChange = (isObject(rawSpec.change) ? rawSpec.change : {}) as { patch?: unknown; file?: unknown; description?: unknown };
  const rawBefore = applyPatches(withoutChange(rawSpec), options.specPatches);
  // Manifests, Helm values and recordings are read into the written spec before it is validated.
  const expand = (spec: Record<string, unknown>, side: 'before' | 'after', locate: Locator, dir: string): ExpandedSpec => {
    const expanded = expandInputs(spec, side, dir, reader, limits);
    for (const p of [...expanded.problems, ...expanded.specProblems.map((q) => locateProblem(q, locate))]) (p.severity === 'error' ? problems : warnings).push(p);
    return expanded;
  };
  const expandedBefore = expand(rawBefore, 'before', locateIn(src), dirname(file));
  const before = parsed.success ? validateSpec(expandedBefore.spec, locateIn(src), problems, expandedBefore.origins) : null;

  let after: ReturnType<typeof validateSpec> = null;
  let expandedAfter: ExpandedSpec | null = null;
  let afterLocator: Locator = locateIn(src);
  if (rawChange.patch !== undefined && rawChange.file !== undefined) {
    problems.push(problemAt(src, ['spec', 'change'], 'give either change.patch or change.file, not both'));
  } else if (isObject(rawChange.patch)) {
    // Validated even when the base has problems, so that every problem is reported at once.
    const patch = rawChange.patch;
    const merged = applyPatches(strategicMerge(withoutChange(rawSpec), patch) as Record<string, unknown>, options.specPatches);
    afterLocator = (p, o) => {
      // Document paths start at 'spec'; the patch is a patch on spec.
      const inPatch = patchPathFor(p.slice(1), merged, patch);
      return locateIn(src)(inPatch ? ['spec', 'change', 'patch', ...inPatch] : p, o);
    };
    expandedAfter = expand(merged, 'after', afterLocator, dirname(file));
    after = validateSpec(expandedAfter.spec, afterLocator, problems, expandedAfter.origins);
    problems.push(...patchWorkloadProblems(patch, expandedBefore.spec, src));
  } else if (typeof rawChange.file === 'string') {
    const otherPath = resolvePath(dirname(file), rawChange.file);
    const other = readSource(otherPath, reader, limits);
    if (!other.ok) return { ok: false, problems: sortProblems(dedupe([...problems, ...other.problems])) };
    const otherParsed = writtenScenarioSchema.safeParse(other.source.value);
    if (!otherParsed.success) {
      problems.push(...issuesToProblems(otherParsed.error.issues, writtenScenarioSchema, other.source.value, locateIn(other.source)));
    } else {
      const otherSpec = applyPatches(withoutChange((other.source.value as { spec: Record<string, unknown> }).spec), options.specPatches);
      afterLocator = locateIn(other.source);
      expandedAfter = expand(otherSpec, 'after', afterLocator, dirname(otherPath));
      after = validateSpec(expandedAfter.spec, afterLocator, problems, expandedAfter.origins);
    }
  } else if (expandedBefore.hasAfterInputs) {
    // No change written, but Helm values name an after file or overlay: that is the change.
    expandedAfter = expand(rawBefore, 'after', afterLocator, dirname(file));
    after = parsed.success ? validateSpec(expandedAfter.spec, afterLocator, problems, expandedAfter.origins) : null;
  }
  const change = { description: typeof rawChange.description === 'string' ? rawChange.description : undefined };
  if (problems.length > 0 || !before || !raw.metadata) return { ok: false, problems: sortProblems(dedupe(problems)) };

  const meta = raw.metadata;
  const resolvedBefore = resolveScenario(meta, before, limits);
  const resolvedAfter = after ? resolveScenario(meta, after, limits) : null;
  resolvedBefore.ctx.problems.push(...checkLimits(resolvedBefore.scenario, limits));
  if (resolvedAfter) resolvedAfter.ctx.problems.push(...checkLimits(resolvedAfter.scenario, limits));
  const afterOrigins = expandedAfter?.origins ?? expandedBefore.origins;
  const located = [
    ...resolvedBefore.ctx.problems.map((p) => expandedBefore.origins.relabel(locateProblem(p, locateIn(src)), p.path)),
    ...(resolvedAfter?.ctx.problems ?? [])
      .filter((p) => !resolvedBefore.ctx.problems.some((q) => q.message === p.message && pathToString(q.path) === pathToString(p.path)))
      .map((p) => afterOrigins.relabel(locateProblem({ ...p, message: `after the change: ${p.message}` }, afterLocator), p.path)),
    ...warnings,
  ];
  if (options.validateAssertion) {
    // Assertions may name a workload the change adds.
    const names = [...new Set([...resolvedBefore.scenario.workloads, ...(resolvedAfter?.scenario.workloads ?? [])].map((w) => w.name))];
    resolvedBefore.scenario.assertions.forEach((text, i) => {
      const bad = options.validateAssertion!(text, names);
      if (bad) located.push({ ...problemAt(src, ['spec', 'assert', i], bad.message), value: JSON.stringify(text), ...(bad.hint ? { hint: bad.hint } : {}) });
    });
  }
  const unique = dedupe(located);
  const errors = unique.filter((p) => p.severity === 'error');
  if (errors.length > 0) return { ok: false, problems: sortProblems(errors) };
  const { fields, ...membership } = resolvedAfter ? diffScenarios(resolvedBefore.scenario, resolvedAfter.scenario) : { fields: [], added: [], removed: [] };
  const short = shortWindowMessage(resolvedBefore.scenario);
  if (short) unique.push({ ...problemAt(src, ['spec', 'duration'], short), severity: 'warning' });
  if (resolvedAfter && fields.length === 0) {
    unique.push({ ...problemAt(src, ['spec', 'change'], 'the change does not change the resolved configuration'), severity: 'warning' });
  }
  return {
    ok: true,
    value: {
      file,
      before: resolvedBefore.scenario,
      after: resolvedAfter?.scenario ?? null,
      change: { description: change?.description ?? describeFields(fields), fields, ...membership },
      inputs: { before: expandedBefore.inputs, after: resolvedAfter ? (expandedAfter?.inputs ?? null) : null },
    },
    warnings: sortProblems(unique.filter((p) => p.severity === 'warning')),
  };
}

/**
 * How a scenario's files are read: the injected reader (git revisions, tests), else the disk
 * confined to the scenario's project and the allowed folders, with the size limits.
 */
export function scenarioReader(file: string, options: LoadOptions): InputReader {
  if (options.readText) return { readText: options.readText, listFiles: options.listFiles ?? listFromDisk, ...(options.refusal ? { refusal: options.refusal } : {}) };
  return diskReader({ roots: [projectRoot(file), ...(options.allowPaths ?? [])], limits: options.limits ?? DEFAULT_LIMITS });
}

function readSource(file: string, reader: InputReader, limits: Limits): { ok: true; source: YamlSource } | { ok: false; problems: Problem[] } {
  const text = reader.readText(file);
  if (text === undefined) {
    return { ok: false, problems: [{ file, line: 0, column: 0, path: '', message: reader.refusal?.(file) ?? 'cannot read file (does it exist?)', severity: 'error' }] };
  }
  const parsed = parseYamlSource(file, text, limits);
  return parsed.ok ? parsed : { ok: false, problems: parsed.problems };
}

function validateSpec(spec: Record<string, unknown>, locate: Locator, problems: Problem[], origins: Origins) {
  const result = specSchema.safeParse(spec);
  if (result.success) return result.data;
  // Fields that came from a manifest or values file are reported there.
  problems.push(...issuesToProblems(result.error.issues, specSchema, spec, locate, ['spec']).map((p) => origins.relabel(p, parsePath(p.path))));
  return null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function withoutChange(spec: Record<string, unknown>): Record<string, unknown> {
  const { change: _change, ...rest } = spec;
  void _change;
  return rest;
}

function applyPatches(spec: Record<string, unknown>, patches: readonly Record<string, unknown>[] | undefined): Record<string, unknown> {
  let out = spec;
  for (const patch of patches ?? []) out = strategicMerge(out, patch) as Record<string, unknown>;
  return out;
}

function locateIn(source: YamlSource): Locator {
  return (path, options) => ({ file: source.file, ...source.locate(path, options) });
}

function problemAt(source: YamlSource, path: (string | number)[], message: string): Problem {
  return { file: source.file, ...source.locate(path), path: pathToString(path), message, severity: 'error' };
}

function locateProblem(p: PathProblem, locate: Locator): Problem {
  const { path, ...rest } = p;
  return { ...locate(path), path: pathToString(path), ...rest };
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.file}:${p.line}:${p.column}:${p.path}:${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

/**
 * A patch entry for a workload the configuration does not have adds a workload only when it is
 * one (it gives resources.requests and a load); anything else is a misspelt name, which would
 * otherwise become a silent new workload. A delete directive must name an existing workload.
 */
function patchWorkloadProblems(patch: Record<string, unknown>, base: Record<string, unknown>, src: YamlSource): Problem[] {
  const entries = Array.isArray(patch.workloads) ? patch.workloads : [];
  const names = (Array.isArray(base.workloads) ? base.workloads : []).flatMap((w) => (isObject(w) && typeof w.name === 'string' ? [w.name] : []));
  const out: Problem[] = [];
  entries.forEach((entry, i) => {
    if (!isObject(entry) || typeof entry.name !== 'string' || names.includes(entry.name)) return;
    const at = ['spec', 'change', 'patch', 'workloads', i, 'name'];
    const guess = didYouMean(entry.name, names);
    const hint = guess ? `did you mean "${guess}"?` : `workloads are: ${names.join(', ')}`;
    if (entry[PATCH_DIRECTIVE] === 'delete') {
      out.push({ ...problemAt(src, at, `no workload "${entry.name}" to delete`), value: JSON.stringify(entry.name), hint });
      return;
    }
    const requests = isObject(entry.resources) && isObject(entry.resources.requests);
    if (requests && entry.load !== undefined) return;
    out.push({
      ...problemAt(src, at, `"${entry.name}" matches no workload, and it is not a complete new workload (it needs resources.requests and load)`),
      value: JSON.stringify(entry.name),
      hint,
    });
  });
  return out;
}

/** `path: before -> after` for each changed field, comma separated (the default change description). */
export function describeFields(fields: readonly ChangedField[]): string {
  return fields
    .map(displayField)
    .map((d) => `${d.path}: ${d.before} -> ${d.after}`)
    .join(', ');
}
