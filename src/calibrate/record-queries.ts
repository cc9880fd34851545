import type { SeriesName } from './recording.js';

/** What to record for one workload. */
export interface RecordTarget {
  readonly namespace: string;
  readonly workload: string;
  /** The request counter the service exports. @default "http_requests_total" */
  readonly requestsMetric: string;
  /** The service's latency histogram (seconds), without `_bucket`; not recorded when absent. */
  readonly latencyMetric?: string;
}

/** One query to save: the file it goes to and the PromQL. */
export interface RecordQuery {
  readonly file: string;
  readonly series: SeriesName | 'nodes';
  readonly promql: string;
}

/** The rate window of every recorded rate: 1m, as the kube-prometheus recording rules use. */
export const RATE_WINDOW = '1m';

/**
 * The PromQL of a workload's series, with cAdvisor (container_*), kube-state-metrics (kube_*) and
 * the service's own request counter. Pods are selected by the Deployment's name prefix, the way
 * kube-prometheus' namespace/workload mixins do without the owner-join; `overrides` (series ->
 * PromQL) replace any of them. Label values are escaped for PromQL string literals.
 */
export function recordQueries(t: RecordTarget, overrides: Readonly<Record<string, string>> = {}): RecordQuery[] {
  const ns = promString(t.namespace);
  const pods = `namespace=${ns},pod=~${promString(`${escapeRegex(t.workload)}-.*`)}`;
  const containers = `${pods},container!="",container!="POD"`;
  const queries: Record<string, string> = {
    rps: `sum(rate(${t.requestsMetric}{${pods}}[${RATE_WINDOW}]))`,
    cpu: `sum(rate(container_cpu_usage_seconds_total{${containers}}[${RATE_WINDOW}]))`,
    replicas: `kube_deployment_status_replicas_available{namespace=${ns},deployment=${promString(t.workload)}}`,
    throttled:
      `sum(rate(container_cpu_cfs_throttled_periods_total{${containers}}[${RATE_WINDOW}]))` +
      ` / sum(rate(container_cpu_cfs_periods_total{${containers}}[${RATE_WINDOW}]))`,
  };
  // By le only: the quantile is of the workload's requests as a whole, as histogram_quantile needs.
  if (t.latencyMetric) queries['latency-buckets'] = `sum by (le) (rate(${t.latencyMetric}_bucket{${pods}}[${RATE_WINDOW}]))`;
  return Object.entries({ ...queries, ...overrides }).map(([series, promql]) => ({ file: `${t.workload}.${series}.json`, series: series as SeriesName, promql }));
}

/** The cluster's node count (kube-state-metrics). */
export const NODES_QUERY: RecordQuery = { file: 'cluster.nodes.json', series: 'nodes', promql: 'count(kube_node_info)' };

function promString(s: string): string {
  return JSON.stringify(s);
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
