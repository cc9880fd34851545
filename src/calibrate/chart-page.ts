import type { ChartData, ChartSeries } from '../report/html/chart-data.js';
import type { ChartLibrary } from '../report/html/chart-library.js';
import { CHART_SCRIPT } from '../report/html/chart-script.js';
import { PAGE_STYLE } from '../report/html/page-style.js';
import { esc, jsonInScript, scriptText } from '../report/html-report.js';

/**
 * A self-contained page of time-series charts (the compare report's uPlot script and style, inlined)
 * under `bodyHtml`, which the caller has escaped. Used by the calibrate and backtest reports.
 */
export function renderChartPage(title: string, bodyHtml: string, charts: ChartData, lib: ChartLibrary): string {
  const groups = charts.groups
    .map((g, gi) => {
      const key = g.charts[0]?.series.map((s) => `<span><i style="background:${s.color}"></i>${esc(s.label)}</span>`).join('') ?? '';
      const cells = g.charts.map((c, i) => `<div><h4>${esc(c.title)}</h4><div class="chart" data-group="${gi}" data-chart="${i}"></div></div>`).join('');
      const note = g.note ? `<p class="note">${esc(g.note)}</p>` : '';
      return `<section class="card chart-group"><div class="group-head"><h3>${esc(g.title)}</h3><span class="key">${key}</span></div>${note}<div class="charts">${cells}</div></section>`;
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${lib.css}</style>
<style>${PAGE_STYLE}</style>
</head>
<body>
<main>
<header class="top"><div><h1>${esc(title)}</h1></div></header>
${bodyHtml}
${groups}
<footer>kube-whatif · charts: ${esc(lib.name)} ${esc(lib.version)} (MIT), inlined</footer>
</main>
<script type="application/json" id="whatif-chart-data">${jsonInScript(charts)}</script>
<script>${scriptText(lib.script)}</script>
<script>${CHART_SCRIPT}</script>
</body>
</html>
`;
}

/**
 * Puts series recorded on different grids on one time axis (hours since the earliest sample): the
 * union of their times, each series null where it has no sample.
 */
export function onOneAxis(series: readonly { readonly timesMs: readonly number[]; readonly values: readonly (number | null)[] }[]): {
  hours: number[];
  values: (number | null)[][];
} {
  const times = [...new Set(series.flatMap((s) => s.timesMs))].sort((a, b) => a - b);
  const t0 = times[0] ?? 0;
  const index = new Map(times.map((t, i) => [t, i]));
  const values = series.map((s) => {
    const out = new Array<number | null>(times.length).fill(null);
    s.timesMs.forEach((t, i) => (out[index.get(t)!] = s.values[i] ?? null));
    return out;
  });
  return { hours: times.map((t) => (t - t0) / 3_600_000), values };
}

export type { ChartSeries };
