import { describe, expect, test } from 'vitest';
import { parsePath, pathToPatch, pathsToPatches } from '../../src/sweep/path-to-patch.js';
import { strategicMerge } from '../../src/scenario/strategic-merge.js';

/** A written spec in the shape of the fixtures: named workloads and node pools, an unnamed metrics list. */
const spec = {
  duration: '2h',
  cluster: { nodePools: [{ name: 'shared', machineType: 'e2-standard-4', minNodes: 1, maxNodes: 6 }] },
  workloads: [
    {
      name: 'api',
      replicas: 2,
      hpa: {
        minReplicas: 2,
        maxReplicas: 4,
        metrics: [
          { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } },
          { type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 70 } } },
        ],
      },
    },
    { name: 'payments.v2', replicas: 3 },
    { name: 'web', replicas: 2, resources: { requests: { cpu: '300m' } } },
  ],
};

describe('parsePath', () => {
  test.each([
    { path: 'workloads.payments.hpa.maxReplicas', segments: ['workloads', 'payments', 'hpa', 'maxReplicas'] },
    { path: 'workloads[payments.v2].replicas', segments: ['workloads', 'payments.v2', 'replicas'] },
    { path: 'duration', segments: ['duration'] },
    { path: 'a..b', segments: null },
    { path: '.a', segments: null },
    { path: 'a.', segments: null },
    { path: '', segments: null },
    { path: 'a[b', segments: null },
  ])('$path', ({ path, segments }) => {
    expect(parsePath(path)).toEqual(segments);
  });
});

describe('pathToPatch', () => {
  test('a workload field is patched by name, which strategicMerge merges into that workload only', () => {
    const r = pathToPatch('workloads.api.hpa.maxReplicas', 20, spec);
    expect(r).toEqual({ ok: true, patch: { workloads: [{ name: 'api', hpa: { maxReplicas: 20 } }] } });
    const merged = strategicMerge(spec, r.ok ? r.patch : {}) as typeof spec;
    expect(merged.workloads[0]!.hpa!.maxReplicas).toBe(20);
    // The rest of api's HPA and the other workloads are untouched.
    expect(merged.workloads[0]!.hpa!.minReplicas).toBe(2);
    expect(merged.workloads[0]!.hpa!.metrics).toEqual(spec.workloads[0]!.hpa!.metrics);
    expect(merged.workloads.slice(1)).toEqual(spec.workloads.slice(1));
  });

  test('a node pool field is patched by pool name', () => {
    expect(pathToPatch('cluster.nodePools.shared.maxNodes', 9, spec)).toEqual({ ok: true, patch: { cluster: { nodePools: [{ name: 'shared', maxNodes: 9 }] } } });
  });

  test.each([
    { name: 'in brackets', path: 'workloads[payments.v2].replicas' },
    { name: 'written with dots', path: 'workloads.payments.v2.replicas' },
  ])('a name with a dot, $name', ({ path }) => {
    expect(pathToPatch(path, 5, spec)).toEqual({ ok: true, patch: { workloads: [{ name: 'payments.v2', replicas: 5 }] } });
  });

  test('a field the workload does not write yet is created', () => {
    expect(pathToPatch('workloads.web.resources.limits.cpu', '1', spec)).toEqual({ ok: true, patch: { workloads: [{ name: 'web', resources: { limits: { cpu: '1' } } }] } });
  });

  test('an item of a list without names is changed in a copy of the whole list (strategic merge replaces such lists)', () => {
    const r = pathToPatch('workloads.api.hpa.metrics.0.resource.target.averageUtilization', 60, spec);
    expect(r.ok).toBe(true);
    const merged = strategicMerge(spec, r.ok ? r.patch : {}) as typeof spec;
    const metrics = merged.workloads[0]!.hpa!.metrics;
    expect(metrics[0]!.resource.target.averageUtilization).toBe(60);
    // The memory metric survives the replacement of the list.
    expect(metrics[1]).toEqual(spec.workloads[0]!.hpa!.metrics[1]);
    expect(metrics).toHaveLength(2);
  });

  test('two paths into the same unnamed list keep both changes', () => {
    const r = pathsToPatches(
      { 'workloads.api.hpa.metrics.0.resource.target.averageUtilization': 60, 'workloads.api.hpa.metrics.1.resource.target.averageUtilization': 50 },
      spec,
    );
    expect(r.ok).toBe(true);
    const merged = (r.ok ? r.patches : []).reduce<unknown>((acc, p) => strategicMerge(acc, p), spec) as typeof spec;
    expect(merged.workloads[0]!.hpa!.metrics.map((m) => m.resource.target.averageUtilization)).toEqual([60, 50]);
  });

  test.each([
    { name: 'a misspelt workload, with a did-you-mean', path: 'workloads.apu.replicas', message: /no item named "apu"/, hint: /did you mean "api"/ },
    { name: 'a whole list item', path: 'workloads.api', message: /whole list item/, hint: undefined },
    { name: 'an index beyond an unnamed list', path: 'workloads.api.hpa.metrics.5.type', message: /list of 2 item/, hint: undefined },
    { name: 'a field under a scalar', path: 'duration.hours', message: /is a value \("2h"\)/, hint: undefined },
    { name: 'not a path', path: 'workloads..api', message: /not a field path/, hint: undefined },
  ])('$name is refused', ({ path, message, hint }) => {
    const r = pathToPatch(path, 1, spec);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toMatch(message);
      if (hint) expect(r.hint).toMatch(hint);
    }
  });
});
