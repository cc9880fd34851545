import { describe, expect, test } from 'vitest';
import { diffConfigs } from '../../src/scenario/config-diff.js';

describe('diffConfigs', () => {
  test('named list items are matched by name, leaves compared', () => {
    const before = { workloads: [{ name: 'a', hpa: { maxReplicas: 10 } }, { name: 'b', replicas: 2 }] };
    const after = { workloads: [{ name: 'b', replicas: 2 }, { name: 'a', hpa: { maxReplicas: 30 } }] };
    expect(diffConfigs(before, after)).toEqual([{ path: 'workloads.a.hpa.maxReplicas', before: 10, after: 30 }]);
  });

  test('an HPA that appears is listed once per field, without null -> null noise', () => {
    const before = { workloads: [{ name: 'a', hpa: null }] };
    const after = { workloads: [{ name: 'a', hpa: { maxReplicas: 5 } }] };
    expect(diffConfigs(before, after)).toEqual([{ path: 'workloads.a.hpa.maxReplicas', before: null, after: 5 }]);
  });
});
