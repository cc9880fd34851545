import type { RunResult } from '../simulation/run-result.js';
import { parseAssertion, type Assertion } from './assertion.js';
import { clusterMetrics, readWorkloadMetric, workloadMetrics } from './metric-catalog.js';
import { pairedInterval } from './paired-interval.js';
import type { AssertionOutcome } from './comparison.js';
import { formatValue } from './format-value.js';

interface Pair {
  readonly before: RunResult;
  readonly after: RunResult;
}

/** Evaluates each assertion over the seed pairs; a text that does not parse fails with its reason. */
export function evaluateAssertions(texts: readonly string[], pairs: readonly Pair[], workloads: readonly string[], changed: readonly string[]): AssertionOutcome[] {
  return texts.map((text) => {
    const parsed = parseAssertion(text, workloads);
    if (!parsed.ok) return { text, pass: false, measured: null, threshold: NaN, unit: null, relative: false, message: `${parsed.message}${parsed.hint ? `; ${parsed.hint}` : ''}` };
    return evaluate(parsed.assertion, pairs, workloads, changed);
  });
}

/** The value an assertion looks at in one run (the worst member for unrelated/changed). */
export function readTarget(a: Assertion, run: RunResult, workloads: readonly string[], changed: readonly string[]): number | null {
  const t = a.target;
  if (t.kind === 'cluster') return clusterMetrics[t.metric]!.read(run);
  const metric = workloadMetrics[t.metric]!;
  const members = t.kind === 'workload' ? [t.workload] : t.kind === 'changed' ? changed : workloads.filter((w) => !changed.includes(w));
  let worst: number | null = null;
  for (const name of members) {
    const v = readWorkloadMetric(metric, run, name);
    if (v !== null && (worst === null || v > worst)) worst = v;
  }
  return worst;
}

function evaluate(a: Assertion, pairs: readonly Pair[], workloads: readonly string[], changed: readonly string[]): AssertionOutcome {
  const values: number[] = [];
  let beforeSum = 0;
  for (const p of pairs) {
    const after = readTarget(a, p.after, workloads, changed);
    const before = readTarget(a, p.before, workloads, changed);
    if (after === null || (a.delta && before === null)) continue;
    values.push(a.delta ? after - before! : after);
    beforeSum += before ?? 0;
  }
  const threshold = a.threshold;
  const unit = a.unit;
  const relative = a.relative;
  if (values.length === 0) return { text: a.text, pass: false, measured: null, threshold, unit, relative, message: `${a.text}: no data (the metric has no value in this run)` };
  let scale = 1;
  if (a.relative) {
    const beforeMean = beforeSum / values.length;
    if (beforeMean === 0) return { text: a.text, pass: false, measured: null, threshold, unit, relative, message: `${a.text}: the before value is 0, a relative change is undefined` };
    scale = 1 / beforeMean;
  }
  // A plain value's interval is a one-sample t interval; a delta's is the paired one (same formula on the differences).
  const interval = pairedInterval(values, a.confidence ?? 0.95);
  const upperBound = a.op === '<=' || a.op === '<';
  const raw = a.confidence === null ? interval.mean : upperBound ? interval.high : interval.low;
  const measured = raw * scale;
  const pass = compare(measured, a.op, threshold);
  const shown = (v: number) => (a.relative ? `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)}%` : formatValue(v, a.unit, a.delta));
  const basis = a.confidence === null ? (pairs.length > 1 ? `mean of ${values.length} seeds` : 'one seed') : `${upperBound ? 'upper' : 'lower'} bound of the ${Math.round(a.confidence * 100)}% interval`;
  const message = `${a.text}: measured ${shown(measured)} (${basis}) ${pass ? 'within' : 'violates'} ${a.op} ${shown(threshold)}`;
  return { text: a.text, pass, measured, threshold, unit, relative, message };
}

function compare(v: number, op: Assertion['op'], t: number): boolean {
  switch (op) {
    case '<=':
      return v <= t;
    case '<':
      return v < t;
    case '>=':
      return v >= t;
    case '>':
      return v > t;
    case '==':
      return Math.abs(v - t) <= 1e-9 * Math.max(1, Math.abs(t));
  }
}
