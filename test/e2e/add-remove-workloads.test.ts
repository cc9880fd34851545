import { describe, expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli.js';

const base = `apiVersion: kube-whatif/v1
kind: Scenario
metadata: { name: membership }
spec:
  duration: 1h
  seed: 3
  seeds: 2
  cluster:
    provider: gke
    nodePools: [{ name: shared, machineType: e2-standard-4, minNodes: 1, maxNodes: 4 }]
  workloads:
    - { name: api, replicas: 2, resources: { requests: { cpu: 200m, memory: 256Mi } }, load: { type: constant, rps: 50 }, cpuPerRequest: 5ms, workerThreads: 4 }
    - { name: legacy, replicas: 2, resources: { requests: { cpu: 300m, memory: 256Mi } }, load: { type: constant, rps: 10 }, cpuPerRequest: 5ms, workerThreads: 4 }
`;

function scenarioFile(text: string): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'whatif-members-'));
  const file = join(dir, 'scenario.yaml');
  writeFileSync(file, text);
  return { dir, file };
}

type Json = {
  verdict: string;
  change: { added: string[]; removed: string[]; changedWorkloads: string[]; fields: { path: string }[] };
  workloads: Record<string, Record<string, { before: number | null; after: number | null }>>;
  assertions: { text: string; pass: boolean }[];
};

async function compare(text: string, ...extra: string[]): Promise<{ code: number; out: string; err: string; json: Json | null }> {
  const { dir, file } = scenarioFile(text);
  const out = join(dir, 'r.json');
  const r = await runCli('compare', file, '--json', out, ...extra);
  let json: Json | null = null;
  try {
    json = JSON.parse(readFileSync(out, 'utf8')) as Json;
  } catch {
    json = null;
  }
  return { ...r, json };
}

describe('a change may add or remove workloads', () => {
  test('a patch that adds a complete workload: added row, its replicas from 0, its cost, assertions on it', async () => {
    const r = await compare(`${base}  change:
    description: add worker
    patch:
      workloads:
        - { name: worker, replicas: 3, resources: { requests: { cpu: 500m, memory: 512Mi } }, load: { type: constant, rps: 20 }, cpuPerRequest: 20ms, workerThreads: 4 }
  assert:
    - "workload(worker).replicas.peak <= 3"
    - "changed.replicas.mean <= 2"
`);
    expect(r.code).toBe(1);
    expect(r.json!.change.added).toEqual(['worker']);
    expect(r.json!.change.removed).toEqual([]);
    expect(r.json!.change.changedWorkloads).toEqual(['worker']);
    // No HPA: 3 replicas the whole run after, none before (it does not exist).
    expect(r.json!.workloads.worker!['replicas.mean']).toMatchObject({ before: 0, after: 3 });
    expect(r.json!.workloads.worker!['cost.monthly']!.before).toBe(0);
    expect(r.json!.workloads.worker!['cost.monthly']!.after).toBeGreaterThan(0);
    // A workload that does not run has no latency: n/a, not 0.
    expect(r.json!.workloads.worker!['latency.p99']!.before).toBeNull();
    expect(r.json!.assertions.map((a) => a.pass)).toEqual([true, false]);
    expect(r.out).toMatch(/workload worker added: 3 replicas on average \(peak 3\)/);
    expect(r.out).toMatch(/\*worker +n\/a/);
  });

  test('$patch: delete removes a workload: removed row, its requests freed', async () => {
    const r = await compare(`${base}  change:
    patch:
      workloads:
        - { name: legacy, $patch: delete }
`);
    expect(r.code).toBe(0);
    expect(r.json!.change.removed).toEqual(['legacy']);
    expect(r.json!.workloads.legacy!['replicas.mean']).toMatchObject({ before: 2, after: 0 });
    // 2 pods x 300m = 0.6 cores requested before, nothing after.
    expect(r.json!.workloads.legacy!['cpu.requested']!.before).toBeCloseTo(0.6, 6);
    expect(r.json!.workloads.legacy!['cpu.requested']!.after).toBe(0);
    expect(r.out).toMatch(/workload legacy removed/);
  });

  test.each([
    ['a misspelt name with a partial patch', '        - { name: legcy, replicas: 4 }', /"legcy" matches no workload.*did you mean "legacy"/s],
    ['a delete of a workload that does not exist', '        - { name: legacyy, $patch: delete }', /no workload "legacyy" to delete.*did you mean "legacy"/s],
  ])('%s is an error with a did-you-mean (exit 2, with its line)', async (_name, entry, message) => {
    const r = await compare(`${base}  change:\n    patch:\n      workloads:\n${entry}\n`);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).toMatch(/scenario\.yaml:17:\d+: error: spec\.change\.patch\.workloads\[0\]\.name/);
    expect(r.json).toBeNull();
  });

  test('--git: the head revision adds one Deployment and deletes another', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'whatif-git-members-'));
    const git = (...a: string[]) => execFileSync('git', a, { cwd: dir, stdio: 'pipe' });
    const deployment = (name: string, cpu: string, replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name} }
spec:
  replicas: ${replicas}
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} } }
    spec:
      nodeSelector: { kubernetes.io/os: linux }
      containers:
        - name: app
          image: example
          resources: { requests: { cpu: ${cpu}, memory: 128Mi } }
`;
    git('init', '-q', '-b', 'main');
    git('config', 'user.email', 'ci@example.com');
    git('config', 'user.name', 'ci');
    mkdirSync(join(dir, 'manifests'));
    writeFileSync(
      join(dir, 'scenario.yaml'),
      `apiVersion: kube-whatif/v1
kind: Scenario
metadata: { name: git-members }
spec:
  duration: 30m
  seeds: 1
  imports: [{ manifests: manifests }]
  cluster:
    provider: gke
    nodePools: [{ name: shared, machineType: e2-standard-4, minNodes: 1, maxNodes: 3 }]
  workloads: []
`,
    );
    writeFileSync(join(dir, 'manifests', 'a.yaml'), deployment('alpha', '250m', 2));
    writeFileSync(join(dir, 'manifests', 'b.yaml'), deployment('beta', '100m', 1));
    git('add', '-A');
    git('commit', '-qm', 'base');
    git('rm', '-q', 'manifests/b.yaml');
    writeFileSync(join(dir, 'manifests', 'c.yaml'), deployment('gamma', '400m', 2));
    git('add', '-A');
    git('commit', '-qm', 'head: beta out, gamma in');
    const out = join(dir, 'r.json');
    const r = await runCli('compare', '--git', 'HEAD~1..HEAD', join(dir, 'scenario.yaml'), '--json', out);
    expect(r.err).not.toMatch(/internal error|error:/);
    expect([0, 1]).toContain(r.code);
    const json = JSON.parse(readFileSync(out, 'utf8')) as Json;
    expect(json.change.added).toEqual(['gamma']);
    expect(json.change.removed).toEqual(['beta']);
    expect(json.workloads.gamma!['replicas.mean']).toMatchObject({ before: 0, after: 2 });
    expect(json.workloads.beta!['replicas.mean']).toMatchObject({ before: 1, after: 0 });
    expect(json.workloads.alpha!['replicas.mean']).toMatchObject({ before: 2, after: 2 });
  });
});
