import { positionOf, toTimeSeries, type SeriesIssue, type SeriesParse } from './time-series.js';

/**
 * Reads a Prometheus HTTP API `query_range` response (`/api/v1/query_range`, resultType "matrix":
 * `data.result[i].values` = [[unixSeconds, "value"], ...]). Series whose labels match every entry of
 * `select` are summed point by point (a query without `sum()` returns one series per pod); sample
 * values that are not finite ("NaN", "+Inf") are skipped with a note.
 */
export function parsePrometheusRange(text: string, select: Readonly<Record<string, string>> = {}): SeriesParse {
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
  const samples: [number, number][] = [];
  const notes: string[] = [];
  let matched = 0;
  let skipped = 0;
  root.data.result.forEach((s: unknown, i: number) => {
    const series = s as { metric?: Record<string, string>; values?: unknown };
    const labels = series.metric ?? {};
    if (!Object.entries(select).every(([k, v]) => labels[k] === v)) return;
    matched++;
    if (!Array.isArray(series.values)) {
      issues.push({ line: 0, column: 0, path: `data.result[${i}].values`, message: 'expected a list of [time, "value"] pairs' });
      return;
    }
    series.values.forEach((pair: unknown, j: number) => {
      const p = pair as [unknown, unknown];
      const t = Number(p?.[0]);
      const v = Number(p?.[1]);
      if (!Array.isArray(pair) || !Number.isFinite(t)) {
        issues.push({ line: 0, column: 0, path: `data.result[${i}].values[${j}]`, message: `expected [unixSeconds, "value"], got ${JSON.stringify(pair)}` });
      } else if (!Number.isFinite(v)) {
        skipped++;
      } else {
        samples.push([Math.round(t * 1000), v]);
      }
    });
  });
  if (issues.length > 0) return { ok: false, issues };
  if (matched === 0) {
    const wanted = Object.keys(select).length ? ` matching ${JSON.stringify(select)}` : '';
    return issue('data.result', `no series${wanted} in the response`);
  }
  if (matched > 1) notes.push(`summed ${matched} series point by point`);
  if (skipped > 0) notes.push(`skipped ${skipped} sample(s) that were not finite numbers`);
  const series = sumByTime(samples);
  if (series.timesMs.length < 2) return issue('data.result', 'need at least two samples to replay');
  return { ok: true, series, notes };
}

/** Sums values that share a timestamp (several series), then orders by time. */
function sumByTime(samples: readonly [number, number][]) {
  const totals = new Map<number, number>();
  for (const [t, v] of samples) totals.set(t, (totals.get(t) ?? 0) + v);
  return toTimeSeries([...totals]);
}
