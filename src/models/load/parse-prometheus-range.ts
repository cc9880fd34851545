import { countDuplicateTimes, implausibleTime, positionOf, toTimeSeries, type SeriesIssue, type SeriesParse, type SeriesParseOptions } from './time-series.js';
import { excerpt } from './parse-csv-series.js';

/**
 * Reads a Prometheus HTTP API `query_range` response (`/api/v1/query_range`, resultType "matrix":
 * `data.result[i].values` = [[unixSeconds, "value"], ...]). Series whose labels match every entry of
 * `select` are summed point by point (a query without `sum()` returns one series per pod); sample
 * values Prometheus writes as not finite ("NaN", "+Inf") are skipped with a note; other values
 * that are not numbers, and negative ones, are errors. Within one series, samples that share a
 * time are merged by their mean with a note, as in CSV input; across series they are summed.
 */
export function parsePrometheusRange(text: string, select: Readonly<Record<string, string>> = {}, options: SeriesParseOptions = {}): SeriesParse {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = /position (\d+)/.exec(message);
    const pos = at ? positionOf(text, Number(at[1])) : { line: 1, column: 1 };
    return { ok: false, issues: [{ ...pos, path: '', message: `not JSON: ${message}` }] };
  }
  const issue = (path: string, message: string): SeriesParse => ({ ok: false, issues: [{ line: 0, column: 0, path, message }] });
  const root = doc as { status?: unknown; data?: { resultType?: unknown; result?: unknown } };
  if (typeof root !== 'object' || root === null || typeof root.data !== 'object' || root.data === null) {
    return issue('data', 'not a Prometheus API response: expected {"status": "success", "data": {"resultType": "matrix", "result": [...]}}');
  }
  if (root.status !== undefined && root.status !== 'success') return issue('status', `the query did not succeed (status ${JSON.stringify(root.status)})`);
  if (root.data.resultType !== 'matrix') {
    return issue('data.resultType', `expected "matrix" (a query_range response), got ${JSON.stringify(root.data.resultType)}; an instant query has no time series`);
  }
  if (!Array.isArray(root.data.result)) return issue('data.result', 'expected a list of series');
  const issues: SeriesIssue[] = [];
  const perSeries: [number, number][][] = [];
  const notes: string[] = [];
  let matched = 0;
  let skipped = 0;
  let duplicates = 0;
  let count = 0;
  root.data.result.forEach((s: unknown, i: number) => {
    const series = s as { metric?: Record<string, string>; values?: unknown };
    const labels = series.metric ?? {};
    if (!Object.entries(select).every(([k, v]) => labels[k] === v)) return;
    matched++;
    if (!Array.isArray(series.values)) {
      issues.push({ line: 0, column: 0, path: `data.result[${i}].values`, message: 'expected a list of [time, "value"] pairs' });
      return;
    }
    const samples: [number, number][] = [];
    series.values.forEach((pair: unknown, j: number) => {
      const at = `data.result[${i}].values[${j}]`;
      if (options.maxPoints !== undefined && count > options.maxPoints) return;
      const p = pair as [unknown, unknown];
      const t = typeof p?.[0] === 'number' ? p[0] : typeof p?.[0] === 'string' && /^\d+(\.\d+)?$/.test(p[0]) ? Number(p[0]) : NaN;
      const raw = p?.[1];
      const v = typeof raw === 'string' || typeof raw === 'number' ? Number(raw) : NaN;
      if (!Array.isArray(pair) || pair.length !== 2 || !Number.isFinite(t)) {
        issues.push({ line: 0, column: 0, path: at, message: `expected [unixSeconds, "value"], got ${excerpt(JSON.stringify(pair) ?? String(pair))}` });
        return;
      }
      const implausible = implausibleTime(Math.round(t * 1000), options);
      if (implausible) {
        issues.push({ line: 0, column: 0, path: `${at}[0]`, message: implausible });
      } else if (typeof raw === 'string' && /^[+-]?(NaN|Inf)$/i.test(raw.trim())) {
        skipped++;
      } else if (!Number.isFinite(v) || (typeof raw === 'string' && raw.trim() === '')) {
        issues.push({ line: 0, column: 0, path: `${at}[1]`, message: `not a number: ${typeof raw === 'string' ? excerpt(raw) : excerpt(JSON.stringify(raw) ?? String(raw))}` });
      } else if (v < 0) {
        issues.push({ line: 0, column: 0, path: `${at}[1]`, message: `a rate or a CPU usage cannot be negative: ${excerpt(String(raw))}` });
      } else {
        samples.push([Math.round(t * 1000), v]);
        if (options.maxPoints !== undefined && ++count > options.maxPoints) issues.push({ line: 0, column: 0, path: at, message: options.tooManyPoints ?? `more than ${options.maxPoints} samples` });
      }
    });
    duplicates += countDuplicateTimes(samples);
    perSeries.push(samples);
  });
  if (issues.length > 0) return { ok: false, issues };
  if (matched === 0) {
    const wanted = Object.keys(select).length ? ` matching ${JSON.stringify(select)}` : '';
    return issue('data.result', `no series${wanted} in the response`);
  }
  if (matched > 1) notes.push(`summed ${matched} series point by point`);
  if (skipped > 0) notes.push(`skipped ${skipped} sample(s) that were not finite numbers`);
  if (duplicates > 0) notes.push(`${duplicates} sample(s) repeat an earlier time of their series: the values at one time were averaged`);
  const series = sumByTime(perSeries);
  if (series.timesMs.length < 2) return issue('data.result', 'need at least two samples to replay');
  return { ok: true, series, notes };
}

/** Merges each series' repeated times by their mean, then sums the series at each time and orders by time. */
function sumByTime(perSeries: readonly (readonly [number, number][])[]) {
  const totals = new Map<number, number>();
  for (const samples of perSeries) {
    const own = toTimeSeries(samples);
    own.timesMs.forEach((t, k) => totals.set(t, (totals.get(t) ?? 0) + own.values[k]!));
  }
  return toTimeSeries([...totals]);
}
