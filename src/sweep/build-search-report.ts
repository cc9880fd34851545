import type { SearchRequest, SearchRun } from './run-search.js';
import type { ThresholdReason } from './search-threshold.js';
import type { AssertionCell } from './types.js';

/** One evaluated value of a threshold search. */
export interface SearchValueRow {
  readonly value: number;
  /** As patched into the scenario (with the suffix). */
  readonly written: number | string;
  readonly status: 'ok' | 'error';
  readonly pass: boolean;
  readonly costMonthlyUsd: number | null;
  readonly costDelta: number | null;
  readonly nodesPeak: number | null;
  readonly quality: number | null;
  readonly assertions: readonly AssertionCell[];
}

/** The JSON `whatif search --json` writes. */
export interface SearchReport {
  readonly schemaVersion: number;
  readonly kind: 'SearchResult';
  readonly scenario: { readonly name: string; readonly file: string; readonly durationMs: number };
  readonly parameter: string;
  readonly goal: 'largest' | 'smallest';
  readonly range: { readonly min: number; readonly max: number; readonly step: number; readonly suffix: string };
  readonly seeds: readonly number[];
  readonly quality: string;
  readonly assertions: readonly string[];
  readonly answer: number | null;
  readonly reason: ThresholdReason;
  readonly message: string;
  readonly monotone: boolean;
  readonly evidence: SearchRun['threshold']['evidence'];
  readonly complete: boolean;
  /** Every evaluated value, in increasing order. */
  readonly evaluated: readonly SearchValueRow[];
  readonly unresolved: SearchRun['unresolved'];
}

export const SEARCH_SCHEMA_VERSION = 1;

/** The search's answer with every evaluated value, as plain data. Pure. */
export function buildSearchReport(request: SearchRequest, run: SearchRun): SearchReport {
  const sweep = run.evaluated;
  const rows: SearchValueRow[] = sweep.configurations.map((c) => {
    const written = c.values[request.path] as number | string;
    return {
      value: typeof written === 'number' ? written : Number(String(written).slice(0, String(written).length - request.suffix.length)),
      written,
      status: c.status === 'ok' ? 'ok' : 'error',
      pass: c.pass,
      costMonthlyUsd: c.costMonthlyUsd,
      costDelta: c.costDelta,
      nodesPeak: c.nodesPeak,
      quality: c.quality,
      assertions: c.assertions,
    };
  });
  rows.sort((a, b) => a.value - b.value);
  const t = run.threshold;
  return {
    schemaVersion: SEARCH_SCHEMA_VERSION,
    kind: 'SearchResult',
    scenario: sweep.scenario,
    parameter: request.path,
    goal: request.goal,
    range: { min: request.min, max: request.max, step: request.step, suffix: request.suffix },
    seeds: request.seeds,
    quality: request.quality,
    assertions: sweep.assertions,
    answer: t.answer,
    reason: t.reason,
    message: t.message,
    monotone: t.evidence === null,
    evidence: t.evidence,
    complete: !run.interrupted,
    evaluated: rows,
    unresolved: run.unresolved,
  };
}
