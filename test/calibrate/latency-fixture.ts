import seedrandom from 'seedrandom';

/** Prometheus' default histogram buckets (client_golang DefBuckets), seconds. */
export const DEFAULT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Exponential buckets from 1 ms, factor 1.25, up to about 10 s. */
export const FINE_BUCKETS = Array.from({ length: 42 }, (_, k) => 0.001 * 1.25 ** k);

/**
 * A query_range response of `sum by (le) (rate(..._bucket[window]))`: at each time, `requests`
 * latencies drawn from a log-normal with the given mean (s) and cv, plus `extraSeconds` of non-CPU
 * time, counted per bucket and divided by the window.
 */
export function histogramResponse(
  timesS: readonly number[],
  requests: (i: number) => number,
  dist: { meanSeconds: number; cv: number; extraSeconds?: number },
  bounds: readonly number[],
  windowS: number,
  seed: string,
): string {
  const rng = seedrandom(seed);
  const s2 = Math.log(1 + dist.cv * dist.cv);
  const mu = Math.log(dist.meanSeconds) - s2 / 2;
  const normal = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const perBound: [number, string][][] = [...bounds, Infinity].map(() => []);
  timesS.forEach((t, i) => {
    const counts = new Array<number>(bounds.length + 1).fill(0);
    const n = requests(i);
    for (let r = 0; r < n; r++) {
      const latency = Math.exp(mu + Math.sqrt(s2) * normal()) + (dist.extraSeconds ?? 0);
      for (let j = 0; j < bounds.length; j++) if (latency <= bounds[j]!) counts[j]!++;
      counts[bounds.length]!++;
    }
    counts.forEach((c, j) => perBound[j]!.push([t, String(c / windowS)]));
  });
  const result = [...bounds, Infinity].map((le, j) => ({ metric: { le: le === Infinity ? '+Inf' : String(le) }, values: perBound[j] }));
  return JSON.stringify({ status: 'success', data: { resultType: 'matrix', result } });
}

/** A query_range response of one series. */
export function seriesResponse(timesS: readonly number[], values: readonly number[]): string {
  return JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [{ metric: {}, values: timesS.map((t, i) => [t, String(values[i])]) }] } });
}
