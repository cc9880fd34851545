/**
 * Predicted vs measured node-case results: per container and metric, both values, the error, and
 * whether it is inside the calibration tolerance.
 */
import type { NodeCaseContainerResult, NodeCaseResult } from '../../src/models/cpu/node-case.js';

/** Calibration tolerances (the acceptance bar). */
export const tolerances = {
  /** cores_used: 3 % relative, or 0.03 cores absolute for small values. */
  coresRelative: 0.03,
  coresAbsolute: 0.03,
  /** throttled_ratio: 5 percentage points. */
  throttledRatioPoints: 0.05,
  /** latency p99: 25 % relative. */
  p99Relative: 0.25,
} as const;

/** One compared number. */
export interface MetricComparison {
  readonly container: string;
  readonly metric: 'cores_used' | 'throttled_ratio' | 'throttled_s' | 'p50_ms' | 'p90_ms' | 'p99_ms';
  readonly predicted: number | null;
  readonly measured: number | null;
  /** Relative error (predicted/measured − 1), or absolute difference for throttled_ratio. */
  readonly error: number | null;
  /** Whether the metric is checked against a tolerance, and the verdict. */
  readonly checked: boolean;
  readonly ok: boolean;
}

/** Comparison of one case. */
export interface CaseComparison {
  readonly name: string;
  readonly metrics: readonly MetricComparison[];
  readonly ok: boolean;
}

const rel = (p: number, m: number): number => (m === 0 ? (p === 0 ? 0 : Infinity) : p / m - 1);

function containerMetrics(p: NodeCaseContainerResult, m: NodeCaseContainerResult): MetricComparison[] {
  const out: MetricComparison[] = [];
  const coresOk = Math.abs(p.cores_used - m.cores_used) <= Math.max(tolerances.coresAbsolute, tolerances.coresRelative * m.cores_used);
  out.push({ container: p.name, metric: 'cores_used', predicted: p.cores_used, measured: m.cores_used, error: rel(p.cores_used, m.cores_used), checked: true, ok: coresOk });
  if (p.throttled_ratio !== null || m.throttled_ratio !== null) {
    const err = p.throttled_ratio !== null && m.throttled_ratio !== null ? p.throttled_ratio - m.throttled_ratio : null;
    out.push({ container: p.name, metric: 'throttled_ratio', predicted: p.throttled_ratio, measured: m.throttled_ratio, error: err, checked: true, ok: err !== null && Math.abs(err) <= tolerances.throttledRatioPoints });
    out.push({ container: p.name, metric: 'throttled_s', predicted: p.throttled_s, measured: m.throttled_s, error: rel(p.throttled_s, m.throttled_s), checked: false, ok: true });
  }
  if (p.latency_ms && m.latency_ms) {
    for (const q of ['p50', 'p90', 'p99'] as const) {
      const e = rel(p.latency_ms[q], m.latency_ms[q]);
      const checked = q === 'p99';
      out.push({ container: p.name, metric: `${q}_ms`, predicted: p.latency_ms[q], measured: m.latency_ms[q], error: e, checked, ok: !checked || Math.abs(e) <= tolerances.p99Relative });
    }
  }
  return out;
}

/** Compares a prediction with a real run of the same case. */
export function compareNodeCase(predicted: NodeCaseResult, measured: NodeCaseResult): CaseComparison {
  const metrics = predicted.containers.flatMap((p, i) => containerMetrics(p, measured.containers[i]!));
  return { name: predicted.name, metrics, ok: metrics.every((m) => m.ok) };
}

const fmt = (v: number | null): string => (v === null ? '-' : Math.abs(v) >= 100 ? v.toFixed(1) : v.toFixed(3));
const fmtErr = (m: MetricComparison): string =>
  m.error === null ? '-' : m.metric === 'throttled_ratio' ? `${(m.error * 100).toFixed(1)} pt` : !Number.isFinite(m.error) ? 'inf' : `${(m.error * 100).toFixed(1)} %`;

/** Markdown table of a comparison (fits 100 columns). */
export function renderComparison(c: CaseComparison): string {
  const lines = [`### ${c.name} — ${c.ok ? 'within tolerance' : 'OUTSIDE tolerance'}`, '', '| container | metric | model | kernel | error | check |', '| --- | --- | ---: | ---: | ---: | --- |'];
  for (const m of c.metrics) lines.push(`| ${m.container} | ${m.metric} | ${fmt(m.predicted)} | ${fmt(m.measured)} | ${fmtErr(m)} | ${m.checked ? (m.ok ? 'ok' : 'MISS') : ''} |`);
  return lines.join('\n');
}
