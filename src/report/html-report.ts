import { containerThrottleLines } from './container-throttle-lines.js';
import type { ComparisonResult } from './comparison.js';
import { warningLines } from './terminal-report.js';
import { buildReportView, WORKLOAD_COLUMNS, type DecisionRow, type EventRow, type MetricRow, type ReportView, type Trend } from './report-view.js';
import { buildChartData, AFTER_COLOR, BEFORE_COLOR, type ChartData, type ChartGroup } from './html/chart-data.js';
import { CHART_SCRIPT } from './html/chart-script.js';
import { PAGE_STYLE } from './html/page-style.js';
import type { ChartLibrary } from './html/chart-library.js';
import { htmlText } from './escape.js';
import { writeCompactJson } from './to-json.js';

/** Rows per run in the HPA decision and node event tables of the page; the rest are in --json. */
export const HTML_MAX_EVENT_ROWS = 200;

/**
 * The compare report as one self-contained HTML file: summary, charts over simulated time
 * (nodes, cost, and per workload replicas, throttling, p99 latency, CPU; before vs after, first
 * seed) drawn by the inlined charting library, and the tables. No request leaves the page, so it
 * works offline and as a CI artifact. Pure: the library's text comes in as `lib`.
 */
export function renderHtml(r: ComparisonResult, lib: ChartLibrary): string {
  return collect(htmlWriter(r, lib));
}

/**
 * {@link renderHtml}'s page handed to `write` in pieces, the chart data streamed: with every series
 * of a long run on a large cluster it is the page's bulk, and it never exists as one string.
 */
export function htmlWriter(r: ComparisonResult, lib: ChartLibrary): (write: (chunk: string) => void) => void {
  const v = buildReportView(r);
  const charts = buildChartData(r);
  const body = [
    header(v, r),
    change(v),
    warnings(r),
    containers(r),
    `<section class="kpis">${v.cluster.map(kpi).join('')}</section>`,
    `<div class="two">${blastRadius(v)}${assertions(v)}</div>`,
    charts.groups.map((g, i) => chartGroup(g, i)).join('\n'),
    tables(v),
    `<footer>kube-whatif · scenario <code>${esc(r.scenario.file)}</code> · JSON schema version ${r.schemaVersion} · charts: ${esc(lib.name)} ${esc(lib.version)} (MIT), inlined · charts show the first seed (${r.scenario.seeds[0] ?? ''}); the numbers above are over all seeds</footer>`,
  ].join('\n');
  return (write) => writeHtmlPage(`kube-whatif: ${v.title} (${v.verdict.toUpperCase()})`, body, charts, lib, write);
}

function collect(writer: (write: (chunk: string) => void) => void): string {
  const parts: string[] = [];
  writer((chunk) => parts.push(chunk));
  return parts.join('');
}

/** A self-contained page: `body` (escaped by the caller) with the charts' data, script and style inlined. */
export function htmlPage(title: string, body: string, charts: ChartData, lib: ChartLibrary): string {
  return collect((write) => writeHtmlPage(title, body, charts, lib, write));
}

function writeHtmlPage(title: string, body: string, charts: ChartData, lib: ChartLibrary, write: (chunk: string) => void): void {
  write(`<!DOCTYPE html>
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
${body}
</main>
<script type="application/json" id="whatif-chart-data">`);
  writeCompactJson(charts, (chunk) => write(escapeJsonInScript(chunk)));
  write(`</script>
<script>${scriptText(lib.script)}</script>
<script>${CHART_SCRIPT}</script>
</body>
</html>
`);
}
function header(v: ReportView, r: ComparisonResult): string {
  const description = r.scenario.description ? `<p>${esc(r.scenario.description)}</p>` : '';
  return `<header class="top"><div><h1>kube-whatif compare: ${esc(v.title)}</h1>${description}<p class="muted">${esc(v.runLine)}</p></div>
<div class="verdict ${v.verdict}">${esc(v.verdictLine)}</div></header>`;
}

function containers(r: ComparisonResult): string {
  const lines = containerThrottleLines(r);
  if (lines.length === 0) return '';
  return `<section class="card"><h2>Containers <span class="muted">(throttled containers of multi-container pods)</span></h2><ul>${lines.map((l) => `<li>${esc(l)}</li>`).join('')}</ul></section>`;
}

function warnings(r: ComparisonResult): string {
  const lines = warningLines(r);
  if (lines.length === 0) return '';
  return `<section class="card warnings"><h2>Warnings <span class="muted">(what these numbers cannot be trusted for)</span></h2><ul>${lines.map((l) => `<li>${esc(l)}</li>`).join('')}</ul></section>`;
}

function change(v: ReportView): string {
  const fields = v.change.fields.map((f) => (f.before || f.after ? `<li><code>${esc(f.path)}</code>: ${esc(f.before)} → ${esc(f.after)}</li>` : `<li>${esc(f.path)}</li>`)).join('');
  return `<section class="card change"><h2>Change</h2><div>${esc(v.change.description)}</div>${fields ? `<ul>${fields}</ul>` : ''}</section>`;
}

function kpi(m: MetricRow): string {
  return `<div class="card kpi"><div class="label">${esc(m.label)}</div>
<div class="values"><span class="b">${esc(m.before)}</span> → <span class="a">${esc(m.after)}</span></div>
<div class="delta">${esc(m.delta)}${trend(m.trend)}</div></div>`;
}

function trend(t: Trend): string {
  if (t === 'n/a') return '';
  const text = t === 'none' ? 'no significant change' : t;
  return `<span class="trend ${t}">${text}</span>`;
}

function blastRadius(v: ReportView): string {
  const items = v.blastRadius.length
    ? v.blastRadius.map((b) => `<li><b>${esc(b.workload)}</b><ul class="causes">${b.causes.map((c) => `<li>${esc(c)}</li>`).join('')}</ul></li>`).join('')
    : '<li class="muted">none: no unrelated workload got significantly worse</li>';
  return `<section class="card"><h2>Blast radius <span class="muted">(unrelated workloads that got worse, worst first)</span></h2><ul class="plain">${items}</ul></section>`;
}

function assertions(v: ReportView): string {
  const items = v.assertions.length
    ? v.assertions
        .map((a) => {
          const rest = a.message.startsWith(`${a.text}: `) ? a.message.slice(a.text.length + 2) : a.message;
          return `<li><span class="badge ${a.pass ? 'pass' : 'fail'}">${a.pass ? 'PASS' : 'FAIL'}</span><code>${esc(a.text)}</code><div class="muted">${esc(rest)}</div></li>`;
        })
        .join('')
    : '<li class="muted">the scenario has no assertions (spec.assert)</li>';
  return `<section class="card"><h2>Assertions</h2><ul class="plain">${items}</ul></section>`;
}

const BEFORE_AFTER_KEY = `<span class="key"><span><i style="background:${BEFORE_COLOR}"></i>before</span><span><i style="background:${AFTER_COLOR}"></i>after</span></span>`;

/** One group of charts; `key` is its legend (default: before and after). */
export function chartGroup(g: ChartGroup, index: number, key = BEFORE_AFTER_KEY): string {
  const tag = g.tag ? `<span class="tag ${g.tag === 'changed' ? 'changed' : 'blast'}">${esc(g.tag)}</span>` : '';
  const note = g.note ? `<p class="note">${esc(g.note)}</p>` : '';
  const charts = g.charts.map((c, i) => `<div><h4>${esc(c.title)}</h4><div class="chart" data-group="${index}" data-chart="${i}"></div></div>`).join('');
  const head = `<div class="group-head"><h3>${esc(g.title)}${tag}</h3>${key}</div>${note}`;
  if (g.folded) return `<details class="card chart-group"><summary>${head}</summary><div class="charts">${charts}</div></details>`;
  return `<section class="card chart-group">${head}<div class="charts">${charts}</div></section>`;
}

function tables(v: ReportView): string {
  const out: string[] = [];
  const head = `<tr><th>workload</th>${WORKLOAD_COLUMNS.map((c) => `<th colspan="2">${esc(c.label)}</th>`).join('')}</tr>`;
  const sub = `<tr><th></th>${WORKLOAD_COLUMNS.map(() => '<th>before</th><th>after</th>').join('')}</tr>`;
  const rows = v.workloads.map((w) => {
    const tags = `${w.changed ? '<span class="tag changed">changed</span>' : ''}${w.hit ? '<span class="tag blast">blast radius</span>' : ''}`;
    const cells = w.cells.map((c) => {
      const cls = c.harmful && c.trend === 'up' ? 'worse' : c.harmful && c.trend === 'down' ? 'better' : '';
      return `<td>${esc(c.before)}</td><td><span class="${cls}">${esc(c.after)}</span></td>`;
    });
    return `<tr class="${w.hit ? 'hit' : ''}"><td>${esc(w.name)}${tags}</td>${cells.join('')}</tr>`;
  });
  out.push(`<section class="card"><h2>All workloads <span class="muted">(mean over seeds; red = significant rise, green = significant fall: the 95% interval excludes 0)</span></h2><table>${head}${sub}${rows.join('')}</table></section>`);
  for (const s of v.scaling) {
    const body = s.rows.map(([label, b, a]) => `<tr><td>${esc(label)}</td><td>${esc(b)}</td><td>${esc(a)}</td></tr>`).join('');
    out.push(`<section class="card"><h2>Scaling of ${esc(s.workload)} <span class="muted">(first seed)</span></h2><table class="narrow"><tr><th></th><th>before</th><th>after</th></tr>${body}</table>
<p class="muted">Limited by (before): ${esc(s.limitedBefore)}<br>Limited by (after): ${esc(s.limitedAfter)}</p></section>`);
  }
  out.push(eventsCard(`HPA decisions (first seed)`, v.hpaDecisions, ['time', 'workload', 'replicas', 'reason', 'limited by', 'message'], (d: DecisionRow) => [d.time, d.workload, `${d.from} → ${d.to}`, d.reason, d.limitedReason, d.message]));
  out.push(eventsCard(`Node scale events (first seed)`, v.nodeEvents, ['time', 'source', 'subject', 'reason', 'message'], (e: EventRow) => [e.time, e.source, e.subject, e.reason, e.message]));
  return out.join('\n');
}

function eventsCard<T extends { run: 'before' | 'after' }>(title: string, rows: readonly T[], header: readonly string[], cells: (row: T) => string[]): string {
  const parts: string[] = [];
  for (const run of ['before', 'after'] as const) {
    const mine = rows.filter((r) => r.run === run);
    parts.push(`<h4>${run}: ${mine.length}</h4>`);
    if (!mine.length) continue;
    const body = mine
      .slice(0, HTML_MAX_EVENT_ROWS)
      .map((row) => `<tr>${cells(row).map((c) => `<td class="text">${esc(c)}</td>`).join('')}</tr>`)
      .join('');
    const more = mine.length > HTML_MAX_EVENT_ROWS ? `<p class="muted">… and ${mine.length - HTML_MAX_EVENT_ROWS} more in the --json output.</p>` : '';
    parts.push(`<table><tr>${header.map((h) => `<th class="text">${esc(h)}</th>`).join('')}</tr>${body}</table>${more}`);
  }
  const count = (run: string) => rows.filter((r) => r.run === run).length;
  return `<details class="card"><summary>${esc(title)}: ${count('before')} before, ${count('after')} after</summary>${parts.join('')}</details>`;
}

export function esc(s: string): string {
  return htmlText(s);
}

/**
 * JSON text inside <script>: `<` escaped so no value can close the element; U+2028/9 for old
 * parsers. Each is one character that can only occur inside a string, so pieces escape alike.
 */
function escapeJsonInScript(json: string): string {
  return json.replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** A script's text cannot contain `</script`; a library build that did would be cut short. */
function scriptText(js: string): string {
  return js.replace(/<\/script/gi, '<\\/script');
}
