import { didYouMean } from '../scenario/did-you-mean.js';
import { clusterMetrics, knownMetricNames, workloadMetrics, type MetricUnit } from './metric-catalog.js';

/** A parsed policy such as `cost.monthly.delta <= 20% with 95% confidence`. */
export interface Assertion {
  readonly text: string;
  /** What is measured: a cluster metric, or a workload metric over one, the unrelated or the changed workloads. */
  readonly target:
    | { readonly kind: 'cluster'; readonly metric: string }
    | { readonly kind: 'workload'; readonly workload: string; readonly metric: string }
    | { readonly kind: 'unrelated' | 'changed'; readonly metric: string };
  /** `.delta`: after minus before (relative when the threshold is a percentage of a non-ratio metric). */
  readonly delta: boolean;
  readonly relative: boolean;
  readonly op: '<=' | '<' | '>=' | '>' | '==';
  /** Threshold in the metric's own unit (ratio as a fraction, latency in ms, cost in USD); relative deltas as a fraction. */
  readonly threshold: number;
  readonly unit: MetricUnit;
  /** With confidence: the bound of the interval that must satisfy the threshold (0.95); null = the mean. */
  readonly confidence: number | null;
}

export type ParsedAssertion = { ok: true; assertion: Assertion } | { ok: false; message: string; hint?: string };

const GRAMMAR = /^\s*([A-Za-z][\w.()-]*?)\s*(<=|>=|==|<|>)\s*(\$?-?[\d.]+)\s*(%|ms|s|m|min|h|\$|cores?)?\s*(?:with\s+([\d.]+)%\s+confidence)?\s*$/;

/** Parses one assertion; `workloads` are the names a `workload(...)` may refer to. */
export function parseAssertion(text: string, workloads: readonly string[]): ParsedAssertion {
  const m = GRAMMAR.exec(text);
  if (!m) {
    return { ok: false, message: 'expected "<metric> <op> <value>[unit] [with N% confidence]", e.g. "cost.monthly.delta <= 20%"' };
  }
  const [, lhs, op, rawValue, unitText, conf] = m as unknown as [string, string, Assertion['op'], string, string | undefined, string | undefined];
  let path = lhs;
  let delta = false;
  if (path.endsWith('.delta')) {
    delta = true;
    path = path.slice(0, -'.delta'.length);
  }
  let target: Assertion['target'] | null = null;
  let unit: MetricUnit | null = null;
  const wm = /^workload\(([^)]+)\)\.(.+)$/.exec(path);
  const group = /^(unrelated|changed)\.(.+)$/.exec(path);
  if (clusterMetrics[path]) {
    target = { kind: 'cluster', metric: path };
    unit = clusterMetrics[path]!.unit;
  } else if (wm && workloadMetrics[wm[2]!]) {
    if (!workloads.includes(wm[1]!)) {
      const s = didYouMean(wm[1]!, workloads);
      return { ok: false, message: `unknown workload "${wm[1]}"`, hint: s ? `did you mean "${s}"?` : `workloads: ${workloads.join(', ')}` };
    }
    target = { kind: 'workload', workload: wm[1]!, metric: wm[2]! };
    unit = workloadMetrics[wm[2]!]!.unit;
  } else if (group && workloadMetrics[group[2]!]) {
    target = { kind: group[1] as 'unrelated' | 'changed', metric: group[2]! };
    unit = workloadMetrics[group[2]!]!.unit;
  }
  if (!target || !unit) {
    const s = didYouMean(path, knownMetricNames(workloads));
    return { ok: false, message: `unknown metric "${path}"`, hint: s ? `did you mean "${s}${delta ? '.delta' : ''}"?` : 'see the metric list in README' };
  }
  const value = Number(rawValue.replace('$', ''));
  if (!Number.isFinite(value)) return { ok: false, message: `"${rawValue}" is not a number` };
  let threshold = value;
  let relative = false;
  const u = unitText ?? (rawValue.startsWith('$') ? '$' : undefined);
  if (u === '%') {
    if (delta && unit !== 'ratio') relative = true;
    else if (unit !== 'ratio') return { ok: false, message: `a percentage does not fit metric "${path}" (measured in ${unit}); use .delta for a relative change` };
    threshold = value / 100;
  } else if (u === 'ms' || u === 's') {
    if (unit !== 'ms') return { ok: false, message: `a time unit does not fit metric "${path}" (measured in ${unit})` };
    threshold = u === 's' ? value * 1000 : value;
  } else if (u === 'm' || u === 'min' || u === 'h') {
    if (unit !== 'minutes' && unit !== 'ms') return { ok: false, message: `a duration does not fit metric "${path}" (measured in ${unit})` };
    const minutes = u === 'h' ? value * 60 : value;
    threshold = unit === 'ms' ? minutes * 60_000 : minutes;
  } else if (u === '$') {
    if (unit !== 'usd') return { ok: false, message: `a dollar amount does not fit metric "${path}" (measured in ${unit})` };
  } else if (u === 'core' || u === 'cores') {
    if (unit !== 'cores') return { ok: false, message: `cores do not fit metric "${path}" (measured in ${unit})` };
  } else if (unit === 'ratio' && value > 1) {
    return { ok: false, message: `"${path}" is a ratio: write the threshold as a percentage, e.g. "5%"` };
  }
  const confidence = conf !== undefined ? Number(conf) / 100 : null;
  if (confidence !== null && !(confidence > 0.5 && confidence < 1)) return { ok: false, message: 'confidence must be between 50% and 100%' };
  return { ok: true, assertion: { text: text.trim(), target, delta, relative, op, threshold, unit, confidence } };
}
