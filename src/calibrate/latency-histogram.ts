import { parsePrometheusRange } from '../models/load/parse-prometheus-range.js';
import type { SeriesIssue, TimeSeries } from '../models/load/time-series.js';
import { histogramQuantile, type HistogramBucket } from './histogram-quantile.js';

/**
 * A recorded latency histogram: per sample time, the cumulative rate of requests at or below each
 * bucket bound (`sum by (le) (rate(http_request_duration_seconds_bucket[1m]))`).
 */
export interface LatencyHistogram {
  readonly timesMs: readonly number[];
  /** Bucket bounds, seconds, ascending; the last is Infinity. */
  readonly bounds: readonly number[];
  /** counts[i][j]: cumulative rate at timesMs[i] for bounds[j]; null where that bucket has no sample. */
  readonly counts: readonly (readonly (number | null)[])[];
}

/** The recorded quantiles derived from a histogram, ms. */
export interface LatencyQuantiles {
  readonly p50: TimeSeries;
  readonly p90: TimeSeries;
  readonly p99: TimeSeries;
}

export type HistogramParse =
  | { readonly ok: true; readonly histogram: LatencyHistogram; readonly notes: readonly string[] }
  | { readonly ok: false; readonly issues: readonly SeriesIssue[] };

/**
 * Reads a query_range response holding one series per bucket bound, told apart by their `le`
 * label (what `sum by (le) (rate(..._bucket[1m]))` returns). Each bound's series goes through the
 * same checks as any recorded series; `le` must be a number or `+Inf`, and `+Inf` must be there
 * (without it no quantile is defined).
 */
export function parseLatencyHistogram(text: string): HistogramParse {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return parseFailure(parsePrometheusRange(text));
  }
  const result = (doc as { data?: { result?: unknown } } | null)?.data?.result;
  if (!Array.isArray(result)) return parseFailure(parsePrometheusRange(text));
  const issues: SeriesIssue[] = [];
  const les = new Map<string, number>();
  result.forEach((s: unknown, i: number) => {
    const le = (s as { metric?: Record<string, unknown> } | null)?.metric?.le;
    const bound = typeof le === 'string' ? parseBound(le) : null;
    if (bound === null) {
      issues.push({ line: 0, column: 0, path: `data.result[${i}].metric.le`, message: `a histogram bucket needs an "le" label with a number or "+Inf", got ${JSON.stringify(le) ?? 'none'} (record sum by (le) (rate(<metric>_bucket[1m])))` });
    } else les.set(le as string, bound);
  });
  if (issues.length > 0) return { ok: false, issues };
  if (![...les.values()].includes(Infinity)) return { ok: false, issues: [{ line: 0, column: 0, path: 'data.result', message: 'the histogram has no le="+Inf" bucket: no quantile can be computed without the total count' }] };
  if (les.size < 2) return { ok: false, issues: [{ line: 0, column: 0, path: 'data.result', message: 'a histogram needs at least one finite bucket besides le="+Inf"' }] };
  const ordered = [...les.entries()].sort((a, b) => a[1] - b[1]);
  const perBound: TimeSeries[] = [];
  const notes: string[] = [];
  for (const [label] of ordered) {
    const parsed = parsePrometheusRange(text, { le: label });
    if (!parsed.ok) return parsed;
    perBound.push(parsed.series);
    for (const n of parsed.notes) notes.push(`le="${label}": ${n}`);
  }
  const timesMs = [...new Set(perBound.flatMap((s) => s.timesMs))].sort((a, b) => a - b);
  const index = perBound.map((s) => new Map(s.timesMs.map((t, k) => [t, s.values[k]!])));
  const counts = timesMs.map((t) => index.map((m) => m.get(t) ?? null));
  return { ok: true, histogram: { timesMs, bounds: ordered.map(([, b]) => b), counts }, notes };
}

/**
 * p50, p90 and p99 in ms at every sample time where every bucket has a value and requests were
 * observed (histogram_quantile semantics, histogram-quantile.ts).
 */
export function latencyQuantiles(h: LatencyHistogram): LatencyQuantiles {
  const out = { p50: { t: [] as number[], v: [] as number[] }, p90: { t: [] as number[], v: [] as number[] }, p99: { t: [] as number[], v: [] as number[] } };
  h.timesMs.forEach((t, i) => {
    const row = h.counts[i]!;
    if (row.some((c) => c === null)) return;
    const buckets: HistogramBucket[] = h.bounds.map((le, j) => ({ le, count: row[j]! }));
    for (const [key, q] of [['p50', 0.5], ['p90', 0.9], ['p99', 0.99]] as const) {
      const v = histogramQuantile(q, buckets);
      if (v !== null) {
        out[key].t.push(t);
        out[key].v.push(v * 1000);
      }
    }
  });
  const series = (s: { t: number[]; v: number[] }): TimeSeries => ({ timesMs: s.t, values: s.v });
  return { p50: series(out.p50), p90: series(out.p90), p99: series(out.p99) };
}

function parseBound(le: string): number | null {
  if (/^\+?Inf$/i.test(le.trim())) return Infinity;
  const v = Number(le);
  return le.trim() !== '' && Number.isFinite(v) ? v : null;
}

function parseFailure(p: ReturnType<typeof parsePrometheusRange>): HistogramParse {
  return p.ok ? { ok: false, issues: [{ line: 0, column: 0, path: 'data.result', message: 'expected one series per bucket, each with an "le" label' }] } : p;
}
