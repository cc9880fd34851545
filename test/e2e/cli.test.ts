import { describe, expect, test } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import type { CommandIo } from '../../src/cli/io.js';

const fixture = 'test/fixtures/scenarios/small-change.yaml';

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CommandIo = { stdout: (s) => void (out += s), stderr: (s) => void (err += s), stdoutIsTty: false, stderrIsTty: false, env: {} };
  const code = await main(args, io);
  return { code, out, err };
}

function withAssertions(lines: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'whatif-'));
  const text = readFileSync(fixture, 'utf8').replace(/  assert:\n(    - .*\n)+/, `  assert:\n${lines.map((l) => `    - "${l}"\n`).join('')}`);
  const file = join(dir, 'scenario.yaml');
  writeFileSync(file, text);
  return file;
}

describe('whatif compare end to end', () => {
  test('the same scenario and seed give byte-identical JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'whatif-'));
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.json');
    expect((await cli('compare', fixture, '--seeds', '1', '--json', a)).code).toBe(0);
    expect((await cli('compare', fixture, '--seeds', '1', '--json', b)).code).toBe(0);
    expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'));
    // Nothing half-written is left beside the output.
    expect(readdirSync(dir).sort()).toEqual(['a.json', 'b.json']);
    const json = JSON.parse(readFileSync(a, 'utf8'));
    expect(json.schemaVersion).toBe(1);
    expect(readFileSync(a, 'utf8')).not.toMatch(/NaN|Infinity/);
  });

  test('the JSON is byte-identical whatever the worker count', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'whatif-'));
    const one = join(dir, 'one.json');
    const two = join(dir, 'two.json');
    expect((await cli('compare', fixture, '--seeds', '2', '--workers', '1', '--json', one)).code).toBe(0);
    expect((await cli('compare', fixture, '--seeds', '2', '--workers', '2', '--json', two)).code).toBe(0);
    expect(readFileSync(two, 'utf8')).toBe(readFileSync(one, 'utf8'));
  });

  test('raising requests 200m -> 800m and maxReplicas 4 -> 12 raises cost and nodes', async () => {
    // api's load reaches 200 rps x 20 ms = 4 cores. Before, maxReplicas caps it at 4 pods x 200m =
    // 0.8 cores requested, which fits the one e2-standard-4 (3.92 cores allocatable) beside web's
    // 0.6. After, the HPA aims at 80 % of 800m = 640m per pod: ceil(4000 / 640) = 7 pods x 800m =
    // 5.6 cores requested, more than one node holds, so the Cluster Autoscaler must add nodes.
    const dir = mkdtempSync(join(tmpdir(), 'whatif-'));
    const out = join(dir, 'r.json');
    await cli('compare', fixture, '--seeds', '1', '--json', out);
    const r = JSON.parse(readFileSync(out, 'utf8'));
    expect(r.cluster['cost.monthly'].after).toBeGreaterThan(r.cluster['cost.monthly'].before);
    expect(r.cluster['nodes.peak'].after).toBeGreaterThan(r.cluster['nodes.peak'].before);
    expect(r.workloads.api['replicas.peak'].after).toBeGreaterThan(4);
    expect(r.workloads.api['replicas.peak'].before).toBe(4);
  });

  test('exit code 1 when an assertion is violated, 0 when all hold', async () => {
    const failing = await cli('compare', withAssertions(['cost.monthly.delta <= 0%', 'nodes.peak <= 50']), '--seeds', '1');
    expect(failing.code).toBe(1);
    expect(failing.out).toMatch(/FAIL cost\.monthly\.delta <= 0%: measured \+\d/);
    expect(failing.out).toMatch(/PASS nodes\.peak <= 50/);
    const passing = await cli('compare', withAssertions(['nodes.peak <= 50']), '--seeds', '1');
    expect(passing.code).toBe(0);
    expect(passing.out).toMatch(/Result: PASS/);
  });

  test('a typo in an assertion metric is bad input with its position and a did-you-mean', async () => {
    const r = await cli('compare', withAssertions(['cost.montly.delta <= 20%']));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/scenario\.yaml:\d+:\d+: error: spec\.assert\[0\]: unknown metric "cost\.montly".*did you mean "cost\.monthly\.delta"\?/);
  });

  test('bad input exits 2 with a clear message and no stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'whatif-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, readFileSync(fixture, 'utf8').replace('maxReplicas: 4', 'maxReplica: 4'));
    const out = join(dir, 'out.json');
    const r = await cli('compare', file, '--json', out);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad\.yaml:25:9: error: spec\.workloads\[0\]\.hpa\.maxReplica: unknown field "maxReplica".*did you mean "maxReplicas"\?/);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  test('usage errors exit 2', async () => {
    expect((await cli('compare')).code).toBe(2);
    expect((await cli('frobnicate')).code).toBe(2);
    expect((await cli('compare', fixture, '--seeds', 'zero')).code).toBe(2);
  });

  test('run prints one configuration', async () => {
    const r = await cli('run', fixture);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/kube-whatif run: small-change/);
    expect(r.out).toMatch(/api/);
  });
});

describe('terminal report width', () => {
  test('every line of the compare report fits 100 columns', async () => {
    const r = await cli('compare', fixture, '--seeds', '2');
    const long = r.out.split('\n').filter((l) => l.length > 100);
    expect(long).toEqual([]);
  });
});
