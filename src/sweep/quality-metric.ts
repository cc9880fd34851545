import { parseAssertion } from '../report/assertion.js';
import { readTarget } from '../report/evaluate-assertions.js';
import type { MetricUnit } from '../report/metric-catalog.js';
import { asRunResult } from './run-summary.js';
import type { RunSummary } from './types.js';

/** A metric read from a point's run (and its seed's baseline, for `.delta`); lower is better. */
export interface QualityMetric {
  readonly name: string;
  readonly unit: MetricUnit;
  read(after: RunSummary, before: RunSummary): number | null;
}

/**
 * A quality metric by the names policies use (`unrelated.throttledRatio.p95`,
 * `workload(checkout).latency.p99`, `nodes.peak`, with `.delta` for after minus before); the
 * worst member counts for `unrelated` and `changed`, as in policies.
 */
export function parseQualityMetric(
  name: string,
  workloads: readonly string[],
  changed: readonly string[],
): { ok: true; metric: QualityMetric } | { ok: false; message: string; hint?: string } {
  // The policy parser knows every metric name; the comparison is a placeholder.
  const parsed = parseAssertion(`${name} <= 0`, workloads);
  if (!parsed.ok) return { ok: false, message: `quality metric: ${parsed.message}`, ...(parsed.hint ? { hint: parsed.hint } : {}) };
  const a = parsed.assertion;
  return {
    ok: true,
    metric: {
      name,
      unit: a.unit,
      read(after, before) {
        const value = readTarget(a, asRunResult(after), workloads, changed);
        if (!a.delta || value === null) return value;
        const base = readTarget(a, asRunResult(before), workloads, changed);
        return base === null ? null : value - base;
      },
    },
  };
}
