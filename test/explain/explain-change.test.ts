import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario, readFromDisk } from '../../src/scenario/load-scenario.js';
import { explainChange, type Explanation } from '../../src/explain/explain-change.js';
import { renderExplanation } from '../../src/report/explain-text.js';
import { runExplainCommand } from '../../src/cli/commands/explain.js';

/** The incident on a shared e2-standard-4 pool (3..8 nodes), plus a tainted GPU pool only `trainer` tolerates. */
const INCIDENT = `apiVersion: kube-whatif/v1
kind: Scenario
metadata: { name: incident }
spec:
  cluster:
    provider: gke
    nodePools:
      - { name: shared, machineType: e2-standard-4, minNodes: 3, maxNodes: 8 }
      - name: gpu
        machineType: n2-standard-8
        minNodes: 0
        maxNodes: 4
        labels: { pool: gpu }
        taints: [{ key: nvidia.com/gpu, effect: NoSchedule }]
    daemonSets:
      - { name: node-agents, resources: { requests: { cpu: 200m, memory: 300Mi } } }
  workloads:
    - name: payments
      replicas: 2
      resources: { requests: { cpu: 200m, memory: 256Mi }, limits: { cpu: 500m, memory: 512Mi } }
      hpa: { minReplicas: 2, maxReplicas: 10, targetCPUUtilizationPercentage: 80 }
      load: { type: diurnal, minRps: 60, maxRps: 600 }
      cpuPerRequest: 15ms
      workerThreads: 4
    - { name: checkout, resources: { requests: { cpu: 150m, memory: 256Mi } }, hpa: { minReplicas: 3, maxReplicas: 12 } }
    - { name: catalog, resources: { requests: { cpu: 100m, memory: 128Mi } }, hpa: { minReplicas: 2, maxReplicas: 8 } }
    - { name: search, replicas: 3, resources: { requests: { cpu: 500m, memory: 1Gi } } }
    - { name: auth, resources: { requests: { cpu: 200m, memory: 128Mi } }, hpa: { minReplicas: 2, maxReplicas: 6 } }
    - { name: notifications, replicas: 2, resources: { requests: { cpu: 100m, memory: 128Mi } } }
    - name: trainer
      replicas: 2
      resources: { requests: { cpu: "4", memory: 8Gi } }
      nodeSelector: { pool: gpu }
      tolerations: [{ key: nvidia.com/gpu, operator: Exists }]
  change:
    patch:
      workloads:
        - { name: payments, hpa: { maxReplicas: 30 }, resources: { requests: { cpu: 500m } } }
`;

const FILE = '/virtual/incident.yaml';

function explain(text = INCIDENT): Explanation {
  const r = loadScenario(FILE, { readText: (p) => (p === FILE ? text : readFromDisk(p)) });
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return explainChange(r.value);
}

describe('static bounds of the incident', () => {
  const e = explain();
  const pay = (c: 'before' | 'after') => e[c]!.workloads.find((w) => w.name === 'payments')!;
  const shared = (c: 'before' | 'after') => e[c]!.pools.find((p) => p.name === 'shared')!;

  test('maximum CPU requests of payments: 10 x 200m = 2 cores -> 30 x 500m = 15 cores', () => {
    expect([pay('before').maxCpuMilli, pay('after').maxCpuMilli]).toEqual([2000, 15_000]);
    expect(e.changed).toEqual(['payments']);
  });

  test('nodes of the shared pool at maxReplicas: 3 -> 6', () => {
    // e2-standard-4 on GKE: 3920m allocatable (docs/models/allocatable-and-prices.md#allocatable) - 200m agents = 3720m per node.
    // Before, 7500m in all (2000 payments + 1800 checkout + 800 catalog + 1500 search + 1200 auth + 200 notifications).
    // First-fit decreasing by size: search 1500 + payments 2000 on node 1 (3500), auth 1 more there (3700)
    // and 5 on node 2, then checkout 1800 and catalog 800 on node 2 (3600), notifications 1 + 1 -> 3 nodes.
    // After: search 1500 + payments 4 x 500 on node 1, the other 26 payments 7 per node on nodes 2-5
    // (node 5: 2500), auth 1 each on nodes 1-4 and 2 on node 5 (2900), checkout 5 on node 5 and 7 on a
    // new node 6 with catalog and notifications -> 6 nodes (the 20 500m / 3720m = 5.5 lower bound also says 6).
    expect([shared('before').nodesAtMax, shared('after').nodesAtMax]).toEqual([3, 6]);
    expect(shared('after').pendingAtMax).toBe(0);
  });

  test('cost of the 3 more nodes: 3 x $0.13402/h x 730 h = $293.50 per month', () => {
    expect(shared('after').monthlyUsdAtMax - shared('before').monthlyUsdAtMax).toBeCloseTo(293.5038, 3);
  });

  test('at minReplicas the pool stays at its 3-node minimum (3150m -> 3750m of requests)', () => {
    expect([shared('before').nodesAtMin, shared('after').nodesAtMin]).toEqual([3, 3]);
  });

  test('the HPA at peak load: 9 cores / (80% x 200m - 5m idle) = 59 pods > 10; / (400m - 5m) = 23 <= 30', () => {
    expect(pay('before').peak).toEqual({ rps: 600, cpuCores: 9, targetPercent: 80, wantedReplicas: 59 });
    expect(pay('after').peak?.wantedReplicas).toBe(23);
  });

  test('pools by the scheduler filters: the tainted GPU pool takes only the workload that tolerates it', () => {
    expect(pay('after').pools).toEqual(['shared']);
    expect(e.after!.workloads.find((w) => w.name === 'trainer')!.pools).toEqual(['gpu']);
    expect(shared('after').workloads).toEqual(['payments', 'checkout', 'catalog', 'search', 'auth', 'notifications']);
    // n2-standard-8: 7910m allocatable - 200m agents = 7710m: one 4-core trainer pod per node.
    expect(e.after!.pools.find((p) => p.name === 'gpu')!.nodesAtMax).toBe(2);
  });

  test('a pool that stops at maxNodes leaves pods Pending', () => {
    const capped = explain(INCIDENT.replace('minNodes: 3, maxNodes: 8', 'minNodes: 3, maxNodes: 5'));
    const p = capped.after!.pools.find((x) => x.name === 'shared')!;
    // Six nodes are needed; five hold 5 x 3720m = 18 600m of the 20 500m, so at least 1900m (4+ pods) wait.
    expect([p.neededAtMax, p.nodesAtMax]).toEqual([6, 5]);
    expect(p.pendingAtMax).toBeGreaterThanOrEqual(4);
  });
});

describe('plain words', () => {
  const text = renderExplanation(explain());

  test.each([
    // Limits stay 500m, so the ceiling follows maxReplicas: 10 x 500m = 5 cores -> 30 x 500m = 15 cores.
    "maxReplicas 10 -> 30 and requests.cpu 200m -> 500m raise payments' maximum CPU requests from 2 to 15 cores (maxReplicas x requests.cpu) and its maximum memory requests from 2.5 to 7.5 GiB; its CPU ceiling (maxReplicas x limits.cpu) goes from 5 cores to 15 cores.",
    'its HPA wants 59 pods (80% of 200m; above maxReplicas 10: it runs at 10, each pod over its target) before and 23 pods (80% of 500m; within maxReplicas 30) after.',
    'It can land on pool shared; these workloads share that pool: checkout, catalog, search, auth, notifications.',
    'With every workload at maxReplicas it needs 3 -> 6 nodes: up to 3 more e2-standard-4 nodes, up to $294 more per month.',
  ])('says: %s', (sentence) => {
    expect(text).toContain(sentence);
  });

  test('an HPA that appears is one phrase', () => {
    const added = renderExplanation(explain(INCIDENT.replace('hpa: { minReplicas: 2, maxReplicas: 6 } }', 'replicas: 2 }').replace("- { name: payments, hpa: { maxReplicas: 30 }, resources: { requests: { cpu: 500m } } }", '- { name: auth, hpa: { minReplicas: 2, maxReplicas: 6 } }')));
    expect(added).toContain("a new HPA (2..6, cpu 80%) raises auth's maximum CPU requests from 0.4 to 1.2 cores");
  });

  test('the GPU pool, whose bounds do not move and which no changed workload uses, is not discussed', () => {
    expect(text).not.toContain('pool gpu');
  });
});

describe('runExplainCommand', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'whatif-explain-'));
    writeFileSync(join(dir, 'incident.yaml'), INCIDENT);
    writeFileSync(join(dir, 'bad.yaml'), INCIDENT.replace('maxReplicas: 10', 'maxReplicas: ten'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const capture = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { io: { stdout: (s: string) => void out.push(s), stderr: (s: string) => void err.push(s), env: {} }, out, err };
  };

  test('text, exit 0', async () => {
    const c = capture();
    expect(await runExplainCommand(join(dir, 'incident.yaml'), {}, c.io)).toBe(0);
    expect(c.out.join('')).toContain('whatif explain: incident');
  });

  test('--json gives the bounds as data', async () => {
    const c = capture();
    expect(await runExplainCommand(join(dir, 'incident.yaml'), { json: true }, c.io)).toBe(0);
    const data = JSON.parse(c.out.join('')) as Explanation;
    expect(data.after!.pools[0]!.nodesAtMax).toBe(6);
  });

  test('bad input: exit 2 and file:line:col on stderr', async () => {
    const c = capture();
    expect(await runExplainCommand(join(dir, 'bad.yaml'), {}, c.io)).toBe(2);
    expect(c.err.join('')).toMatch(/bad\.yaml:\d+:\d+: error: spec\.workloads\[0\]\.hpa\.maxReplicas: expected a number/);
  });

  test('--git explains the difference between two commits', async () => {
    const repo = join(dir, 'repo');
    mkdirSync(repo);
    const git = (...a: string[]) => execFileSync('git', ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@example.com', ...a], { stdio: 'ignore' });
    git('init', '-q', '-b', 'main');
    const base = INCIDENT.slice(0, INCIDENT.indexOf('  change:'));
    writeFileSync(join(repo, 'scenario.yaml'), base);
    git('add', '-A');
    git('commit', '-q', '-m', 'base');
    writeFileSync(join(repo, 'scenario.yaml'), base.replace('maxReplicas: 10', 'maxReplicas: 30').replace('cpu: 200m, memory: 256Mi }, limits', 'cpu: 500m, memory: 256Mi }, limits'));
    git('commit', '-q', '-am', 'raise payments');
    const c = capture();
    expect(await runExplainCommand(join(repo, 'scenario.yaml'), { git: 'HEAD~1..HEAD' }, c.io)).toBe(0);
    expect(c.out.join('')).toContain('up to 3 more e2-standard-4 nodes');
  });
});
