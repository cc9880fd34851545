import { describe, expect, test } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli.js';

function write(text: string): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'whatif-mean-'));
  const file = join(dir, 's.yaml');
  writeFileSync(file, text);
  return { dir, file };
}

describe('reports say what they mean', () => {
  test('nodes at peak: six initial nodes for a load that needs one do not mask the peak', async () => {
    // initialNodes 6 with minNodes 1: the Cluster Autoscaler removes the empty nodes after
    // scale-down-unneeded-time (10 min) + a scan (10 s); a constant load of two 200m pods needs one
    // node for the rest of the hour, so the settled peak is 1 while the starting size was 6.
    const { dir, file } = write(`apiVersion: kube-whatif/v1
kind: Scenario
metadata: { name: masked }
spec:
  duration: 1h
  cluster:
    provider: gke
    nodePools: [{ name: p, machineType: e2-standard-4, minNodes: 1, maxNodes: 6, initialNodes: 6 }]
  workloads:
    - { name: api, replicas: 2, resources: { requests: { cpu: 200m, memory: 128Mi } }, load: { type: constant, rps: 10 }, cpuPerRequest: 5ms, workerThreads: 4 }
`);
    const out = join(dir, 'r.json');
    const r = await runCli('run', file, '--json', out);
    expect(r.code, r.err).toBe(0);
    const run = JSON.parse(readFileSync(out, 'utf8')).run;
    expect(run.nodes.initial).toBe(6);
    expect(run.nodes.peakFromMs).toBe(660_000);
    expect(run.nodes.peak).toBe(1);
    expect(run.pools.p.peakNodes).toBe(1);
  });

  test('the JSON says what import resolved: containers, LimitRange-filled requests, PDB, HPA target, DaemonSets per node', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'whatif-mean-')), 'r.json');
    const r = await runCli('run', 'scenarios/linkerd-ha/scenario.yaml', '--duration', '30m', '--json', out);
    expect(r.code, r.err).toBe(0);
    const w = JSON.parse(readFileSync(out, 'utf8')).configuration.workloads['linkerd-destination'];
    expect(w.namespace).toBe('linkerd');
    expect(w.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux' });
    expect(w.podDisruptionBudget).toEqual({ minAvailable: null, maxUnavailable: 1 });
    expect(w.containers.map((c: { name: string; kind: string }) => `${c.kind}:${c.name}`)).toEqual(['init:linkerd-init', 'sidecar:linkerd-proxy', 'app:destination', 'app:sp-validator', 'app:policy']);
    // Pod requests: the native sidecar runs beside the apps, so 100m proxy + 100m + 500m + 500m
    // (the LimitRange's 500m default request fills sp-validator and policy) = 1200m; the 100m init
    // container is below that.
    expect(w.requests.cpuMilli).toBe(1200);
  });

  test('--duration and --window peak: a warning on a short run from midnight, none of the peak missed with the window', async () => {
    const plain = await runCli('run', 'scenarios/payments-maxreplicas.yaml', '--duration', '2h');
    expect(plain.err).toMatch(/shorter than the load's period \(1d\)/);
    expect(plain.out).toMatch(/Warnings/);
    const dir = mkdtempSync(join(tmpdir(), 'whatif-mean-'));
    const out = join(dir, 'r.json');
    const peak = await runCli('run', 'scenarios/payments-maxreplicas.yaml', '--duration', '2h', '--window', 'peak', '--json', out);
    expect(peak.code, peak.err).toBe(0);
    // The summed CPU demand of the flagship's loads peaks near 13:00, where payments (450 rps x
    // 15 ms = 6.75 cores at 13:00) dominates the others (peaks at 09:00, 12:00, 13:00, 14:00 of at
    // most 1.8 cores): the 2 h window holds 13:00, and payments' rate at its first sample is within
    // 5 % of its 450 rps maximum (a cosine 1 h from its peak over a 24 h period: 50 + 400 x
    // (1 + cos(2 pi / 24)) / 2 = 446.6 rps).
    const run = JSON.parse(readFileSync(out, 'utf8')).run;
    expect(run.series.workloads.payments.rps[1]).toBeGreaterThan(430);
    const m = /from (\d+)h(\d+)m to (\d+)h(\d+)m of the load/.exec(peak.err)!;
    const fromMin = Number(m[1]) * 60 + Number(m[2]);
    expect(fromMin).toBeLessThanOrEqual(13 * 60);
    expect(fromMin + 120).toBeGreaterThanOrEqual(13 * 60);
    // Started warm: payments begins at maxReplicas (44 wanted at the peak > 10).
    expect(JSON.parse(readFileSync(out, 'utf8')).configuration.workloads.payments.replicas).toBe(10);
    const compare = await runCli('compare', 'scenarios/payments-maxreplicas.yaml', '--duration', '1h', '--window', 'peak', '--seeds', '1', '--json', join(dir, 'c.json'));
    expect([0, 1]).toContain(compare.code);
    expect(JSON.parse(readFileSync(join(dir, 'c.json'), 'utf8')).scenario.durationMs).toBe(3_600_000);
  });
});
