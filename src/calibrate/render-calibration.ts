import { textTable } from '../report/text-table.js';
import { wrap } from '../report/terminal-report.js';
import type { Calibration } from './calibrate-recordings.js';
import type { ParameterEstimate } from './fit-workload.js';

/** The terminal report of a calibration: per workload, current vs fitted value with its interval. */
export function renderCalibration(c: Calibration): string {
  const out: string[] = [`kube-whatif calibrate: ${c.scenario} from ${c.recordings}`, ''];
  for (const f of c.fits) {
    const cur = c.current[f.workload];
    const range = f.loadRange ? `, load ${f.loadRange.min.toFixed(2)}..${f.loadRange.max.toFixed(2)} req/s per pod` : '';
    out.push(`${f.workload}: ${f.points} points on a ${(f.stepMs / 1000).toFixed(0)} s step${range}`);
    const rows: string[][] = [['parameter', 'scenario', 'fitted', '95 % interval', 'identified']];
    rows.push(row('cpuPerRequest', cur ? `${cur.cpuPerRequestMs}ms` : '-', f.cpuPerRequestMs, 'ms'));
    rows.push(row('idleCpu', cur ? `${cur.idleCpuMilli}m` : '-', f.idleCpuMilli, 'm'));
    rows.push(row('load growth, ms/(req/s)', '-', f.loadGrowthMs, ''));
    if (f.cpuPerRequestCv) rows.push(row('cpuPerRequestCv', cur ? String(cur.cpuPerRequestCv) : '-', f.cpuPerRequestCv, ''));
    else rows.push(['cpuPerRequestCv', cur ? String(cur.cpuPerRequestCv) : '-', '-', '-', f.latency ? 'no' : 'no (no latency histogram)']);
    out.push(textTable(rows));
    if (f.rSquared !== null) {
      out.push(`  fit: R² ${f.rSquared.toFixed(3)}, residual scale ${f.residualMilli!.toFixed(1)}m per pod, ${f.downweighted} point(s) down-weighted as outliers`);
    }
    const l = f.latency;
    if (l) {
      const r = l.recorded;
      out.push(...indent(`latency recorded (median over ${r.points} samples): p50 ${ms(r.p50Ms)}, p90 ${ms(r.p90Ms)}, p99 ${ms(r.p99Ms)}; highest p99 ${ms(r.maxP99Ms)}`));
      if (l.impliedServiceMs !== null) out.push(...indent(`cpuPerRequestCv from ${l.points} queue-free points (the slope of each histogram's probit line, log-normal service time); they imply ${ms(l.impliedServiceMs)} per request`));
    }
    for (const w of f.warnings) out.push(...indent(`warning: ${w}`));
    out.push('');
  }
  for (const n of c.notes) out.push(...indent(`note: ${n}`, ''));
  return `${out.join('\n').trimEnd()}\n`;
}

function ms(v: number): string {
  return `${Number(v.toPrecision(3))} ms`;
}

function row(name: string, current: string, e: ParameterEstimate | null, unit: string): string[] {
  if (!e) return [name, current, '-', '-', 'no'];
  const f = (v: number) => `${Number(v.toPrecision(3))}${unit === 'm' ? 'm' : unit === 'ms' ? 'ms' : ''}`;
  // fit-cpu-cv.ts writes an interval without an upper end as the largest finite number.
  const high = e.high >= Number.MAX_VALUE ? 'unbounded' : f(e.high);
  return [name, current, f(e.value), `${f(e.low)} .. ${high}`, e.identified ? 'yes' : 'no'];
}

/** Wraps a line at 100 columns, continuation lines indented under its text. */
function indent(text: string, lead = '  '): string[] {
  return wrap(text, 98 - lead.length).map((l, i) => `${lead}${i > 0 ? '  ' : ''}${l}`);
}
