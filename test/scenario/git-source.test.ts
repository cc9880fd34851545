import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenarioFromGit, revisionRange } from '../../src/scenario/git-source.js';

describe('revisionRange', () => {
  test.each([
    { name: 'base..head', spec: 'main..feature', env: {}, base: ['main'], head: ['feature'], mergeBase: false },
    { name: 'base... (merge base with HEAD)', spec: 'main...', env: {}, base: ['main'], head: ['HEAD'], mergeBase: true },
    { name: 'a single revision compares it with HEAD', spec: 'v1.2.0', env: {}, base: ['v1.2.0'], head: ['HEAD'], mergeBase: false },
    {
      name: 'GitLab merge request: the diff base first, then the target branch',
      spec: undefined,
      env: { CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main', CI_MERGE_REQUEST_SOURCE_BRANCH_NAME: 'raise-max', CI_MERGE_REQUEST_DIFF_BASE_SHA: 'abc123' },
      base: ['abc123', 'origin/main', 'main'],
      head: ['HEAD'],
      mergeBase: true,
    },
    { name: 'GitHub pull request', spec: '', env: { GITHUB_BASE_REF: 'main', GITHUB_HEAD_REF: 'raise-max' }, base: ['origin/main', 'main'], head: ['HEAD'], mergeBase: true },
  ])('$name', ({ spec, env, base, head, mergeBase }) => {
    const r = revisionRange(spec, env);
    expect(r.ok && { base: r.range.base, head: r.range.head, mergeBase: r.range.mergeBase }).toEqual({ base, head, mergeBase });
  });

  test('no range and no CI variables says what to write', () => {
    const r = revisionRange(undefined, {});
    expect(!r.ok && r.message).toMatch(/write --git base\.\.head/);
  });
});

describe('loadScenarioFromGit on a temporary repository', () => {
  let repo = '';
  const run = (...args: string[]) => execFileSync('git', ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const write = (path: string, text: string) => {
    mkdirSync(join(repo, path, '..'), { recursive: true });
    writeFileSync(join(repo, path), text);
  };
  const values = (cpu: string, max: number) => `replicaCount: 2\nresources:\n  requests: { cpu: ${cpu}, memory: 256Mi }\n  limits: { cpu: 500m, memory: 512Mi }\nautoscaling:\n  enabled: true\n  minReplicas: 2\n  maxReplicas: ${max}\n  targetCPUUtilizationPercentage: 80\n`;
  const deployment = (name: string, cpu: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: ${name} }\nspec:\n  replicas: 2\n  template:\n    spec:\n      containers: [{ name: app, resources: { requests: { cpu: ${cpu} } } }]\n`;

  beforeAll(() => {
    repo = mkdtempSync(join(tmpdir(), 'whatif-git-'));
    run('init', '-q', '-b', 'main');
    write(
      'ops/scenario.yaml',
      `apiVersion: kube-whatif/v1
kind: Scenario
metadata: { name: mr }
spec:
  imports:
    - manifests: ../deploy
  cluster:
    provider: gke
    nodePools: [{ name: pool, machineType: e2-standard-4, minNodes: 1, maxNodes: 6 }]
  workloads:
    - name: payments
      helm: { values: ../charts/payments/values.yaml }
      load: { type: constant, rps: 100 }
      cpuPerRequest: 10ms
      workerThreads: 4
`,
    );
    write('charts/payments/values.yaml', values('200m', 10));
    write('deploy/search.yaml', deployment('search', '500m'));
    run('add', '-A');
    run('commit', '-q', '-m', 'base');
    run('checkout', '-q', '-b', 'raise-max');
    // The incident's two-line change, and a new manifest in the folder.
    write('charts/payments/values.yaml', values('500m', 30));
    write('deploy/worker.yaml', deployment('worker', '100m'));
    run('add', '-A');
    run('commit', '-q', '-m', 'raise payments');
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  const incident = [
    { path: 'workloads.payments.requests.cpuMilli', before: 200, after: 500 },
    { path: 'workloads.payments.hpa.maxReplicas', before: 10, after: 30 },
  ];

  test('base..head: before from main, after from the branch, folders listed at each revision', () => {
    const r = loadScenarioFromGit(join(repo, 'ops/scenario.yaml'), 'main..raise-max', { env: {} });
    if (!r.ok) throw new Error(r.problems.map((p) => `${p.file} ${p.message}`).join('\n'));
    expect(r.value.change.fields).toEqual(expect.arrayContaining(incident));
    expect(r.value.before.workloads.map((w) => w.name)).toEqual(['payments', 'search']);
    expect(r.value.after?.workloads.map((w) => w.name)).toEqual(['payments', 'search', 'worker']);
    expect(r.value.git.base.name).toBe('main');
    expect(r.value.change.description).toMatch(/^main\.\.raise-max: /);
  });

  test('GitLab merge-request variables pick the range, and the work tree is never touched', () => {
    // An uncommitted edit in the work tree must not leak into either side.
    const file = join(repo, 'charts/payments/values.yaml');
    writeFileSync(file, values('900m', 99));
    const status = run('status', '--porcelain');
    const r = loadScenarioFromGit(join(repo, 'ops/scenario.yaml'), undefined, { env: { CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main', CI_MERGE_REQUEST_SOURCE_BRANCH_NAME: 'raise-max' } });
    if (!r.ok) throw new Error(r.problems.map((p) => `${p.file} ${p.message}`).join('\n'));
    expect(r.value.change.fields).toEqual(expect.arrayContaining(incident));
    expect(r.value.git.base.name).toBe('merge-base(main, HEAD)');
    expect(readFileSync(file, 'utf8')).toBe(values('900m', 99));
    expect(run('status', '--porcelain')).toBe(status);
    run('checkout', '-q', '--', 'charts/payments/values.yaml');
  });

  test('problems name the revision and the file as git does', () => {
    const r = loadScenarioFromGit(join(repo, 'ops/scenario.yaml'), 'main..raise-max', { env: {} });
    // The "no entry in spec.workloads" warning differs between the revisions (worker is new), so both are shown.
    const imports = r.ok ? r.warnings.filter((w) => /no entry in spec.workloads/.test(w.message)) : [];
    expect(imports.map((w) => [w.file, w.message.split(': ').pop()])).toEqual([
      ['main:ops/scenario.yaml', 'search'],
      ['raise-max:ops/scenario.yaml', 'search, worker'],
    ]);
  });

  test('an unknown revision is a clear error', () => {
    const r = loadScenarioFromGit(join(repo, 'ops/scenario.yaml'), 'nope..HEAD', { env: {} });
    expect(!r.ok && r.problems[0]!.message).toMatch(/^--git: unknown revision nope/);
  });
});
