import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { main } from '../../src/cli/main.js';

/** A stand-in Prometheus on 127.0.0.1: answers query_range with one canned series per query. */
let server: Server;
let base = '';
const seen: URLSearchParams[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const params = url.searchParams;
    seen.push(params);
    res.setHeader('content-type', 'application/json');
    if (url.pathname !== '/prom/api/v1/query_range') {
      res.statusCode = 404;
      return res.end(JSON.stringify({ status: 'error', error: 'not found' }));
    }
    if ((params.get('query') ?? '').includes('broken')) {
      res.statusCode = 400;
      return res.end(JSON.stringify({ status: 'error', errorType: 'bad_data', error: 'parse error at char 1' }));
    }
    const start = Number(params.get('start'));
    const end = Number(params.get('end'));
    const step = Number((params.get('step') ?? '15s').replace('s', ''));
    const values: [number, string][] = [];
    for (let t = start; t <= end; t += step) values.push([t, '1']);
    res.end(JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [{ metric: {}, values }] } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/prom`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s), stdoutIsTty: false, stderrIsTty: false, env: {} });
  return { code, out, err };
}

describe('whatif record', () => {
  test('saves one query_range response per series, in chunks under the 11,000-point limit, merged', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'record-')), 'rec');
    seen.length = 0;
    // 2 days at 15 s = 11,521 points per series: two chunks per query.
    const r = await run('record', '--prometheus', base, '--namespace', 'shop', '--workload', 'api', '--window', '48h', '--end', '2026-01-03T00:00:00Z', '--out', out);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['api.cpu.json', 'api.replicas.json', 'api.rps.json', 'api.throttled.json', 'cluster.nodes.json', 'queries.txt']);
    const doc = JSON.parse(readFileSync(join(out, 'api.rps.json'), 'utf8'));
    const values = doc.data.result[0].values as [number, string][];
    // Start 2026-01-01T00:00Z to end inclusive, 15 s apart, the chunk boundary kept once: 48 x 240 + 1.
    expect(values.length).toBe(48 * 240 + 1);
    expect(new Set(values.map((v) => v[0])).size).toBe(values.length);
    expect(seen.filter((p) => p.get('query')!.startsWith('sum(rate(http_requests_total')).length).toBe(2);
    expect(seen.map((p) => p.get('query'))).toContain('sum(rate(container_cpu_usage_seconds_total{namespace="shop",pod=~"api-.*",container!="",container!="POD"}[1m]))');
    expect(seen.map((p) => p.get('query'))).toContain('kube_deployment_status_replicas_available{namespace="shop",deployment="api"}');
  });

  test('--latency-metric records the histogram\'s buckets by le; a name that is not a metric name: exit 2', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'record-')), 'rec');
    seen.length = 0;
    const r = await run('record', '--prometheus', base, '--namespace', 'shop', '--workload', 'api', '--window', '1h', '--end', '2026-01-03T00:00:00Z', '--latency-metric', 'http_request_duration_seconds', '--out', out);
    expect(r.code).toBe(0);
    expect(readdirSync(out)).toContain('api.latency-buckets.json');
    expect(seen.map((p) => p.get('query'))).toContain('sum by (le) (rate(http_request_duration_seconds_bucket{namespace="shop",pod=~"api-.*"}[1m]))');
    const bad = await run('record', '--prometheus', base, '--namespace', 'shop', '--workload', 'api', '--latency-metric', 'x{a="b"}', '--out', join(out, 'x'));
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--latency-metric: "x{a=\\"b\\"}" is not a Prometheus metric name');
  });

  test('a query Prometheus rejects: exit 2 with its error, and no file written', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'record-')), 'rec');
    const r = await run('record', '--prometheus', base, '--namespace', 'shop', '--workload', 'api', '--window', '1h', '--query', 'api.rps=broken(', '--out', out);
    expect(r.code).toBe(2);
    expect(r.err).toContain('api.rps.json: the query failed (HTTP 400: parse error at char 1): broken(');
    expect(existsSync(out)).toBe(false);
  });

  test('a workload name that is not a Deployment name (it could name a path outside --out): exit 2', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'record-')), 'rec');
    const r = await run('record', '--prometheus', base, '--namespace', 'shop', '--workload', '../escape', '--out', out);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--workload: "../escape" is not a Deployment name');
    expect(existsSync(out)).toBe(false);
  });

  test('nothing listening: exit 2 saying it cannot reach the server', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'record-')), 'rec');
    const r = await run('record', '--prometheus', 'http://127.0.0.1:9/', '--namespace', 'shop', '--workload', 'api', '--window', '1h', '--out', out);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cannot reach http:\/\/127\.0\.0\.1:9/);
  });
});
