import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { NODES_QUERY, recordQueries, type RecordQuery } from '../../calibrate/record-queries.js';
import { SERIES_NAMES } from '../../calibrate/recording.js';
import { parseDuration } from '../../quantities/duration.js';
import { writeFileAtomic } from '../write-file-atomic.js';
import { ExitCode, type CommandIo } from '../io.js';
import { durationArg } from './calibrate.js';

export interface RecordOptions {
  readonly prometheus: string;
  readonly window: number;
  readonly end?: string;
  readonly step?: number;
  readonly namespace: string;
  readonly workload: readonly string[];
  readonly requestsMetric?: string;
  readonly latencyMetric?: string;
  readonly query?: readonly string[];
  readonly nodes?: boolean;
  readonly out: string;
}

/** Prometheus refuses a query_range of more than 11,000 points per series (web/api/v1/api.go). */
const MAX_POINTS_PER_QUERY = 11_000;

/**
 * `whatif record`: saves the query_range responses of each workload's series for a time window, so
 * that calibrate and backtest can run offline. Long windows are fetched in chunks under the
 * server's point limit and merged series by series.
 */
export async function runRecordCommand(opts: RecordOptions, io: CommandIo, fetchFn: typeof fetch = fetch): Promise<number> {
  const endMs = opts.end ? Date.parse(opts.end) : Date.now();
  if (!Number.isFinite(endMs)) return usage(io, `--end: not a time: ${JSON.stringify(opts.end)} (ISO 8601, e.g. 2026-09-25T00:00:00Z)`);
  let base: URL;
  try {
    base = new URL(opts.prometheus);
  } catch {
    return usage(io, `--prometheus: not a URL: ${JSON.stringify(opts.prometheus)}`);
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') return usage(io, '--prometheus: expected an http:// or https:// URL');
  // Deployment names are DNS-1123 subdomains; anything else could also name a path outside --out.
  const badName = opts.workload.find((w) => !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(w) || w.length > 253);
  if (badName !== undefined) return usage(io, `--workload: ${JSON.stringify(badName)} is not a Deployment name (lower-case letters, digits, '-' and '.')`);
  if (opts.latencyMetric !== undefined && !/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(opts.latencyMetric)) {
    return usage(io, `--latency-metric: ${JSON.stringify(opts.latencyMetric)} is not a Prometheus metric name (the histogram's name without _bucket)`);
  }
  const stepMs = opts.step ?? 15_000;
  const overrides: Record<string, Record<string, string>> = {};
  for (const q of opts.query ?? []) {
    const m = /^([^.=]+)\.([a-z0-9-]+)=(.+)$/s.exec(q);
    if (!m || !(m[2]! in SERIES_NAMES)) return usage(io, `--query "${q}": expected <workload>.<series>=<PromQL>, series one of ${Object.keys(SERIES_NAMES).join(', ')}`);
    (overrides[m[1]!] ??= {})[m[2]!] = m[3]!;
  }
  const queries: RecordQuery[] = opts.workload.flatMap((workload) =>
    recordQueries({ namespace: opts.namespace, workload, requestsMetric: opts.requestsMetric ?? 'http_requests_total', ...(opts.latencyMetric ? { latencyMetric: opts.latencyMetric } : {}) }, overrides[workload]),
  );
  if (opts.nodes !== false) queries.push(NODES_QUERY);
  const startMs = endMs - opts.window;
  const chunkMs = (MAX_POINTS_PER_QUERY - 1) * stepMs;
  const fetched: { query: RecordQuery; body: string }[] = [];
  for (const query of queries) {
    const merged = new Map<string, { metric: unknown; values: unknown[] }>();
    for (let from = startMs; from < endMs; from += chunkMs) {
      const to = Math.min(endMs, from + chunkMs);
      const url = new URL('api/v1/query_range', base.href.endsWith('/') ? base.href : `${base.href}/`);
      url.search = new URLSearchParams({ query: query.promql, start: String(from / 1000), end: String(to / 1000), step: `${stepMs / 1000}s` }).toString();
      let text: string;
      let status: number;
      try {
        const res = await fetchFn(url);
        status = res.status;
        text = await res.text();
      } catch (error) {
        return usage(io, `cannot reach ${base.origin}: ${error instanceof Error ? error.message : String(error)}`);
      }
      let doc: { status?: string; error?: string; data?: { resultType?: string; result?: { metric: unknown; values: unknown[] }[] } };
      try {
        doc = JSON.parse(text);
      } catch {
        return usage(io, `${query.file}: Prometheus answered HTTP ${status} with something that is not JSON`);
      }
      if (status !== 200 || doc.status !== 'success' || doc.data?.resultType !== 'matrix' || !Array.isArray(doc.data.result)) {
        return usage(io, `${query.file}: the query failed (HTTP ${status}${doc.error ? `: ${doc.error}` : ''}): ${query.promql}`);
      }
      for (const s of doc.data.result) {
        const key = JSON.stringify(s.metric);
        const prev = merged.get(key);
        // Chunks share their boundary instant; keep it once.
        const values = prev && prev.values.length > 0 ? s.values.filter((v) => Number((v as [number])[0]) > Number((prev.values[prev.values.length - 1] as [number])[0])) : s.values;
        merged.set(key, { metric: s.metric, values: [...(prev?.values ?? []), ...values] });
      }
    }
    if (merged.size === 0) io.stderr(`warning: ${query.file}: no data for ${query.promql}\n`);
    fetched.push({ query, body: `${JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [...merged.values()] } })}\n` });
  }
  // Every query answered: only now write, so a failure leaves no partial recording behind.
  mkdirSync(opts.out, { recursive: true });
  for (const f of fetched) writeFileAtomic(join(opts.out, f.query.file), f.body);
  const index = fetched.map((f) => `${f.query.file}: ${f.query.promql}`).join('\n');
  writeFileAtomic(join(opts.out, 'queries.txt'), `# whatif record from ${base.origin}, ${new Date(startMs).toISOString()} .. ${new Date(endMs).toISOString()}, step ${stepMs / 1000}s\n${index}\n`);
  io.stdout(`recorded ${fetched.length} series into ${opts.out}\n`);
  return ExitCode.ok;
}

function usage(io: CommandIo, message: string): number {
  io.stderr(`whatif record: ${message}\n`);
  return ExitCode.badInput;
}

/** Registers `whatif record`. */
export function registerRecordCommand(program: Command, io: CommandIo, setExit: (code: number) => void): void {
  program
    .command('record')
    .description('save Prometheus query_range responses of each workload for a time window, for calibrate and backtest offline')
    .requiredOption('--prometheus <url>', 'Prometheus base URL, e.g. http://localhost:9090')
    .requiredOption('--namespace <ns>', 'namespace of the workloads')
    .requiredOption('--workload <name...>', 'Deployment name(s); pods are matched by the name prefix')
    .requiredOption('--out <dir>', 'folder to write <workload>.<series>.json into')
    .option('--window <duration>', 'how far back from --end (default 24h)', durationArg, 86_400_000)
    .option('--end <time>', 'end of the window, ISO 8601 (default: now)')
    .option('--step <duration>', 'query_range step (default 15s)', positiveDuration)
    .option('--requests-metric <name>', 'the service\'s request counter (default http_requests_total)')
    .option('--latency-metric <name>', 'the service\'s latency histogram, e.g. http_request_duration_seconds: records its buckets for p50/p90/p99')
    .option('--query <workload.series=promql...>', 'replace the PromQL of one series')
    .option('--no-nodes', 'do not record the node count')
    .action(async (opts: RecordOptions) => setExit(await runRecordCommand(opts, io)));
}

function positiveDuration(v: string): number {
  const d = parseDuration(v);
  if (!d.ok || d.ms <= 0) throw new InvalidArgumentError('expected a duration > 0 such as "15s"');
  return d.ms;
}
