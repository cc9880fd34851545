import { describe, expect, test } from 'vitest';
import { loadText, scenario } from './load-text.js';
import { parseManifestText } from '../../../src/scenario/import/manifest-documents.js';

const importing = (file: string, workloads = '    - name: placeholder\n      resources: { requests: { cpu: 10m } }') =>
  scenario(`  imports:
    - manifests: manifests/hand-written/${file}
  workloads:
${workloads}
`);

describe('errors name the file, document, line and field', () => {
  test('a quantity that does not parse', () => {
    const r = loadText(importing('bad-quantity.yaml'));
    expect(r.ok).toBe(false);
    // bad-quantity.yaml line 10: `          resources: { requests: { cpu: lots } }`, "lots" at column 41.
    expect(!r.ok && r.problems[0]).toMatchObject({
      line: 10,
      column: 41,
      path: 'documents[0].spec.template.spec.containers[0].resources.requests.cpu',
      value: '"lots"',
    });
    expect(!r.ok && r.problems[0]!.message).toMatch(/^Deployment "web": not a Kubernetes quantity/);
  });

  test('a request above its limit is reported in the manifest, with where it went in the scenario', () => {
    const r = loadText(importing('request-over-limit.yaml'));
    expect(r.ok).toBe(false);
    // Line 11: `            requests: { cpu: "2" }`, the request value at column 30.
    expect(!r.ok && r.problems[0]).toMatchObject({
      line: 11,
      column: 30,
      path: 'documents[0].spec.template.spec.containers[0].resources.requests.cpu',
      message: 'request (2000m) must be <= limit (1000m)',
      hint: 'imported as spec.workloads[1].resources.requests.cpu',
    });
    expect(!r.ok && r.problems[0]!.file).toMatch(/request-over-limit.yaml$/);
  });

  test('a YAML syntax error names its document', () => {
    const r = loadText(importing('syntax-error.yaml'));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems[0]).toMatchObject({ path: 'documents[1]' });
    expect(!r.ok && r.problems[0]!.line).toBeGreaterThanOrEqual(7);
    expect(!r.ok && r.problems[0]!.message).toMatch(/^YAML syntax/);
  });

  test('a missing manifest file is reported at the scenario field', () => {
    const r = loadText(importing('nope.yaml'));
    expect(!r.ok && r.problems[0]).toMatchObject({ path: 'spec.imports[0].manifests', line: 9 });
  });
});

describe('manifests that cannot be used get a warning saying what was assumed', () => {
  test('an HPA pointing at a missing target is ignored, with a did-you-mean', () => {
    const r = loadText(importing('hpa-missing-target.yaml', '    - name: worker\n      resources: { requests: { cpu: 100m } }'));
    if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('; '));
    const w = r.warnings.find((p) => /scaleTargetRef/.test(p.message));
    // Line 6 holds scaleTargetRef.
    expect(w).toMatchObject({ line: 6, path: 'documents[0].spec.scaleTargetRef', hint: 'did you mean "worker"?' });
    expect(w!.message).toBe('HorizontalPodAutoscaler "worker": scaleTargetRef Deployment "wroker" is neither imported nor in spec.workloads: the HPA is ignored');
    expect(r.value.before.workloads[0]!.hpa).toBeNull();
  });

  test('an HPA whose target is defined in the scenario attaches to it', () => {
    const r = loadText(importing('hpa-missing-target.yaml', '    - name: wroker\n      resources: { requests: { cpu: 100m } }'));
    expect(r.ok && r.value.before.workloads[0]!.hpa).toMatchObject({ maxReplicas: 4 });
  });

  test('a CPU HPA on pods without CPU requests never scales: replicas stay as the Deployment says', () => {
    const r = loadText(importing('no-requests.yaml'));
    if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('; '));
    const worker = r.value.before.workloads.find((w) => w.name === 'worker')!;
    expect([worker.hpa, worker.replicas]).toEqual([null, 3]);
    const messages = r.warnings.map((p) => p.message);
    expect(messages).toContain('Deployment "worker": no container has resource requests: assumed 0 CPU and 0 memory (the scheduler packs such pods anywhere, and a Utilization HPA cannot compute a ratio)');
    expect(messages).toContain('HorizontalPodAutoscaler "worker": cpu Utilization needs a cpu request and the pods have none (FailedGetResourceMetric): metric ignored');
    expect(messages).toContain('HorizontalPodAutoscaler "worker": no usable metric left: the HPA never scales, so replicas are assumed fixed at 3');
  });
});

describe('parseManifestText', () => {
  test('documents keep their own line numbers; empty documents are skipped; Lists are unpacked', () => {
    const text = '# header\n---\nkind: A\nmetadata: { name: a }\n---\n---\nkind: List\nitems:\n  - kind: B\n    metadata: { name: b }\n  - 42\n';
    const { objects, problems } = parseManifestText('f.yaml', text);
    expect(objects.map((o) => [o.kind, o.name, o.docIndex, o.itemPath.join('.')])).toEqual([
      ['A', 'a', 0, ''],
      ['B', 'b', 2, 'items.0'],
    ]);
    expect(objects[1]!.source.locate(['items', 0, 'metadata', 'name'])).toEqual({ line: 10, column: 23 }); // '    metadata: { name: ' is 22 characters
    expect(problems).toMatchObject([{ line: 11, path: 'documents[2]', severity: 'warning' }]);
  });
});
