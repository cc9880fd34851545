import type { SweepResult } from './types.js';
import { csvText } from '../report/escape.js';

/**
 * One CSV row per point (RFC 4180 quoting): the parameter values, the seed, status and pass, cost,
 * nodes, the quality metric, throttling and p99 latency of every workload, each policy's pass and
 * measured value, and the error of a failed point. Numbers as in the JSON (6 significant digits);
 * text that a spreadsheet would run as a formula starts with `'`.
 */
export function toSweepCsv(result: SweepResult): string {
  const header = ['point', 'configuration', 'seed', ...result.parameters, 'status', 'pass', 'cost_monthly_usd', 'nodes_peak', 'nodes_mean', `quality:${result.quality}`];
  for (const w of result.workloads) header.push(`${w}.throttledRatio`, `${w}.throttledRatio.p95`, `${w}.latency.p99_ms`);
  result.assertions.forEach((text) => header.push(`pass:${text}`, `measured:${text}`));
  header.push('error');
  const lines = [header.map(cell).join(',')];
  for (const p of result.points) {
    const row: unknown[] = [p.index, p.configuration, p.seed, ...result.parameters.map((path) => p.values[path]), p.status, p.pass, p.costMonthlyUsd, p.nodesPeak, p.nodesMean, p.quality];
    for (const w of result.workloads) {
      const c = p.workloads[w];
      row.push(c?.throttledRatio ?? null, c?.throttledRatioP95 ?? null, c?.latencyP99Ms ?? null);
    }
    result.assertions.forEach((_text, i) => {
      const a = p.assertions[i];
      row.push(a ? a.pass : null, a ? a.measured : null);
    });
    row.push(p.error);
    lines.push(row.map(cell).join(','));
  }
  return `${lines.join('\n')}\n`;
}

function cell(value: unknown): string {
  let text: string;
  if (value === null || value === undefined) text = '';
  else if (typeof value === 'number') text = !Number.isFinite(value) ? '' : Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
  else if (typeof value === 'string') text = csvText(value);
  else if (typeof value === 'boolean') text = value ? 'true' : 'false';
  else text = JSON.stringify(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
