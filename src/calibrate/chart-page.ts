import type { ChartData } from '../report/html/chart-data.js';
import type { ChartLibrary } from '../report/html/chart-library.js';
import { chartGroup, esc, htmlPage } from '../report/html-report.js';

/**
 * A self-contained page of time-series charts (the compare report's uPlot script and style, inlined)
 * under `bodyHtml`, which the caller has escaped. Used by the calibrate and backtest reports.
 */
export function renderChartPage(title: string, bodyHtml: string, charts: ChartData, lib: ChartLibrary): string {
  const groups = charts.groups
    .map((g, gi) => chartGroup(g, gi, `<span class="key">${g.charts[0]?.series.map((s) => `<span><i style="background:${s.color}"></i>${esc(s.label)}</span>`).join('') ?? ''}</span>`))
    .join('\n');
  const body = [
    `<header class="top"><div><h1>${esc(title)}</h1></div></header>`,
    bodyHtml,
    groups,
    `<footer>kube-whatif · charts: ${esc(lib.name)} ${esc(lib.version)} (MIT), inlined</footer>`,
  ].join('\n');
  return htmlPage(title, body, charts, lib);
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

