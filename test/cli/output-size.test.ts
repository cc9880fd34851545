import { beforeAll, describe, expect, test } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../e2e/run-cli.js';
import { topWorkloads } from '../../src/report/top-workloads.js';

// The small fixture: 2 h, workloads api and web, one pool "shared", sampled every minute by default.
const fixture = 'test/fixtures/scenarios/small-change.yaml';
const dir = mkdtempSync(join(tmpdir(), 'whatif-output-size-'));
const hasJq = spawnSync('jq', ['--version']).status === 0;

function readJson(path: string): Record<string, any> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, any>;
}

describe('whatif run: --series, --sample-interval, --top', () => {
  const files = { all: join(dir, 'all.json'), explicit: join(dir, 'explicit.json'), pools: join(dir, 'pools.json'), none: join(dir, 'none.json') };
  let none: Awaited<ReturnType<typeof runCli>>;
  beforeAll(async () => {
    await runCli('run', fixture, '--json', files.all);
    await runCli('run', fixture, '--json', files.explicit, '--series', 'workloads');
    await runCli('run', fixture, '--json', files.pools, '--series', 'pools', '--sample-interval', '5m');
    none = await runCli('run', fixture, '--json', files.none, '--series', 'none', '--top', '1');
  }, 120_000);

  test('--series workloads is the default: the same bytes', () => {
    expect(readFileSync(files.explicit, 'utf8')).toBe(readFileSync(files.all, 'utf8'));
    expect(Object.keys(readJson(files.all).run.series.workloads)).toEqual(['api', 'web']);
  });

  test('--series pools keeps the cluster and pool series, no workload series; 5 min samples over 2 h are 25 instants', () => {
    const s = readJson(files.pools).run.series;
    expect(s.workloads).toEqual({});
    expect(Object.keys(s.pools)).toEqual(['shared']);
    // Samples at 0, 300 s, ..., 7200 s: 7200 / 300 + 1 = 25.
    expect(s.timeMs).toHaveLength(25);
    expect(s.pools.shared.nodes).toHaveLength(25);
    expect(s.costUsd).toHaveLength(25);
  });

  test('--series none: no series key, the summaries are all there', () => {
    const run = readJson(files.none).run;
    expect('series' in run).toBe(false);
    expect(Object.keys(run.workloads)).toEqual(['api', 'web']);
    expect(run.cost.monthlyUsd).toBeGreaterThan(0);
  });

  test.skipIf(!hasJq)('every variant opens with jq', () => {
    for (const path of Object.values(files)) expect(spawnSync('jq', ['-e', '.run.workloads | length', path], { encoding: 'utf8' }).stdout.trim()).toBe('2');
    expect(spawnSync('jq', ['-e', '.run | has("series")', files.none], { encoding: 'utf8' }).stdout.trim()).toBe('false');
  });

  test('--top 1: one workload row and a line saying one more is left out', () => {
    expect(none.code).toBe(0);
    const rows = none.out.split('\n').filter((l) => /^  (api|web) /.test(l));
    expect(rows).toHaveLength(1);
    expect(none.out).toContain('  ... 1 more workload (SLO misses, drops, throttling, then the busiest first; --top 0 lists all)');
  });

  test('--top 0 and the default list both workloads without the line', async () => {
    for (const extra of [['--top', '0'], []]) {
      const r = await runCli('run', fixture, '--duration', '5m', ...extra);
      expect(r.out.split('\n').filter((l) => /^  (api|web) /.test(l))).toHaveLength(2);
      expect(r.out).not.toContain('more workload');
    }
  });

  test('--json - streams the document to standard output: it parses and the report moves to stderr', async () => {
    const r = await runCli('run', fixture, '--duration', '5m', '--json', '-', '--series', 'none');
    expect(r.code).toBe(0);
    expect('series' in JSON.parse(r.out).run).toBe(false);
    expect(r.err).toContain('kube-whatif run: small-change');
  });

  test('a sample interval that is not a multiple of the step is bad input (exit 2) with the field', async () => {
    const r = await runCli('run', fixture, '--sample-interval', '7s');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/spec\.simulation\.sampleInterval: must be a multiple of the step \(15000 ms\)/);
  });

  test('an unknown --series is bad input (exit 2) naming the choices', async () => {
    const r = await runCli('run', fixture, '--series', 'everything');
    expect(r.code).toBe(2);
    expect(r.err).toContain('expected one of workloads, pools, none');
  });
});

describe('whatif compare: --series none, --top', () => {
  let r: Awaited<ReturnType<typeof runCli>>;
  const json = join(dir, 'compare.json');
  const html = join(dir, 'compare.html');
  beforeAll(async () => {
    r = await runCli('compare', fixture, '--seeds', '1', '--workers', '1', '--json', json, '--html', html, '--series', 'none', '--top', '1');
  }, 120_000);

  test('the JSON has both runs without series, and valid', () => {
    expect(r.code).toBe(0);
    const doc = readJson(json);
    expect('series' in doc.runs.before).toBe(false);
    expect('series' in doc.runs.after).toBe(false);
    expect(Object.keys(doc.workloads)).toEqual(['api', 'web']);
  });

  test('the HTML report has no chart groups and still its tables', () => {
    const page = readFileSync(html, 'utf8');
    expect(page).not.toContain('class="card chart-group"');
    expect(page).toContain('api');
  });

  test('the terminal tables keep the changed workload and say how many are left out', () => {
    const section = r.out.slice(r.out.indexOf('Workloads   ('), r.out.indexOf('Blast radius   ('));
    const workloadRows = section.split('\n').filter((l) => /^\s+\*?(api|web)\s/.test(l));
    expect(workloadRows.map((l) => l.trim().split(/\s+/)[0])).toEqual(['*api']);
    expect(r.out).toContain('  ... 1 more workload (changed, blast radius, then the largest first; --top 0 lists all)');
    // Who the cost is for: api, web, (DaemonSets), (idle capacity), cut to the largest change.
    expect(r.out).toContain('  ... 3 more rows (largest change first; --top 0 lists all)');
  });
});

describe('top workloads', () => {
  const score: Record<string, number> = { a: 1, b: 5, c: 3, d: 5 };
  const byScore = (x: string, y: string) => score[y]! - score[x]! || (x < y ? -1 : 1);
  test.each([
    ['all fit: scenario order kept', 4, ['a', 'b', 'c', 'd'], 0],
    ['0 means no limit', 0, ['a', 'b', 'c', 'd'], 0],
    ['two of four: highest scores, ties by name', 2, ['b', 'd'], 2],
    ['three of four', 3, ['b', 'd', 'c'], 1],
  ] as const)('%s', (_name, top, shown, hidden) => {
    expect(topWorkloads(['a', 'b', 'c', 'd'], top, byScore)).toEqual({ shown, hidden });
  });
});
