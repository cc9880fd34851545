import { describe, expect, test } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli.js';

// Real install manifests (test/fixtures/manifests, imported by scenarios/<name>/scenario.yaml)
// on one plain pool with no labels or taints of its own. A real node carries the well-known
// labels kubernetes.io/os, kubernetes.io/arch and the topology labels, so every pod, including
// those selecting kubernetes.io/os: linux, must be eligible for that pool, and the pool is large
// enough for all of them at once (requests summed by hand below): nothing may stay Pending, and
// `explain` must list every workload as eligible for the pool.
const cases = [
  {
    scenario: 'linkerd-ha',
    // 3 x (200m + 1200m + 200m) = 4.8 cores on three e2-standard-4 (about 3.9 allocatable each).
    replicas: { 'linkerd-identity': 3, 'linkerd-destination': 3, 'linkerd-proxy-injector': 3 },
  },
  {
    scenario: 'kube-prometheus',
    // 30m + 100m + 40m + 2 x 102m + 110m = 484m, plus node-exporter's 112m per node, on two e2-standard-2.
    replicas: { 'blackbox-exporter': 1, grafana: 1, 'kube-state-metrics': 1, 'prometheus-adapter': 2, 'prometheus-operator': 1 },
  },
  {
    scenario: 'knative-serving',
    // The activator's HPA may add pods; the others stay at 1. At most 20 x 300m + 3 x 100m = 6.3 cores.
    replicas: { activator: null, autoscaler: 1, controller: 1, webhook: null },
  },
] as const;

describe.each(cases.map((c) => [c.scenario, c.replicas] as const))('scenarios/%s: every imported workload is placed on the plain pool', (scenario, replicas) => {
  const file = `scenarios/${scenario}/scenario.yaml`;
  const names = Object.keys(replicas).sort();

  test('run: no pod of any workload is ever Pending, and every pod ends Ready', async () => {
    const json = join(mkdtempSync(join(tmpdir(), 'whatif-real-')), 'run.json');
    const r = await runCli('run', file, '--json', json);
    expect(r.code, r.err).toBe(0);
    const run = JSON.parse(readFileSync(json, 'utf8')).run;
    expect(Object.keys(run.workloads).sort()).toEqual(names);
    for (const [name, fixed] of Object.entries(replicas)) {
      const w = run.workloads[name];
      const series = run.series.workloads[name];
      expect({ name, pending: w.pending }).toEqual({ name, pending: { podSeconds: 0, peak: 0 } });
      expect({ name, ready: series.readyReplicas.at(-1) }).toEqual({ name, ready: series.desiredReplicas.at(-1) });
      if (fixed !== null) expect({ name, peak: w.replicas.peak }).toEqual({ name, peak: fixed });
    }
  });

  test('explain --json: every workload is eligible for the pool and fits an empty node', async () => {
    const r = await runCli('explain', '--json', file);
    expect(r.code, r.err).toBe(0);
    const before = JSON.parse(r.out).before;
    const eligible = Object.fromEntries(before.workloads.map((w: { name: string; pools: string[]; tooBigFor: string[] }) => [w.name, { pools: w.pools, tooBigFor: w.tooBigFor }]));
    expect(eligible).toEqual(Object.fromEntries(names.map((n) => [n, { pools: ['default-pool'], tooBigFor: [] }])));
    expect(before.pools.map((p: { pendingAtMax: number }) => p.pendingAtMax)).toEqual([0]);
  });
});
