import { describe, expect, test } from 'vitest';
import { loadScenario } from '../../src/scenario/load-scenario.js';
import { formatProblem } from '../../src/scenario/problem.js';
import { files } from './one-workload.js';

const base = `apiVersion: kube-whatif/v1
kind: Scenario
metadata:
  name: demo
spec:
  duration: 2h
  cluster:
    nodePools:
      - name: shared
        machineType: e2-standard-4
        minNodes: 1
        maxNodes: 4
  workloads:
    - name: api
      resources:
        requests: { cpu: 250m, memory: 256Mi }
        limits: { cpu: "1" }
      hpa:
        maxReplicas: 5
      load: { type: constant, rps: 10 }
      cpuPerRequest: 20ms
      workerThreads: 4
`;

describe('loading a valid scenario', () => {
  test('quantities and durations are resolved as Kubernetes reads them', () => {
    const r = loadScenario('s.yaml', { readText: files({ 's.yaml': base }) });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const w = r.value.before.workloads[0]!;
    expect(w.requests).toEqual({ cpuMilli: 250, memoryBytes: 256 * 1024 * 1024 });
    // No memory limit written: null, not 0.
    expect(w.limits).toEqual({ cpuMilli: 1000, memoryBytes: null });
    expect(r.value.before.durationMs).toBe(2 * 3600 * 1000);
    expect(w.cpuPerRequestMs).toBe(20);
    // HPA API defaulting: minReplicas 1, CPU 80 % when no metrics are written.
    expect(w.hpa?.minReplicas).toBe(1);
    expect(w.hpa?.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }]);
    expect(r.value.after).toBeNull();
  });

  test('a CPU cost per request below a millisecond keeps its fraction', () => {
    const r = loadScenario('s.yaml', { readText: files({ 's.yaml': base.replace('cpuPerRequest: 20ms', 'cpuPerRequest: 0.3ms') }) });
    expect(r.ok && r.value.before.workloads[0]!.cpuPerRequestMs).toBeCloseTo(0.3, 12);
  });

  test('a limit without a request defaults the request to the limit (API defaulting)', () => {
    const text = base.replace('requests: { cpu: 250m, memory: 256Mi }\n        limits: { cpu: "1" }', 'limits: { cpu: 500m, memory: 512Mi }');
    const r = loadScenario('s.yaml', { readText: files({ 's.yaml': text }) });
    expect(r.ok && r.value.before.workloads[0]!.requests).toEqual({ cpuMilli: 500, memoryBytes: 512 * 1024 * 1024 });
  });

  test('a change patch merges workloads by name and lists the changed fields', () => {
    const text = `${base}  change:
    patch:
      workloads:
        - name: api
          hpa: { maxReplicas: 15 }
          resources: { requests: { cpu: 500m } }
`;
    const r = loadScenario('s.yaml', { readText: files({ 's.yaml': text }) });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.after!.workloads[0]!.hpa!.maxReplicas).toBe(15);
    expect(r.value.after!.workloads[0]!.requests.cpuMilli).toBe(500);
    // Memory request untouched by the patch.
    expect(r.value.after!.workloads[0]!.requests.memoryBytes).toBe(256 * 1024 * 1024);
    expect(r.value.change.fields.map((f) => f.path).sort()).toEqual(['workloads.api.hpa.maxReplicas', 'workloads.api.requests.cpuMilli']);
  });
});

describe('problems', () => {
  function problems(text: string): string[] {
    const r = loadScenario('s.yaml', { readText: files({ 's.yaml': text }) });
    if (r.ok) throw new Error('expected problems');
    return r.problems.map(formatProblem);
  }

  test('a misspelt field gets its line, column, path and a did-you-mean', () => {
    const out = problems(base.replace('maxReplicas: 5', 'maxReplica: 5'));
    // "maxReplica" is on line 19, indented 8 spaces: column 9.
    expect(out).toEqual([expect.stringMatching(/^s\.yaml:19:9: error: spec\.workloads\[0\]\.hpa\.maxReplica: unknown field "maxReplica".*did you mean "maxReplicas"\?$/)]);
  });

  test('every problem is reported at once, in file order', () => {
    const text = base.replace('duration: 2h', 'duration: 2x').replace('cpu: 250m', 'cpu: 250q').replace('type: constant', 'type: constnt');
    const out = problems(text);
    expect(out).toHaveLength(3);
    expect(out[0]).toMatch(/^s\.yaml:6:13: error: spec\.duration: .*got "2x"/);
    expect(out[1]).toMatch(/^s\.yaml:16:26: error: spec\.workloads\[0\]\.resources\.requests\.cpu: not a Kubernetes quantity/);
    expect(out[2]).toMatch(/^s\.yaml:20:21: error: spec\.workloads\[0\]\.load\.type: value not allowed \(got "constnt".*did you mean "constant"\?/);
  });

  test('a wrong value inside the change patch points into the patch', () => {
    const text = `${base}  change:
    patch:
      workloads:
        - name: api
          hpa: { maxReplicas: thirty }
`;
    expect(problems(text)).toEqual([expect.stringMatching(/^s\.yaml:27:31: error: spec\.workloads\[0\]\.hpa\.maxReplicas: expected a number \(got "thirty"\)/)]);
  });

  test('an unknown machine type is named with the closest known one', () => {
    expect(problems(base.replace('e2-standard-4', 'e2-standrd-4'))).toEqual([
      expect.stringMatching(/^s\.yaml:10:22: error: spec\.cluster\.nodePools\[0\]\.machineType: unknown machine type "e2-standrd-4".*did you mean "e2-standard-4"\?/),
    ]);
  });

  test('minReplicas above maxReplicas is caught after the change too', () => {
    const text = `${base.replace('maxReplicas: 5', 'minReplicas: 3\n        maxReplicas: 5')}  change:
    patch:
      workloads:
        - name: api
          hpa: { maxReplicas: 2 }
`;
    expect(problems(text)).toEqual([expect.stringMatching(/spec\.workloads\[0\]\.hpa\.minReplicas: after the change: minReplicas \(3\) is greater than maxReplicas \(2\)/)]);
  });

  test('YAML syntax errors carry their position', () => {
    expect(problems('apiVersion: kube-whatif/v1\nkind: [Scenario\n')[0]).toMatch(/^s\.yaml:\d+:\d+: error: YAML syntax/);
  });

  test('a missing file is a problem, not an exception', () => {
    const r = loadScenario('nope.yaml', { readText: files({}) });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(formatProblem(r.problems[0]!)).toMatch(/^nope\.yaml: error: cannot read file/);
  });
});

describe('a second file as the after configuration', () => {
  test('change.file loads the after config from a scenario file beside it', () => {
    const after = base.replace('maxReplicas: 5', 'maxReplicas: 9');
    const text = `${base}  change:\n    file: after.yaml\n`;
    const r = loadScenario('dir/s.yaml', { readText: files({ 'dir/s.yaml': text, [`${process.cwd()}/dir/after.yaml`]: after }) });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.after!.workloads[0]!.hpa!.maxReplicas).toBe(9);
    expect(r.value.change.fields).toEqual([{ path: 'workloads.api.hpa.maxReplicas', before: 5, after: 9 }]);
  });

  test('problems in the after file carry that file name', () => {
    const after = base.replace('maxReplicas: 5', 'maxReplicas: -1');
    const text = `${base}  change:\n    file: after.yaml\n`;
    const r = loadScenario('dir/s.yaml', { readText: files({ 'dir/s.yaml': text, [`${process.cwd()}/dir/after.yaml`]: after }) });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(formatProblem(r.problems[0]!)).toMatch(/dir\/after\.yaml:19:22: error: spec\.workloads\[0\]\.hpa\.maxReplicas: must be >= 1 \(got -1\)/);
  });
});
