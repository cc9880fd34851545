import { parsePrometheusRange } from '../../models/load/parse-prometheus-range.js';
import { parseCsvSeries } from '../../models/load/parse-csv-series.js';
import type { Problem } from '../problem.js';
import type { PathProblem } from '../resolve-context.js';
import { isObject } from './manifest-documents.js';
import { cannotRead, inputPath, type ReadText, type Refusal } from './input-files.js';

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
  const parsed = format === 'prometheus' ? parsePrometheusRange(text, isObject(load.series) ? (load.series as Record<string, string>) : {}) : parseCsvSeries(text);
  if (!parsed.ok) {
    out.problems.push(...parsed.issues.map((i) => ({ file, line: i.line, column: i.column, path: i.path, message: `recorded load (${format}): ${i.message}`, severity: 'error' as const })));
    return load;
  }
  for (const note of parsed.notes) out.problems.push({ file, line: 0, column: 0, path: '', message: `recorded load: ${note}`, severity: 'warning' });
  const { timesMs, values } = parsed.series;
  return { ...load, samples: timesMs.map((t, i) => [t / 1000, values[i]!]) };
}
