import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runNodeCommand } from '../../src/cli/commands/node.js';
import { parseNodeCase } from '../../src/scenario/node-case-load.js';
import { renderNodeCaseTable } from '../../src/report/node-case-table.js';

const dir = mkdtempSync(join(tmpdir(), 'node-cmd-'));
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}
async function run(path: string, opts: Parameters<typeof runNodeCommand>[1] = {}) {
  let out = '';
  let err = '';
  const code = await runNodeCommand(path, opts, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

const sharesSplit = JSON.stringify({
  name: 'shares-split',
  duration_s: 2,
  containers: [
    { name: 'big', requests_millicores: 1000, load: { type: 'busy', threads: 4 } },
    { name: 'small', requests_millicores: 500, load: { type: 'busy', threads: 4 } },
  ],
});

describe('whatif node', () => {
  test('prints the JSON result of docs/node-cases.md', async () => {
    const r = await run(file('split.json', sharesSplit), { json: true, cores: 2 });
    expect(r.code).toBe(0);
    const res = JSON.parse(r.out);
    // 1024:512 shares on 2 cores → 4/3 and 2/3 core
    expect(res).toEqual({
      name: 'shares-split',
      containers: [
        { name: 'big', cores_used: 1.333, throttled_ratio: null, throttled_s: 0, latency_ms: null },
        { name: 'small', cores_used: 0.667, throttled_ratio: null, throttled_s: 0, latency_ms: null },
      ],
    });
  });

  test('prints a table that fits 100 columns, in both modes', async () => {
    for (const mode of ['fluid', 'coarse'] as const) {
      const r = await run(file('split.json', sharesSplit), { cores: 2, mode });
      expect(r.code).toBe(0);
      expect(r.out).toContain(`model: ${mode}`);
      expect(r.out).toMatch(/big\s+1\.333/);
      for (const line of r.out.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
    }
  });

  test('a case without cores needs --cores: exit 2 with a clear message', async () => {
    const r = await run(file('split.json', sharesSplit));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cores/);
    expect(r.err).toMatch(/--cores/);
  });

  test('a missing file is exit 2', async () => {
    const r = await run(join(dir, 'nope.json'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cannot read file/);
  });

  test('bad --cores and --mode are exit 2', async () => {
    expect((await run(file('split.json', sharesSplit), { cores: 0 })).code).toBe(2);
    expect((await run(file('split.json', sharesSplit), { cores: 2, mode: 'exact' as 'fluid' })).code).toBe(2);
  });
});

describe('parseNodeCase reports every problem with its place', () => {
  test('YAML with a wrong type, an unknown field and a bad enum', () => {
    const text = [
      'name: bad',
      'duration_s: 10',
      'cores: 2',
      'containers:',
      '  - name: api',
      '    requests_millicores: "lots"',
      '    colour: blue',
      '    load: { type: poisson, rate_per_s: 10, cpu_ms: 5, dist: gamma }',
      '',
    ].join('\n');
    const r = parseNodeCase('bad.yaml', text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byPath = Object.fromEntries(r.problems.map((p) => [p.path, p]));
    expect(byPath['containers[0].requests_millicores']).toMatchObject({ file: 'bad.yaml', line: 6, value: '"lots"', allowed: 'a number' });
    expect(byPath['containers[0].colour']).toMatchObject({ line: 7, message: 'unknown field' });
    expect(byPath['containers[0].load.dist']).toMatchObject({ line: 8, value: '"gamma"', allowed: '"fixed" | "exp" | "lognormal"' });
  });

  test('an unknown load type lists the allowed ones', () => {
    const r = parseNodeCase('x.json', '{"name":"x","duration_s":1,"cores":2,"containers":[{"name":"a","load":{"type":"spin"}}]}');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems[0]).toMatchObject({ path: 'containers[0].load.type', allowed: '"busy" | "periodic" | "poisson" | "idle"' });
  });

  test('burst above the quota is rejected as the kernel does', () => {
    const r = parseNodeCase('x.json', '{"name":"x","duration_s":1,"cores":2,"containers":[{"name":"a","limit_millicores":100,"burst_us":20000,"load":{"type":"idle"}}]}');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems[0]!.path).toBe('containers[0].burst_us');
  });

  test('resolves kubelet knobs and pods', () => {
    const r = parseNodeCase(
      'ok.json',
      JSON.stringify({
        name: 'ok',
        duration_s: 1,
        cpus: '0-1',
        containers: [
          { name: 'a', requests_millicores: 300, limit_millicores: 500, pod: 'p', load: { type: 'idle' } },
          { name: 'b', requests_millicores: 200, limit_millicores: 250, pod: 'p', load: { type: 'idle' } },
        ],
      }),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    // cores from the cpuset size; shares = floor(m·1.024); pod shares = shares(500m) = 512;
    // pod quota = Σ quotas = 50 000 + 25 000 µs
    expect(r.value.cores).toBe(2);
    expect(r.value.containers.map((c) => [c.shares, c.quotaMicros, c.podIndex, c.seed])).toEqual([
      [307, 50_000, 0, 1],
      [204, 25_000, 0, 2],
    ]);
    expect(r.value.pods).toEqual([{ name: 'p', shares: 512, quotaMicros: 75_000 }]);
  });
});

describe('renderNodeCaseTable', () => {
  test('dashes for missing values and percent for the throttled ratio', () => {
    const t = renderNodeCaseTable({
      name: 'c',
      containers: [{ name: 'api', cores_used: 0.283, throttled_ratio: 0.297, throttled_s: 1.6, latency_ms: { p50: 26.9, p90: 95.5, p99: 161 } }, { name: 'idle', cores_used: 0, throttled_ratio: null, throttled_s: 0, latency_ms: null }],
    });
    expect(t).toMatch(/api\s+0\.283\s+29\.7 %\s+1\.60\s+26\.9\s+95\.5\s+161\.0/);
    expect(t).toMatch(/idle\s+0\.000\s+-\s+0\.00\s+-\s+-\s+-/);
  });
});
