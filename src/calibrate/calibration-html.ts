import type { ChartGroup } from '../report/html/chart-data.js';
import { AFTER_COLOR, BEFORE_COLOR } from '../report/html/chart-data.js';
import type { ChartLibrary } from '../report/html/chart-library.js';
import { esc } from '../report/html-report.js';
import type { Calibration } from './calibrate-recordings.js';
import { onOneAxis, renderChartPage } from './chart-page.js';
import type { ParameterEstimate } from './fit-workload.js';

/** The calibration as a self-contained HTML page: the fitted values and, per workload, recorded vs fitted CPU per pod. */
export function renderCalibrationHtml(c: Calibration, lib: ChartLibrary): string {
  const axis = onOneAxis(c.fits.flatMap((f) => [
    { timesMs: f.chart.timesMs, values: f.chart.recordedMilli.map((v) => (v === null ? null : v / 1000)) },
    { timesMs: f.chart.timesMs, values: f.chart.fittedMilli.map((v) => (v === null ? null : v / 1000)) },
  ]));
  const groups: ChartGroup[] = c.fits.map((f, i) => ({
    title: f.workload,
    tag: '',
    note: f.warnings.join(' · '),
    folded: false,
    charts: [{
      title: 'CPU per ready pod, cores: recorded vs fitted',
      unit: 'cores',
      log: false,
      series: [
        { label: 'recorded', color: BEFORE_COLOR, dashed: false, values: axis.values[2 * i]! },
        { label: 'fitted', color: AFTER_COLOR, dashed: true, values: axis.values[2 * i + 1]! },
      ],
    }],
  }));
  const rows = c.fits
    .map((f) => `<tr><td>${esc(f.workload)}</td><td>${cell(f.cpuPerRequestMs, 'ms')}</td><td>${cell(f.idleCpuMilli, 'm')}</td><td>${cell(f.cpuPerRequestCv, '')}</td><td>${f.latency ? esc(`${Number(f.latency.recorded.p50Ms.toPrecision(3))} / ${Number(f.latency.recorded.p99Ms.toPrecision(3))} ms`) : '-'}</td><td>${f.rSquared === null ? '-' : f.rSquared.toFixed(3)}</td><td>${f.points}</td></tr>`)
    .join('');
  const notes = c.notes.map((n) => `<li>${esc(n)}</li>`).join('');
  const body = `<section class="card"><h2>Fitted parameters (95 % intervals)</h2>
<table><tr><th>workload</th><th>cpuPerRequest</th><th>idleCpu</th><th>cpuPerRequestCv</th><th>latency p50 / p99</th><th>R²</th><th>points</th></tr>${rows}</table>
${notes ? `<ul class="plain">${notes}</ul>` : ''}</section>`;
  return renderChartPage(`kube-whatif calibrate: ${c.scenario} from ${c.recordings}`, body, { beforeColor: BEFORE_COLOR, hours: axis.hours, groups }, lib);
}

function cell(e: ParameterEstimate | null, unit: string): string {
  if (!e) return 'not fitted';
  const f = (v: number) => `${Number(v.toPrecision(3))}${unit}`;
  return `${esc(f(e.value))} <span class="muted">(${esc(f(e.low))} .. ${esc(e.high >= Number.MAX_VALUE ? 'unbounded' : f(e.high))})${e.identified ? '' : ' not identified'}</span>`;
}
