/** One bucket of a Prometheus histogram: requests with latency ≤ `le` seconds (cumulative). */
export interface HistogramBucket {
  /** Upper bound, seconds; Infinity for the `+Inf` bucket. */
  readonly le: number;
  /** Cumulative count (or rate) of observations ≤ le. */
  readonly count: number;
}

/**
 * The q-quantile of one histogram sample, as PromQL's `histogram_quantile` computes it
 * (prometheus/prometheus, promql/quantile.go, `BucketQuantile`): buckets sorted by bound, counts
 * made monotonic (a scrape can catch buckets at slightly different moments), the rank q × total
 * located in the first bucket whose count reaches it, and the quantile interpolated linearly
 * between that bucket's lower and upper bound. The first bucket's lower bound is 0 when its upper
 * bound is positive; a rank in the `+Inf` bucket returns the largest finite bound. Null when the
 * histogram has no `+Inf` bucket, fewer than two buckets or no observations (Prometheus returns
 * NaN there), or q is outside [0, 1]. Pure.
 */
export function histogramQuantile(q: number, buckets: readonly HistogramBucket[]): number | null {
  if (!(q >= 0 && q <= 1)) return null;
  const sorted = coalesce(buckets);
  if (sorted.length < 2 || sorted[sorted.length - 1]!.le !== Infinity) return null;
  const counts: number[] = [];
  let max = -Infinity;
  for (const b of sorted) {
    max = Math.max(max, b.count);
    counts.push(max);
  }
  const total = counts[counts.length - 1]!;
  if (!(total > 0)) return null;
  const rank = q * total;
  let i = counts.findIndex((c) => c >= rank);
  if (i < 0) i = counts.length - 1;
  if (i === sorted.length - 1) return sorted[sorted.length - 2]!.le;
  if (i === 0 && sorted[0]!.le <= 0) return sorted[0]!.le;
  const upper = sorted[i]!.le;
  const lower = i === 0 ? 0 : sorted[i - 1]!.le;
  const below = i === 0 ? 0 : counts[i - 1]!;
  const inBucket = counts[i]! - below;
  return inBucket > 0 ? lower + (upper - lower) * ((rank - below) / inBucket) : upper;
}

/** Buckets sorted by bound, counts of equal bounds summed (as `coalesceBuckets` upstream). */
function coalesce(buckets: readonly HistogramBucket[]): HistogramBucket[] {
  const sorted = [...buckets].sort((a, b) => a.le - b.le);
  const out: HistogramBucket[] = [];
  for (const b of sorted) {
    const last = out[out.length - 1];
    if (last && last.le === b.le) out[out.length - 1] = { le: b.le, count: last.count + b.count };
    else out.push(b);
  }
  return out;
}
