/**
 * Upstream vectors (test/fixtures/hpa-vectors.json, docs/models/hpa.md#measured-accuracy): one test per vector, named after the upstream
 * test. Expectations are the file's, i.e. the numbers asserted by the Kubernetes unit tests.
 * Set HPA_VECTORS to run another copy of the file.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { loadHpaVectors, observeVector, type HpaVector } from './vector-adapter.js';

const vectorsPath = process.env.HPA_VECTORS ?? fileURLToPath(new URL('../../fixtures/hpa-vectors.json', import.meta.url));
const vectors = loadHpaVectors(vectorsPath);

/**
 * Why each `uncertain` vector is still asserted (none is skipped):
 * - TestScaleUpFromZero*: the model follows the released rule (current 0 with minReplicas 0
 *   still computes metrics); recent master would also need an HPA-owned ScaledToZero condition.
 * - TestScalingWithRules/scaleDownLimit ...: the upstream table skips the row (testThis); the
 *   expectation follows from §6.3 by hand: 1000 − 20 (Pods 20 / 60 s) = 980 > min 3 → ScaleDownLimit.
 */
const UNCERTAIN_RATIONALE: Readonly<Record<string, string>> = {
  TestScaleUpFromZeroCMObject: 'released zero-replica rule',
  TestScaleUpFromZeroIgnoresToleranceCMObject: 'released zero-replica rule',
  'TestScalingWithRules/scaleDownLimit is the limit because scaleDownLimit > minReplicas with user defined policies':
    'hand-derived 980',
};

const byLevel = new Map<string, HpaVector[]>();
for (const vector of vectors) byLevel.set(vector.level, [...(byLevel.get(vector.level) ?? []), vector]);

// The `sequence` level (e2e multi-sync stories) runs through the full engine, HPA + pods + load,
// in test/simulation/hpa-sequence.test.ts, which reads the same file (and HPA_VECTORS).
const modelLevels = [...byLevel.keys()].filter((level) => level !== 'sequence');

describe.each(modelLevels)('%s vectors', (level) => {
  const rows = byLevel.get(level) ?? [];
  test.each(rows.map((vector) => [vector.name, vector] as const))('%s', (_name, vector) => {
    if (vector.uncertain === true) expect(UNCERTAIN_RATIONALE[vector.name], 'uncertain vector needs a rationale').toBeDefined();
    expect(observeVector(vector)).toEqual(vector.expect);
  });
});
