import type { TimeSeries } from '../models/load/time-series.js';
import type { LatencyHistogram, LatencyQuantiles } from './latency-histogram.js';

/**
 * What one workload's recording holds, every series as a rate or a level (counters already turned
 * into rates); null where it was not recorded.
 */
export interface WorkloadRecording {
  readonly workload: string;
  /** Requests per second, summed over pods. */
  readonly rps: TimeSeries | null;
  /** CPU cores used, summed over the workload's containers. */
  readonly cpuCores: TimeSeries | null;
  /** Ready (available) replicas. */
  readonly replicas: TimeSeries | null;
  /** nr_throttled / nr_periods of the workload's containers, 0..1. */
  readonly throttledRatio: TimeSeries | null;
  /** 99th percentile latency, ms: the `latency-p99` series, or else the histogram's p99. */
  readonly latencyP99Ms: TimeSeries | null;
  /** p50, p90 and p99 from a recorded latency histogram (`latency-buckets`), ms. */
  readonly latencyQuantiles: LatencyQuantiles | null;
  /** The recorded latency histogram itself (bucket rates), for the cv fit. */
  readonly latencyHistogram: LatencyHistogram | null;
}

/** A folder of recordings, read: one entry per workload, plus cluster-wide series. */
export interface Recordings {
  readonly workloads: readonly WorkloadRecording[];
  /** Node count of the cluster (or pool), when recorded. */
  readonly nodes: TimeSeries | null;
  /** What reading did on the way (counter resets, gaps, summed series), for the report. */
  readonly notes: readonly string[];
}

/**
 * The file names a recordings folder uses: `<workload>.<series>.json` (a Prometheus query_range
 * response) or `.csv` (`timestamp,value`). Series ending in `-total` are raw counters, turned into
 * per-second rates with reset and gap handling; the others are already rates or levels.
 */
export const SERIES_NAMES = {
  rps: 'request rate, requests/s: sum(rate(http_requests_total[1m]))',
  'requests-total': 'request counter: sum(http_requests_total)',
  cpu: 'CPU cores: sum(rate(container_cpu_usage_seconds_total[1m]))',
  'cpu-total': 'CPU seconds counter: sum(container_cpu_usage_seconds_total)',
  replicas: 'ready replicas: kube_deployment_status_replicas_available',
  throttled: 'throttled ratio: rate(..._cfs_throttled_periods_total) / rate(..._cfs_periods_total)',
  'cfs-throttled-total': 'counter container_cpu_cfs_throttled_periods_total',
  'cfs-periods-total': 'counter container_cpu_cfs_periods_total',
  'latency-p99': '99th percentile latency, ms: histogram_quantile(0.99, ...) * 1000',
  'latency-buckets': 'latency histogram, seconds (JSON only, one series per le): sum by (le) (rate(http_request_duration_seconds_bucket[1m]))',
} as const;

export type SeriesName = keyof typeof SERIES_NAMES;

/** Cluster-wide series: `cluster.nodes.json` (or .csv). */
export const CLUSTER_PREFIX = 'cluster';
