import { execFileSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, relative, resolve as resolvePath } from 'node:path';
import { diffScenarios } from './config-diff.js';
import { describeFields, loadScenario, scenarioReader, type LoadedScenario, type LoadOptions } from './load-scenario.js';
import type { InputReader } from './import/input-files.js';
import { DEFAULT_LIMITS, overLimit, type Limits } from './limits.js';
import type { Loaded, Problem } from './problem.js';

/** Environment variables, as `process.env`. */
export type Env = Readonly<Record<string, string | undefined>>;

/** Which revisions to compare, before resolving them to commits: candidates are tried in order. */
export interface RevisionRange {
  readonly base: readonly string[];
  readonly head: readonly string[];
  /** `base...head`: compare against the merge base of the two (as `git diff base...head`). */
  readonly mergeBase: boolean;
  /** Where the range came from, for messages. */
  readonly source: string;
}

/** A revision resolved to a commit. */
export interface Revision {
  /** As the user or the CI named it (`main`, `origin/main`, `HEAD`). */
  readonly name: string;
  readonly commit: string;
}

/** A scenario loaded from two revisions: `before` from the base, `after` from the head. */
export interface GitLoadedScenario extends LoadedScenario {
  readonly git: { readonly base: Revision; readonly head: Revision; readonly source: string };
}

/**
 * The range to compare: `base..head`, `base...head` (merge base) or `base` (head = HEAD). With no
 * range, the CI's merge-request variables: GitLab (CI_MERGE_REQUEST_DIFF_BASE_SHA, else
 * CI_MERGE_REQUEST_TARGET_BRANCH_NAME, against the checked-out HEAD) or GitHub Actions
 * (GITHUB_BASE_REF against HEAD); a branch name is tried as `origin/<name>` first, since CI
 * clones usually hold only remote-tracking branches.
 */
export function revisionRange(spec: string | undefined, env: Env): { ok: true; range: RevisionRange } | { ok: false; message: string } {
  const branch = (name: string): string[] => [`origin/${name}`, name];
  if (spec !== undefined && spec.trim() !== '') {
    const m = /^(.*?)(\.\.\.?)(.*)$/.exec(spec.trim());
    if (!m) return { ok: true, range: { base: [spec.trim()], head: ['HEAD'], mergeBase: false, source: `--git ${spec}` } };
    const [, base, dots, head] = m;
    if (!base) return { ok: false, message: `"${spec}" names no base revision (write base..head, for example main..HEAD)` };
    return { ok: true, range: { base: [base], head: [head || 'HEAD'], mergeBase: dots === '...', source: `--git ${spec}` } };
  }
  const target = env.CI_MERGE_REQUEST_TARGET_BRANCH_NAME;
  if (target) {
    const diffBase = env.CI_MERGE_REQUEST_DIFF_BASE_SHA;
    return {
      ok: true,
      range: {
        base: [...(diffBase ? [diffBase] : []), ...branch(target)],
        head: ['HEAD'],
        // The diff base is already the merge base; a branch fallback needs computing it.
        mergeBase: true,
        source: `GitLab merge request ${env.CI_MERGE_REQUEST_SOURCE_BRANCH_NAME ?? 'HEAD'} -> ${target}`,
      },
    };
  }
  const githubBase = env.GITHUB_BASE_REF;
  if (githubBase) {
    return { ok: true, range: { base: branch(githubBase), head: ['HEAD'], mergeBase: true, source: `GitHub pull request ${env.GITHUB_HEAD_REF ?? 'HEAD'} -> ${githubBase}` } };
  }
  return {
    ok: false,
    message: 'no revision range given and no merge-request variables found (GitLab CI_MERGE_REQUEST_TARGET_BRANCH_NAME, GitHub GITHUB_BASE_REF): write --git base..head, for example --git main..HEAD',
  };
}

/** Runs git in `cwd`; undefined when it fails (git missing, not a repository, a non-zero exit). Never writes to the work tree or the index. */
export function git(cwd: string, args: readonly string[]): string | undefined {
  try {
    return execFileSync('git', ['-C', cwd, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 256 * 2 ** 20 });
  } catch {
    return undefined;
  }
}

function resolveRevision(root: string, candidates: readonly string[]): Revision | null {
  for (const name of candidates) {
    const commit = git(root, ['rev-parse', '--verify', '--quiet', `${name}^{commit}`])?.trim();
    if (commit) return { name, commit };
  }
  return null;
}

/**
 * Reads files as they are in `commit` (`git cat-file blob <commit>:<path>`, `git ls-tree`), by
 * their absolute paths in the work tree; files outside the repository are refused, and a blob
 * above the file-size limit is refused before it is read.
 */
export function revisionReader(root: string, commit: string, limits: Limits = DEFAULT_LIMITS): InputReader {
  const refused = new Map<string, string>();
  const inRepo = (path: string): string | null => {
    const rel = relative(root, path);
    if (!(rel.startsWith('..') || isAbsolute(rel))) return rel.split('\\').join('/');
    refused.set(path, `${path} is outside the repository ${root}: --git reads only files of the repository`);
    return null;
  };
  return {
    refusal: (path) => refused.get(path),
    readText: (path) => {
      const rel = inRepo(path);
      if (rel === null) return undefined;
      const size = Number(git(root, ['cat-file', '-s', `${commit}:${rel}`])?.trim());
      if (!Number.isFinite(size)) return undefined;
      if (size > limits.fileBytes.value) {
        refused.set(path, `${path}: ${overLimit(limits.fileBytes, size)}`);
        return undefined;
      }
      return git(root, ['cat-file', 'blob', `${commit}:${rel}`]);
    },
    listFiles: (path) => {
      const rel = inRepo(path);
      if (rel === null || git(root, ['cat-file', '-t', `${commit}:${rel === '' ? '.' : rel}`])?.trim() !== 'tree') return undefined;
      const out = git(root, ['ls-tree', '-r', '--name-only', commit, '--', rel === '' ? '.' : `${rel}/`]);
      return out === undefined ? undefined : out.split('\n').filter(Boolean).map((p) => resolvePath(root, p)).sort();
    },
  };
}

/**
 * Loads a scenario at two git revisions, for `whatif compare --git` and `whatif explain --git`:
 * the scenario and every input file it names (manifests, values, recordings) are read as they
 * are in the base commit for `before` and in the head commit for `after`, through git, without a
 * checkout. The scenario file itself falls back to the head's (or the work tree's) copy where a
 * revision lacks it. A change written in the scenario is ignored: the change is the difference
 * between the revisions.
 */
export function loadScenarioFromGit(file: string, range: string | undefined, options: LoadOptions & { readonly env?: Env } = {}): Loaded<GitLoadedScenario> {
  const path = realPath(resolvePath(file));
  // A clone without the revision (shallow, not fetched) is the job's setup, not the input: exit 3.
  const fail = (message: string, environment = false): Loaded<GitLoadedScenario> => ({ ok: false, problems: [{ file, line: 0, column: 0, path: '', message, severity: 'error', ...(environment ? { environment } : {}) }] });
  const root = git(dirname(path), ['rev-parse', '--show-toplevel'])?.trim();
  if (!root) return fail(`--git: ${dirname(path)} is not inside a git repository`, true);
  const spec = revisionRange(range, options.env ?? process.env);
  if (!spec.ok) return fail(`--git: ${spec.message}`);
  const head = resolveRevision(root, spec.range.head);
  let base = resolveRevision(root, spec.range.base);
  const unknown = [!base ? spec.range.base : null, !head ? spec.range.head : null].filter((x): x is readonly string[] => x !== null);
  if (unknown.length > 0 || !base || !head) {
    return fail(`--git: unknown revision ${unknown.map((c) => c.join(' / ')).join(' and ')} (${spec.range.source}); fetch it first, e.g. git fetch origin <branch>`, true);
  }
  if (spec.range.mergeBase) {
    const mb = git(root, ['merge-base', base.commit, head.commit])?.trim();
    if (!mb) return fail(`--git: ${base.name} and ${head.name} have no common ancestor (a shallow clone? fetch more history, e.g. GIT_DEPTH: 0)`, true);
    base = { name: `merge-base(${base.name}, ${head.name})`, commit: mb };
  }
  const limits = options.limits ?? DEFAULT_LIMITS;
  const headReader = revisionReader(root, head.commit, limits);
  const workTree = scenarioReader(path, options);
  const scenarioText = (reader: InputReader): string | undefined => reader.readText(path) ?? headReader.readText(path) ?? workTree.readText(path);
  const notes: Problem[] = [];
  const load = (rev: Revision) => {
    const reader = revisionReader(root, rev.commit, limits);
    if (reader.readText(path) === undefined) notes.push({ file: label(rev, root, path), line: 0, column: 0, path: '', message: `the scenario is not in ${rev.name}: its copy from ${headReader.readText(path) !== undefined ? head!.name : 'the work tree'} is used, with the input files of ${rev.name}`, severity: 'warning' });
    const result = loadScenario(path, {
      ...options,
      readText: (p) => (p === path ? scenarioText(reader) : reader.readText(p)),
      listFiles: reader.listFiles,
      refusal: (p) => (p === path ? workTree.refusal?.(p) : reader.refusal?.(p)),
    });
    return relabel(result, rev, root);
  };
  const before = load(base);
  const after = load(head);
  if (!before.ok || !after.ok) return { ok: false, problems: [...(before.ok ? [] : before.problems), ...(after.ok ? [] : after.problems)] };
  const warnings = dedupeAcrossRevisions([...notes, ...before.warnings, ...after.warnings]);
  if (before.value.after || after.value.after) {
    warnings.push({ file, line: 0, column: 0, path: 'spec.change', message: '--git: the change written in the scenario is ignored; the change compared is the difference between the revisions', severity: 'warning' });
  }
  const { fields, added, removed } = diffScenarios(before.value.before, after.value.before);
  if (fields.length === 0) warnings.push({ file, line: 0, column: 0, path: '', message: `--git: ${base.name} and ${head.name} give the same configuration (no input file of the scenario changed)`, severity: 'warning' });
  return {
    ok: true,
    value: {
      file,
      before: before.value.before,
      after: after.value.before,
      change: { description: `${base.name}..${head.name}${fields.length ? `: ${describeFields(fields)}` : ''}`, fields, added, removed },
      inputs: { before: before.value.inputs?.before ?? { files: [], placement: {} }, after: after.value.inputs?.before ?? null },
      git: { base, head, source: spec.range.source },
    },
    warnings,
  };
}

/** The path with its folder's symbolic links resolved, as git reports the repository root. */
function realPath(path: string): string {
  try {
    return resolvePath(realpathSync(dirname(path)), basename(path));
  } catch {
    return path;
  }
}

/** `main:charts/payments/values.yaml`: a file in a revision, as git names it. */
function label(rev: Revision, root: string, file: string): string {
  const rel = relative(root, file);
  return rel.startsWith('..') || isAbsolute(rel) ? file : `${rev.name}:${rel}`;
}

function relabel<T>(result: Loaded<T>, rev: Revision, root: string): Loaded<T> {
  const fix = (p: Problem): Problem => ({ ...p, file: label(rev, root, p.file) });
  return result.ok ? { ...result, warnings: result.warnings.map(fix) } : { ok: false, problems: result.problems.map(fix) };
}

/** A warning both revisions give (same file, place and text) is shown once, for the head. */
function dedupeAcrossRevisions(warnings: readonly Problem[]): Problem[] {
  const key = (p: Problem) => `${p.file.replace(/^[^:]*:/, '')}|${p.line}|${p.column}|${p.path}|${p.message}`;
  const last = new Map<string, Problem>();
  for (const p of warnings) last.set(key(p), p);
  return [...last.values()];
}
