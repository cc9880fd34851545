import { describe, expect, test } from 'vitest';
import { clusterAutoscalerOptionsFrom } from '../../src/scenario/cluster-autoscaler-flags.js';
import { nodeAutoscalerSchema } from '../../src/scenario/schema/cluster.js';
import { clusterAutoscalerDefaults } from '../../src/models/node-autoscaler/defaults.js';

describe('Cluster Autoscaler flags from the scenario', () => {
  test('a written flag sets its option by name: durations to ms, ...Sec to ms, renamed flags, the rest defaults', () => {
    const o = clusterAutoscalerOptionsFrom({ scanInterval: '30s', scaleDownUnneededTime: '5m', maxGracefulTerminationSec: 60, maxEmptyBulkDelete: 5, expander: 'price', balanceSimilarNodeGroups: true, scaleDownUtilizationThreshold: 0.6 });
    expect(o.scanIntervalMs).toBe(30_000);
    expect(o.scaleDownUnneededTimeMs).toBe(300_000);
    expect(o.maxGracefulTerminationMs).toBe(60_000);
    expect(o.maxScaleDownParallelism).toBe(5);
    expect(o.expanders).toEqual(['price']);
    expect(o.balanceSimilarNodeGroups).toBe(true);
    expect(o.scaleDownUtilizationThreshold).toBe(0.6);
    // Not written: the upstream default.
    expect(o.scaleDownDelayAfterAddMs).toBe(clusterAutoscalerDefaults.scaleDownDelayAfterAddMs);
  });

  test('every field of the nodeAutoscaler schema is a Cluster Autoscaler option or a known non-flag', () => {
    // A sample value of the right kind for each field; the mapping throws on a field it cannot place.
    const sample: Record<string, unknown> = {};
    for (const key of Object.keys(nodeAutoscalerSchema.shape)) {
      const probe = ['1s', 1, true, 'least-waste', {}, 0.5].find((v) => nodeAutoscalerSchema.shape[key as keyof typeof nodeAutoscalerSchema.shape].safeParse(v).success);
      sample[key] = probe;
    }
    expect(() => clusterAutoscalerOptionsFrom(sample as never)).not.toThrow();
  });
});
