import { describe, expect, test } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli.js';

// Every node of a GKE e2-standard-4 pool carries, from the kubelet and the cloud provider,
// kubernetes.io/os=linux, kubernetes.io/arch=amd64 and node.kubernetes.io/instance-type=e2-standard-4
// (kubernetes.io/docs/reference/labels-annotations-taints). A pod selecting any of them must be
// placed by `run` and be eligible for the pool in `explain`: the two build their nodes separately,
// so both are checked on the same scenario.
const selectors = {
  os: { 'kubernetes.io/os': 'linux' },
  arch: { 'kubernetes.io/arch': 'amd64' },
  'instance-type': { 'node.kubernetes.io/instance-type': 'e2-standard-4' },
};

function scenarioFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'whatif-labels-'));
  const workloads = Object.entries(selectors).map(([name, sel]) => `    - name: ${name}
      replicas: 2
      resources: { requests: { cpu: 100m, memory: 64Mi } }
      nodeSelector: ${JSON.stringify(sel)}
`);
  const file = join(dir, 'scenario.yaml');
  writeFileSync(file, `apiVersion: kube-whatif/v1
kind: Scenario
metadata: { name: well-known-labels }
spec:
  duration: 30m
  cluster:
    provider: gke
    nodeAutoscaler: { type: none }
    nodePools:
      - { name: plain, machineType: e2-standard-4, minNodes: 1, maxNodes: 1 }
  workloads:
${workloads.join('')}`);
  return file;
}

describe('well-known node labels: run and explain agree', () => {
  const file = scenarioFile();
  const json = join(mkdtempSync(join(tmpdir(), 'whatif-labels-run-')), 'run.json');
  // One run and one explanation, read by every case.
  const run = runCli('run', file, '--json', json).then((r) => ({ code: r.code, err: r.err, workloads: r.code === 0 ? JSON.parse(readFileSync(json, 'utf8')).run.workloads : {} }));
  const explained = runCli('explain', '--json', file).then((r) => ({ code: r.code, err: r.err, workloads: r.code === 0 ? JSON.parse(r.out).before.workloads : [] }));

  test.each(Object.keys(selectors))('run places every pod selecting the %s label', async (name) => {
    const r = await run;
    expect(r.code, r.err).toBe(0);
    expect(r.workloads[name].pending).toEqual({ podSeconds: 0, peak: 0 });
  });

  test.each(Object.keys(selectors))('explain finds the pool eligible for the %s selector', async (name) => {
    const r = await explained;
    expect(r.code, r.err).toBe(0);
    expect(r.workloads.find((x: { name: string }) => x.name === name).pools).toEqual(['plain']);
  });
});
