import { createHash } from 'node:crypto';
import { changedWorkloads } from '../report/build-comparison.js';
import { sweepPolicies } from './feasibility-policies.js';
import type { Problem } from '../scenario/problem.js';
import type { Scenario } from '../scenario/types.js';
import { LIMITS, overLimit, type LimitSpec } from '../scenario/limits.js';
import { expandPoints } from './expand-points.js';
import { gridSize } from './expand-grid.js';
import type { SweepBase } from './load-sweep-base.js';
import { parsePath } from './path-to-patch.js';
import { parseQualityMetric } from './quality-metric.js';
import { readSweepSpec, type SpecProblem, type SweepFlags } from './read-sweep-spec.js';
import { SWEEP_SCHEMA_VERSION, type SweepHeader, type SweepPoint, type SweepSpec } from './types.js';

/** A sweep ready to run: every configuration resolved, every point in its stable order. */
export interface SweepPlan {
  readonly header: SweepHeader;
  readonly spec: SweepSpec;
  /** The before configuration: each seed's baseline. */
  readonly baseline: Scenario;
  /** The resolved after configuration of each configuration index. */
  readonly configurations: readonly Scenario[];
  readonly points: readonly SweepPoint[];
}

/** Where flag problems are reported. */
export const COMMAND_LINE = '(command line)';

/** Most configuration problems listed before the rest are summarised. */
const MAX_LISTED_PROBLEMS = 10;

/**
 * Plans a sweep: reads the sweep from the block and flags, expands its points, resolves every
 * configuration (so a bad value stops the sweep before any simulation, with every problem listed)
 * and fixes the header every shard shares. Reading the scenario is done; this does no I/O.
 */
export function planSweep(base: SweepBase, flags: SweepFlags, maxPoints: LimitSpec = LIMITS.sweepPoints): { ok: true; plan: SweepPlan } | { ok: false; problems: Problem[] } {
  const { loaded, source } = base;
  const located = (p: SpecProblem): Problem =>
    p.path ? { file: source.file, ...source.locate(p.path, { key: true }), path: p.path.join('.'), message: p.message, severity: 'error' } : { file: COMMAND_LINE, line: 0, column: 0, path: '', message: p.message, severity: 'error' };
  const read = readSweepSpec(base.block, flags, loaded.before.seed);
  if (!read.ok) return { ok: false, problems: read.problems.map(located) };
  const spec = read.spec;
  const where: readonly (string | number)[] | null = base.block ? ['spec', 'sweep'] : null;
  const size = gridSize(spec.grid) * (spec.random?.count ?? 1) * spec.seeds.length;
  if (size > maxPoints.value) return { ok: false, problems: [located({ path: where, message: `the sweep has ${size} points: ${overLimit(maxPoints)}; or narrow a range or raise a step` })] };

  const workloads = loaded.before.workloads.map((w) => w.name);
  const paths = [...spec.grid.map((g) => g.path), ...(spec.random?.parameters ?? []).map((r) => r.path)];
  const changed = [...new Set([...changedWorkloads(loaded), ...paths.flatMap((p) => workloadOfPath(p, workloads) ?? [])])].sort();
  const problems: Problem[] = [];
  const quality = parseQualityMetric(spec.quality, workloads, changed);
  if (!quality.ok) problems.push({ ...located({ path: flags.quality === undefined && base.block?.quality !== undefined ? ['spec', 'sweep', 'quality'] : null, message: quality.message }), ...(quality.hint ? { hint: quality.hint } : {}) });

  for (const path of paths) {
    const r = base.checkPath(path);
    const at = blockPathOf(base, path);
    // In the block the problem's field path names the parameter; on the command line the message must.
    if (!r.ok) problems.push({ ...located({ path: at, message: at ? r.message : `${path}: ${r.message}` }), ...(r.hint ? { hint: r.hint } : {}) });
  }
  if (problems.length > 0) return { ok: false, problems };

  const { configurations, points } = expandPoints(spec);
  const scenarios: Scenario[] = [];
  const seen = new Set<string>();
  let unlisted = 0;
  configurations.forEach((values) => {
    const r = base.resolve(values);
    if (r.ok) return void scenarios.push(r.scenario);
    if (seen.has(r.message)) return;
    seen.add(r.message);
    if (seen.size > MAX_LISTED_PROBLEMS) return void unlisted++;
    problems.push({ ...located({ path: where, message: `with ${JSON.stringify(values)}: ${r.message}` }), ...(r.hint ? { hint: r.hint } : {}) });
  });
  if (unlisted > 0) problems.push(located({ path: where, message: `${unlisted} more configuration problem(s) of other kinds` }));
  if (problems.length > 0) return { ok: false, problems };

  const seeds = spec.seeds;
  const header: SweepHeader = {
    sweepId: sweepId({ before: loaded.before, after: loaded.after, configurations, seeds, quality: spec.quality }),
    scenario: { name: loaded.before.name, file: loaded.file, durationMs: loaded.before.durationMs },
    parameters: paths,
    seeds,
    quality: spec.quality,
    assertions: sweepPolicies(loaded.before.assertions, changed, loaded.before.durationMs),
    workloads,
    changedWorkloads: changed,
    totalPoints: points.length,
  };
  return { ok: true, plan: { header, spec, baseline: loaded.before, configurations: scenarios, points } };
}

/** Where the block writes a parameter (grid or random), or null for a flag. */
function blockPathOf(base: SweepBase, path: string): (string | number)[] | null {
  if (base.block?.parameters?.[path] !== undefined) return ['spec', 'sweep', 'parameters', path];
  if (base.block?.random?.parameters[path] !== undefined) return ['spec', 'sweep', 'random', 'parameters', path];
  return null;
}

/** The workload a `workloads.<name>....` path leads into (names may hold dots), if any. */
export function workloadOfPath(path: string, workloads: readonly string[]): string | null {
  const segments = parsePath(path);
  if (!segments || segments[0] !== 'workloads') return null;
  for (let end = segments.length; end > 1; end--) {
    const name = segments.slice(1, end).join('.');
    if (workloads.includes(name)) return name;
  }
  return null;
}

/** What makes two runs parts of one sweep: shards refuse to merge when it differs. */
function sweepId(identity: unknown): string {
  return createHash('sha256').update(JSON.stringify({ schemaVersion: SWEEP_SCHEMA_VERSION, identity })).digest('hex');
}
