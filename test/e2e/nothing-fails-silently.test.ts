import { describe, expect, test } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli.js';

const scenario = (change: string, pools = '[{ name: shared, machineType: e2-standard-4, minNodes: 1, maxNodes: 2 }]') => `apiVersion: kube-whatif/v1
kind: Scenario
metadata: { name: silent }
spec:
  duration: 1h
  seeds: 2
  cluster:
    provider: gke
    nodePools: ${pools}
  workloads:
    - { name: api, replicas: 2, resources: { requests: { cpu: 200m, memory: 256Mi } }, load: { type: constant, rps: 50 }, cpuPerRequest: 5ms, workerThreads: 4, slo: { latency: 200ms } }
    - { name: web, replicas: 2, resources: { requests: { cpu: 200m, memory: 256Mi } }, load: { type: constant, rps: 50 }, cpuPerRequest: 5ms, workerThreads: 4, slo: { latency: 200ms } }
${change}`;

async function compare(text: string, ...formats: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'whatif-silent-'));
  writeFileSync(join(dir, 's.yaml'), text);
  const files = { json: join(dir, 'r.json'), md: join(dir, 'r.md'), xml: join(dir, 'r.xml') };
  const r = await runCli('compare', join(dir, 's.yaml'), '--json', files.json, ...(formats.includes('md') ? ['--markdown', files.md] : []), ...(formats.includes('xml') ? ['--junit', files.xml] : []));
  if (r.code === 2) throw new Error(r.err);
  return { ...r, json: JSON.parse(readFileSync(files.json, 'utf8')), read: (k: 'md' | 'xml') => readFileSync(files[k], 'utf8') };
}

describe('nothing fails silently', () => {
  test('a change whose pods can never schedule: warnings everywhere, SLO minutes count the failed requests, the verdict fails', async () => {
    const r = await compare(
      scenario(`  change:
    patch:
      workloads:
        - { name: api, nodeSelector: { kubernetes.io/os: windows } }
  assert:
    - "workload(api).slo.violationMinutes <= 0"
`),
      'md',
      'xml',
    );
    expect(r.code).toBe(1);
    expect(r.json.verdict).toBe('fail');
    const kinds = r.json.warnings.after.filter((w: { workload: string }) => w.workload === 'api').map((w: { kind: string }) => w.kind);
    expect(kinds).toEqual(['pods-pending', 'no-ready-pod', 'requests-dropped']);
    const pending = r.json.warnings.after[0];
    // Pending from the first instant to the end of the hour, in both seeds.
    expect(pending).toMatchObject({ workload: 'api', fromMs: 0, toMs: 3_600_000, seeds: [1, 2] });
    expect(pending.cause).toMatch(/didn't match Pod's node affinity\/selector/);
    expect(r.json.warnings.after.some((w: { kind: string }) => w.kind === 'scale-up-blocked')).toBe(true);
    expect(r.json.warnings.before).toEqual([]);
    // No ready pod for the whole hour: every minute violates the SLO (60 of 60), not 0 minutes.
    const slo = r.json.assertions.find((a: { text: string }) => a.text.startsWith('workload(api)'));
    expect(slo.pass).toBe(false);
    expect(slo.measured).toBeCloseTo(60, 6);
    const serves = r.json.assertions.find((a: { text: string }) => a.text.startsWith('the after configuration serves its load'));
    expect(serves).toMatchObject({ pass: false, measured: 1 });
    expect(r.out).toMatch(/Warnings/);
    expect(r.out).toMatch(/after: api: up to 2 pod\(s\) Pending from 0s to 1h \(still Pending at the end\)/);
    expect(r.read('md')).toMatch(/⚠️ Warnings[\s\S]*after: api: no ready pod from 0s to 1h/);
    expect(r.read('xml')).toMatch(/<system-err>Warnings:\nafter: api: up to 2 pod/);
  });

  test('a pool whose taint no workload tolerates is reported with what it costs', async () => {
    const r = await compare(
      scenario(
        `  change:
    patch:
      workloads:
        - { name: api, replicas: 3 }
`,
        `
      - { name: shared, machineType: e2-standard-4, minNodes: 1, maxNodes: 2 }
      - { name: gpu, machineType: e2-standard-4, minNodes: 1, maxNodes: 1, taints: [{ key: nvidia.com/gpu, effect: NoSchedule }] }`,
      ),
    );
    const unused = r.json.warnings.after.find((w: { kind: string }) => w.kind === 'pool-unused');
    expect(unused).toMatchObject({ pool: 'gpu', fromMs: 0, toMs: 3_600_000 });
    // One e2-standard-4 for one hour at the price table's $0.13402/h.
    expect(unused.message).toMatch(/its 1 node\(s\) cost \$0\.13 over the run/);
  });
});
