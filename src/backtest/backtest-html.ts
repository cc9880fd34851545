import { onOneAxis, renderChartPage } from '../calibrate/chart-page.js';
import type { ChartGroup } from '../report/html/chart-data.js';
import { AFTER_COLOR, BEFORE_COLOR } from '../report/html/chart-data.js';
import type { ChartLibrary } from '../report/html/chart-library.js';
import { esc } from '../report/html-report.js';
import type { BacktestAssertion } from './backtest-assertions.js';
import type { Backtest } from './run-backtest.js';

const REFERENCE_COLOR = '#54a24b';

/** The backtest as a self-contained HTML page: scores, then recorded vs simulated charts per workload. */
export function renderBacktestHtml(b: Backtest, assertions: readonly BacktestAssertion[], lib: ChartLibrary): string {
  const axis = onOneAxis([{ timesMs: b.timesMs, values: b.timesMs.map(() => null) }]);
  const groups: ChartGroup[] = b.workloads.map((w) => {
    const replicas = [
      { label: 'recorded', color: BEFORE_COLOR, dashed: false, values: [...w.series.recordedReplicas] },
      { label: 'simulated', color: AFTER_COLOR, dashed: false, values: [...w.series.simulatedReplicas] },
      ...(w.series.steadyStateReplicas ? [{ label: 'steady-state formula', color: REFERENCE_COLOR, dashed: true, values: [...w.series.steadyStateReplicas] }] : []),
    ];
    return {
      title: w.workload, tag: '', note: w.notes.join(' · '), folded: false,
      charts: [
        { title: 'Ready replicas', unit: 'count', log: false, series: replicas },
        { title: 'CPU used, cores', unit: 'cores', log: false, series: [
          { label: 'recorded', color: BEFORE_COLOR, dashed: false, values: [...w.series.recordedCpuCores] },
          { label: 'simulated', color: AFTER_COLOR, dashed: false, values: [...w.series.simulatedCpuCores] },
        ] },
        { title: 'Request rate replayed, requests/s', unit: 'count', log: false, series: [{ label: 'recorded', color: BEFORE_COLOR, dashed: false, values: [...w.series.rps] }] },
      ],
    };
  });
  const rows = b.workloads
    .flatMap((w) => w.replicas.map((s) => `<tr><td>${esc(w.workload)}</td><td class="text">${esc(s.name)}</td><td>${s.errors ? s.errors.mae.toFixed(2) : '-'}</td><td>${s.errors ? s.errors.bias.toFixed(2) : '-'}</td><td>${s.episodes.matched.length}</td><td>${s.episodes.missed.length}</td><td>${s.episodes.extra.length}</td><td>${(s.episodes.timingScoreMs / 1000).toFixed(0)} s</td></tr>`))
    .join('');
  const level = (label: string, e: { mae: number; bias: number; points: number } | null, unit: string) =>
    e ? `<tr><td class="text">${esc(label)}</td><td>${Number(e.mae.toPrecision(3))}${unit}</td><td>${Number(e.bias.toPrecision(3))}${unit}</td><td>${e.points}</td></tr>` : '';
  const levels = b.workloads
    .map((w) => [level(`${w.workload}: CPU`, w.cpu, ' cores'), level(`${w.workload}: throttled ratio`, w.throttledRatio, ''), level(`${w.workload}: latency p99`, w.latencyP99Ms, ' ms')].join(''))
    .join('') + level('cluster: nodes', b.nodes, '');
  const quantiles = b.workloads
    .flatMap((w) => (w.latencyQuantiles ? [[w.workload, w.latencyQuantiles] as const] : []))
    .map(([name, q]) => `<tr><td class="text">${esc(name)}</td>${(['p50', 'p90', 'p99'] as const).map((k) => `<td>${Number(q.recorded[k].toPrecision(3))} / ${Number(q.simulated[k].toPrecision(3))} ms</td>`).join('')}</tr>`)
    .join('');
  const asserted = assertions.map((a) => `<li>${a.ok ? 'PASS' : 'FAIL'} ${esc(a.text)} (${esc(a.message)})</li>`).join('');
  const notes = b.notes.map((n) => `<li>${esc(n)}</li>`).join('');
  const body = `<section class="card"><h2>Replicas: simulation vs naive references (lower is better)</h2>
<table><tr><th>workload</th><th class="text">predictor</th><th>MAE</th><th>bias</th><th>episodes matched</th><th>missed</th><th>extra</th><th>timing score</th></tr>${rows}</table>
${levels ? `<h3>Levels: simulated vs recorded</h3><table><tr><th class="text">series</th><th>MAE</th><th>bias</th><th>points</th></tr>${levels}</table>` : ''}
${quantiles ? `<h3>Latency over the replay, recorded / simulated</h3><table><tr><th class="text">workload</th><th>p50</th><th>p90</th><th>p99</th></tr>${quantiles}</table>` : ''}
${asserted ? `<h3>Assertions</h3><ul class="plain">${asserted}</ul>` : ''}${notes ? `<ul class="plain">${notes}</ul>` : ''}</section>`;
  return renderChartPage(`kube-whatif backtest: ${b.scenario} on ${b.recordings}`, body, { beforeColor: BEFORE_COLOR, hours: axis.hours, groups }, lib);
}
