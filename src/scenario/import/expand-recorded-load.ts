import { parsePrometheusRange } from '../../models/load/parse-prometheus-range.js';
import { parseCsvSeries } from '../../models/load/parse-csv-series.js';
import type { Problem } from '../problem.js';
import type { PathProblem } from '../resolve-context.js';
import { isObject } from './manifest-documents.js';
import { cannotRead, inputPath, type ReadText, type Refusal } from './input-files.js';
import { PLAUSIBLE_RECORDING_MS } from '../../models/load/defaults.js';
import type { SeriesIssue } from '../../models/load/time-series.js';
import { overLimit, type Limits } from '../limits.js';
import { parseYamlSource } from '../yaml-source.js';
import { parsePath } from './origins.js';

type Path = readonly (string | number)[];

/**
 * Reads the recording of a `type: replay` load into inline `samples` ([unixSeconds, value]), so the
 * resolved scenario stays plain data. Problems in the recording are located in its file; a
 * missing file or both `file` and `samples` are problems at the scenario path.
 */
export function expandRecordedLoad(
  load: Record<string, unknown>,
  path: Path,
  baseDir: string,
  reader: { readonly readText: ReadText; readonly refusal?: Refusal | undefined },
  out: { problems: Problem[]; specProblems: PathProblem[]; files: string[] },
  limits: Limits,
): Record<string, unknown> {
  if (load.type !== 'replay' || typeof load.file !== 'string') return load;
  if (load.samples !== undefined) {
    out.specProblems.push({ path: [...path, 'samples'], message: 'give the recording as file or as samples, not both', severity: 'error' });
    return load;
  }
  const file = inputPath(baseDir, load.file);
  const text = reader.readText(file);
  out.files.push(file);
  if (text === undefined) {
    out.specProblems.push({ path: [...path, 'file'], message: cannotRead(file, reader.refusal), severity: 'error' });
    return load;
  }
  const format = load.format ?? (/\.json$/i.test(file) ? 'prometheus' : 'csv');
  const options = { plausibleMs: PLAUSIBLE_RECORDING_MS, maxPoints: limits.recordedPoints.value, tooManyPoints: overLimit(limits.recordedPoints) };
  const parsed = format === 'prometheus' ? parsePrometheusRange(text, isObject(load.series) ? (load.series as Record<string, string>) : {}, options) : parseCsvSeries(text, options);
  if (!parsed.ok) {
    const located = locateIssues(file, text, parsed.issues, limits);
    out.problems.push(...located.map((i) => ({ file, line: i.line, column: i.column, path: i.path, message: `recorded load (${format}): ${i.message}`, severity: 'error' as const })));
    return load;
  }
  for (const note of parsed.notes) out.problems.push({ file, line: 0, column: 0, path: '', message: `recorded load: ${note}`, severity: 'warning' });
  const { timesMs, values } = parsed.series;
  return { ...load, samples: timesMs.map((t, i) => [t / 1000, values[i]!]) };
}

/**
 * Issues of a JSON recording carry a path but no line: the text is parsed again (JSON is YAML) to
 * find each path's line and column. Done only when there are issues, so a good file is parsed once.
 */
function locateIssues(file: string, text: string, issues: readonly SeriesIssue[], limits: Limits): SeriesIssue[] {
  if (issues.every((i) => i.line > 0 || i.path === '')) return [...issues];
  const parsed = parseYamlSource(file, text, limits);
  if (!parsed.ok) return [...issues];
  return issues.map((i) => (i.line > 0 || i.path === '' ? i : { ...i, ...parsed.source.locate(parsePath(i.path)) }));
}
