import { beforeAll, describe, expect, test } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import type { CommandIo } from '../../src/cli/io.js';
import type { SweepResult } from '../../src/sweep/types.js';
import { builtCli, ensureDist, root } from './ensure-dist.js';

const fixture = 'test/fixtures/scenarios/small-change.yaml';
/** Three configurations of api's maxReplicas, one hour each: quick runs that still scale. */
const sweepArgs = ['--param', 'workloads.api.hpa.maxReplicas=4,8,12', '--duration', '1h'];

beforeAll(() => ensureDist(), 120_000);

async function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CommandIo = { stdout: (s) => void (out += s), stderr: (s) => void (err += s), stdoutIsTty: false, stderrIsTty: false, env };
  const code = await main(args, io);
  return { code, out, err };
}

/** The built CLI in a child process, as CI jobs and Indexed Job pods run it. */
function child(args: string[], env: Record<string, string> = {}, onStart?: (kill: (signal: NodeJS.Signals) => void) => void): Promise<{ code: number | null; err: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [builtCli, ...args], { cwd: root, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d) => (err += String(d)));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, err }));
    onStart?.((signal) => p.kill(signal));
  });
}

const tmp = () => mkdtempSync(join(tmpdir(), 'whatif-sweep-'));
const read = (file: string) => readFileSync(file, 'utf8');

describe('whatif sweep in the worker pool', () => {
  test('1 and 2 workers write the same bytes (JSON and CSV)', async () => {
    const dir = tmp();
    const one = await cli(['sweep', fixture, ...sweepArgs, '--workers', '1', '--json', join(dir, '1.json'), '--csv', join(dir, '1.csv')]);
    const two = await cli(['sweep', fixture, ...sweepArgs, '--workers', '2', '--json', join(dir, '2.json'), '--csv', join(dir, '2.csv')]);
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    expect(read(join(dir, '2.json'))).toBe(read(join(dir, '1.json')));
    expect(read(join(dir, '2.csv'))).toBe(read(join(dir, '1.csv')));
    const r = JSON.parse(read(join(dir, '1.json'))) as SweepResult;
    expect(r.points.map((p) => [p.index, p.values['workloads.api.hpa.maxReplicas'], p.status])).toEqual([
      [0, 4, 'ok'],
      [1, 8, 'ok'],
      [2, 12, 'ok'],
    ]);
    // One baseline run serves every point of its seed.
    expect(r.baselines).toHaveLength(1);
    // One header line and one line per point.
    expect(read(join(dir, '1.csv')).trim().split('\n')).toHaveLength(4);
  });

  test.each([
    { name: 'a worker that throws', mode: 'throw', message: /test crash injected in point 1/, timeout: [] as string[] },
    { name: 'a worker thread that exits', mode: 'exit', message: /worker exited with code: 70|exited/, timeout: [] as string[] },
    // Generous beside a one-hour run (well under a second) so that a busy machine does not time out the others.
    { name: 'a point over --timeout', mode: 'hang', message: /timed out after 6 s/, timeout: ['--timeout', '6'] },
  ])('$name is an error row for its point; the others complete', async ({ mode, message, timeout }) => {
    const dir = tmp();
    const env = { WHATIF_SWEEP_TEST_CRASH_POINT: '1', WHATIF_SWEEP_TEST_CRASH_MODE: mode };
    const run = await cli(['sweep', fixture, ...sweepArgs, '--workers', '2', ...timeout, '--json', join(dir, 'r.json')], env);
    expect(run.code).toBe(1);
    const r = JSON.parse(read(join(dir, 'r.json'))) as SweepResult;
    expect(r.complete).toBe(true);
    expect(r.points.map((p) => p.status)).toEqual(['ok', 'error', 'ok']);
    expect(r.points[1]!.error).toMatch(message);
    expect(run.out).toMatch(/point 1: ERROR/);
  });
});

describe('sharding and merge', () => {
  test('three shard processes (flag, GitLab parallel:, Indexed Job) merge into the unsharded bytes', async () => {
    const dir = tmp();
    const args = ['sweep', fixture, ...sweepArgs, '--seeds', '2', '--workers', '1'];
    // 3 configurations x 2 seeds = 6 points; shard i holds points i-1 and i+2, from both seeds.
    const [whole, ...shards] = await Promise.all([
      child([...args, '--json', join(dir, 'whole.json'), '--csv', join(dir, 'whole.csv')]),
      child([...args, '--shard', '1/3', '--json', join(dir, 's1.json')]),
      child([...args, '--json', join(dir, 's2.json')], { CI_NODE_INDEX: '2', CI_NODE_TOTAL: '3' }),
      child([...args, '--json', join(dir, 's3.json')], { JOB_COMPLETION_INDEX: '2', WHATIF_SHARD_TOTAL: '3' }),
    ]);
    expect(whole.code).toBe(0);
    expect(shards.map((s) => s.code)).toEqual([0, 0, 0]);
    const shardPoints = [1, 2, 3].map((i) => (JSON.parse(read(join(dir, `s${i}.json`))) as SweepResult).points.map((p) => p.index));
    expect(shardPoints).toEqual([
      [0, 3],
      [1, 4],
      [2, 5],
    ]);
    const merged = await child(['merge', join(dir, 's3.json'), join(dir, 's1.json'), join(dir, 's2.json'), '--json', join(dir, 'merged.json'), '--csv', join(dir, 'merged.csv')]);
    expect(merged.code).toBe(0);
    expect(read(join(dir, 'merged.json'))).toBe(read(join(dir, 'whole.json')));
    expect(read(join(dir, 'merged.csv'))).toBe(read(join(dir, 'whole.csv')));
  });

  test('a missing shard is refused with the missing points', async () => {
    const dir = tmp();
    const args = ['sweep', fixture, ...sweepArgs, '--workers', '1'];
    expect((await cli([...args, '--shard', '1/2', '--json', join(dir, 's1.json')])).code).toBe(0);
    const merged = await cli(['merge', join(dir, 's1.json')]);
    expect(merged.code).toBe(2);
    expect(merged.err).toMatch(/points missing \(of 2 shards, 1 given\): 1/);
  });
});

describe('Ctrl-C', () => {
  test('SIGINT stops the sweep, writes the finished rows atomically and exits 130', async () => {
    const dir = tmp();
    // 17 day-long points on one worker: far more than the second before the signal.
    const args = ['sweep', fixture, '--param', 'workloads.api.hpa.maxReplicas=4..20', '--duration', '24h', '--workers', '1', '--json', join(dir, 'r.json')];
    const run = await child(args, {}, (kill) => setTimeout(() => kill('SIGINT'), 2500));
    expect(run.code).toBe(130);
    expect(run.err).toMatch(/interrupted/);
    const r = JSON.parse(read(join(dir, 'r.json'))) as SweepResult;
    expect(r.complete).toBe(false);
    expect(r.points.length).toBeLessThan(17);
    expect(r.points.every((p) => p.status === 'ok')).toBe(true);
  });
});

describe('whatif search', () => {
  test('without its own policies on them, a point where the changed workload cannot serve is infeasible', async () => {
    // The same question, with the built-in feasibility policies: 2 to 4 api pods cannot serve
    // 4 cores of demand at 800m each (a 1-core limit), so they drop requests or miss the 200 ms SLO.
    const dir = tmp();
    const file = join(dir, 'one-node.yaml');
    writeFileSync(file, read(fixture).replace('"nodes.peak <= 20"', '"nodes.peak <= 1"'));
    const out = join(dir, 'search.json');
    const run = await cli(['search', file, '--param', 'workloads.api.hpa.maxReplicas', '--min', '2', '--max', '12', '--seeds', '1', '--workers', '2', '--json', out]);
    const r = JSON.parse(read(out));
    expect(r.answer).toBeNull();
    expect(r.evaluated).toContainEqual(expect.objectContaining({ value: 2, pass: false }));
    expect(run.out).toMatch(/2 +INFEASIBLE 2,3/);
    expect(run.out).toMatch(/changed\.requests\.droppedRatio < 1%/);
  });

  test('largest maxReplicas of api that keeps one node: 4', async () => {
    // After the change api requests 800m. One e2-standard-4 allocates 3.92 cores; web takes
    // 2 x 300m = 0.6, leaving 3.32: four api pods (3.2 cores) fit, a fifth (4.0) does not. api's
    // load reaches 200 rps x 20 ms = 4 cores, so the HPA wants ceil(4000 / 640) = 7 pods: any
    // maxReplicas >= 5 leaves a pod Pending and the Cluster Autoscaler adds a second node.
    const dir = tmp();
    const file = join(dir, 'one-node.yaml');
    // At 4 pods api cannot serve its 4 cores of peak demand: the built-in feasibility policies
    // would rule every answer out, so the scenario states its own (anything goes) to ask about nodes only.
    writeFileSync(file, read(fixture).replace('"nodes.peak <= 20"', '"nodes.peak <= 1"\n    - "changed.requests.droppedRatio <= 100%"\n    - "changed.slo.violationMinutes <= 100000m"'));
    const out = join(dir, 'search.json');
    const run = await cli(['search', file, '--param', 'workloads.api.hpa.maxReplicas', '--min', '2', '--max', '12', '--seeds', '1', '--workers', '2', '--json', out]);
    expect(run.code).toBe(0);
    const r = JSON.parse(read(out));
    expect(r.answer).toBe(4);
    expect(r.reason).toBe('Found');
    expect(r.monotone).toBe(true);
    expect(r.evaluated).toContainEqual(expect.objectContaining({ value: 4, pass: true }));
    expect(r.evaluated).toContainEqual(expect.objectContaining({ value: 5, pass: false }));
    expect(run.out).toMatch(/Answer: 4 \(Found\)/);
  });
});
