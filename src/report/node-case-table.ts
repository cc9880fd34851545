/**
 * Text table of a node case result (docs/node-cases.md names), one row per container; fits in
 * 100 columns.
 */
import type { NodeCaseResult } from '../models/cpu/node-case.js';
import { terminalSafe } from './escape.js';

const headers = ['container', 'cores', 'throttled', 'thr s', 'p50 ms', 'p90 ms', 'p99 ms'] as const;
const nameWidth = 30;

function num(v: number | null | undefined, digits: number): string {
  if (v === null || v === undefined) return '-';
  return Math.abs(v) >= 1000 ? v.toFixed(0) : v.toFixed(digits);
}

function pct(v: number | null): string {
  return v === null ? '-' : `${(v * 100).toFixed(1)} %`;
}

function clip(s: string, w: number): string {
  return s.length <= w ? s : `${s.slice(0, w - 1)}…`;
}

/**
 * Renders `result` as an aligned table with a title line.
 * @param label optional words after the case name, e.g. "model: fluid"
 */
export function renderNodeCaseTable(input: NodeCaseResult, label?: string): string {
  // Container names come from the case file: no control sequence reaches the terminal.
  const result = terminalSafe(input);
  const rows = result.containers.map((c) => [
    clip(c.name, nameWidth),
    num(c.cores_used, 3),
    pct(c.throttled_ratio),
    num(c.throttled_s, 2),
    num(c.latency_ms?.p50, 1),
    num(c.latency_ms?.p90, 1),
    num(c.latency_ms?.p99, 1),
  ]);
  const widths = headers.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k]!.length)));
  const line = (cells: readonly string[]): string =>
    cells.map((cell, k) => (k === 0 ? cell.padEnd(widths[k]!) : cell.padStart(widths[k]!))).join('  ').trimEnd();
  const title = label ? `${result.name} (${label})` : result.name;
  return [title, line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
