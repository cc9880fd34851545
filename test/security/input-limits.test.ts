import { describe, expect, test } from 'vitest';
import { join } from 'node:path';
import { cli, project, scenario } from './cli-helpers.js';
import { LIMITS, limitsFromEnv } from '../../src/scenario/limits.js';
import { parseManifestText } from '../../src/scenario/import/manifest-documents.js';

/** Runs `whatif run` on a scenario text in a fresh folder. */
async function run(text: string, env: Record<string, string> = {}, files: Record<string, string> = {}, command = 'run') {
  const dir = project({ 'scenario.yaml': text, ...files });
  return cli([command, join(dir, 'scenario.yaml')], env);
}

describe('limits on work: exit 2 at the field, with the limit and how to raise it', () => {
  test('replicas: 1000000 is refused at its line, and the variable raises the limit', async () => {
    const text = scenario().replace('replicas: 2', 'replicas: 1000000');
    const r = await run(text);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/scenario\.yaml:12:17: error: spec\.workloads\[0\]\.replicas: exceeds the limit of 5000 pods per workload \(set WHATIF_MAX_REPLICAS to raise it\) \(got 1000000\)/);
    expect(r.err).toMatch(/spec\.workloads: exceeds the limit of 20000 pods in total \(set WHATIF_MAX_PODS/);
    // 6,000 pods of 200m need 1,200 cores: raising the pod limits moves the problem to the pool's size.
    const raised = await run(text.replace('replicas: 1000000', 'replicas: 6000'), { WHATIF_MAX_REPLICAS: '6000' });
    expect(raised.err).not.toMatch(/pods per workload/);
  });

  test('an HPA maxReplicas above the limit is refused at maxReplicas', async () => {
    const r = await run(scenario({ workload: '      hpa: { minReplicas: 1, maxReplicas: 100000 }\n' }));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/spec\.workloads\[0\]\.hpa\.maxReplicas: exceeds the limit of 5000 pods per workload/);
  });

  test('minNodes: 100000 is refused per pool and in total', async () => {
    const r = await run(scenario().replace('minNodes: 1, maxNodes: 3', 'minNodes: 100000, maxNodes: 100000'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/spec\.cluster\.nodePools\[0\]\.minNodes: exceeds the limit of 1000 nodes per pool \(set WHATIF_MAX_POOL_NODES/);
    expect(r.err).toMatch(/spec\.cluster\.nodePools: exceeds the limit of 5000 nodes in total \(set WHATIF_MAX_NODES/);
  });

  test('DaemonSet pods count one per node toward the pod limit', async () => {
    // 1000 nodes x 3 DaemonSets = 3,000 pods, + 2 replicas, above a limit of 2,500.
    const ds = '    daemonSets:\n' + ['a', 'b', 'c'].map((n) => `      - { name: ds-${n}, resources: { requests: { cpu: 10m } } }\n`).join('');
    const text = scenario().replace('minNodes: 1, maxNodes: 3', 'minNodes: 1, maxNodes: 1000').replace('  cluster:\n', `  cluster:\n${ds}`);
    const r = await run(text, { WHATIF_MAX_PODS: '2500' });
    expect(r.err).toMatch(/exceeds the limit of 2500 pods in total .* \(got 3002\)/);
  });

  test('duration, steps and seeds have limits', async () => {
    const long = await run(scenario().replace('duration: 10m', 'duration: 800h'));
    expect(long.err).toMatch(/spec\.duration: exceeds the limit of 2678400 seconds of simulated time \(set WHATIF_MAX_DURATION_SECONDS/);
    const fine = await run(scenario({ spec: '  simulation: { step: 100ms, sampleInterval: 1m, metricResolution: 15s }\n' }).replace('duration: 10m', 'duration: 240h'));
    expect(fine.err).toMatch(/spec\.simulation\.step: exceeds the limit of 500000 simulation steps .*\(got 8640000\)/);
    const seeds = await run(scenario().replace('seeds: 1', 'seeds: 5000'));
    expect(seeds.err).toMatch(/spec\.seeds: exceeds the limit of 1000 seeds per configuration/);
  });

  test('a seed so large that neighbouring seeds would collide is refused', async () => {
    const r = await run(scenario().replace('seeds: 1', 'seeds: 2\n  seed: 9007199254740991'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/spec\.seed: seed \+ seeds - 1 must stay a safe integer/);
  });

  test('workloads in one configuration have a limit', async () => {
    const r = await run(scenario(), { WHATIF_MAX_WORKLOADS: '0' });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/WHATIF_MAX_WORKLOADS="0": expected a whole number >= 1/);
    const one = await run(scenario().replace('  workloads:\n', '  workloads:\n    - { name: web, replicas: 1, load: { type: constant, rps: 1 }, cpuPerRequest: 1ms, workerThreads: 1, resources: { requests: { cpu: 10m } } }\n'), { WHATIF_MAX_WORKLOADS: '1' });
    expect(one.err).toMatch(/spec\.workloads: exceeds the limit of 1 workloads .* \(got 2\)/);
  });

  test('a scenario above the file-size limit is refused before it is parsed', async () => {
    const big = scenario() + `# ${'x'.repeat(LIMITS.fileBytes.value)}\n`;
    const r = await run(big);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/scenario\.yaml: error: .*scenario\.yaml: \d+ exceeds the limit of 16777216 bytes per input file \(set WHATIF_MAX_FILE_BYTES/);
  });

  test('a manifest with more documents than the limit is refused at the first one over', () => {
    const text = ['a', 'b', 'c'].map((n) => `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: ${n} }\n`).join('---\n');
    const limits = limitsFromEnv({ WHATIF_MAX_DOCUMENTS: '2' });
    if (!limits.ok) throw new Error(limits.message);
    const r = parseManifestText('m.yaml', text, limits.limits);
    expect(r.problems).toEqual([expect.objectContaining({ line: 8, column: 1, path: 'documents[2]', message: expect.stringMatching(/^3 documents: exceeds the limit of 2 YAML documents per file \(set WHATIF_MAX_DOCUMENTS/) })]);
  });

  test('aliases that expand aliases ("billion laughs") stop at the yaml library limit', async () => {
    const laughs = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n';
    const r = await run(scenario().replace('metadata: { name: sec }', `metadata: { name: sec }\nx:\n${laughs.replace(/^/gm, '  ')}`));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/scenario\.yaml:1:1: error: YAML aliases: exceeds the limit of 100 YAML alias expansions per document \(set WHATIF_MAX_ALIASES/);
  });

  test('a manifest of 2,000 documents imports with every field at its own line', () => {
    // Parsed once with one line counter: the last document's fields locate as the first's do.
    const doc = (i: number) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: svc-${i}\nspec:\n  replicas: 1\n`;
    const text = Array.from({ length: 2000 }, (_, i) => doc(i)).join('---\n');
    const r = parseManifestText('m.yaml', text);
    expect(r.problems).toEqual([]);
    expect(r.objects).toHaveLength(2000);
    // Document i starts at line 7 i + 1 (6 lines and a separator each); replicas is its 6th line.
    expect(r.objects[1999]!.source.locate(['spec', 'replicas'])).toEqual({ line: 7 * 1999 + 6, column: 13 });
  });

  test('recorded-load points have a limit, as read and as resampled', async () => {
    const csv = `t,v\n${Array.from({ length: 20 }, (_, i) => `${1_700_000_000 + 60 * i},1`).join('\n')}\n`;
    const replay = scenario().replace('load: { type: constant, rps: 10 }', 'load: { type: replay, file: load.csv }');
    const read = await run(replay, { WHATIF_MAX_RECORDED_POINTS: '10' }, { 'load.csv': csv });
    expect(read.code).toBe(2);
    expect(read.err).toMatch(/load\.csv:12:1: error: recorded load \(csv\): exceeds the limit of 10 recorded-load points \(set WHATIF_MAX_RECORDED_POINTS/);
    // Two inline samples ten years apart at a 1 s step would be 315 million grid points.
    const span = await run(scenario().replace('load: { type: constant, rps: 10 }', 'load: { type: replay, samples: [[0, 1], [315360000, 1]], resample: 1s }'));
    expect(span.code).toBe(2);
    expect(span.err).toMatch(/resample: the recording spans 315360001 steps of 1000 ms: exceeds the limit of 1000000 recorded-load points/);
  });

  test('--workers above the worker limit is refused; WHATIF_MAX_WORKERS sets the limit', async () => {
    const dir = project({ 'scenario.yaml': scenario({ spec: '  change: { patch: { workloads: [{ name: api, replicas: 3 }] } }\n' }) });
    const file = join(dir, 'scenario.yaml');
    const r = await cli(['compare', file, '--workers', '999']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--workers 999: 999 exceeds the limit of \d+ worker threads \(set WHATIF_MAX_WORKERS/);
    const lowered = await cli(['compare', file, '--workers', '2'], { WHATIF_MAX_WORKERS: '1' });
    expect(lowered.code).toBe(2);
    expect(lowered.err).toMatch(/--workers 2: 2 exceeds the limit of 1 worker threads/);
  });
});

describe('sweeps and searches: bounded ranges', () => {
  test('a search range of a trillion values is refused before any value is made', async () => {
    const { rangeValues } = await import('../../src/sweep/range-values.js');
    const r = rangeValues(0, 1e12, 1);
    expect(r).toEqual({ ok: false, message: expect.stringMatching(/^1000000000001 values: exceeds the limit of 100000 sweep points \(set WHATIF_MAX_SWEEP_POINTS/) });
  });
});
