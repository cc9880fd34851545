/** The report page's stylesheet (uPlot's own stylesheet is inlined before it). */
export const PAGE_STYLE = `
:root { --before: #4c78a8; --after: #f58518; --ok: #15803d; --ok-bg: #dcfce7; --bad: #b91c1c; --bad-bg: #fee2e2;
  --ink: #0f172a; --muted: #64748b; --line: #e2e8f0; --card: #fff; --page: #f1f5f9; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--page); color: var(--ink); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
main { max-width: 1280px; margin: 0 auto; padding: 24px 28px 40px; }
h1 { font-size: 22px; margin: 0; }
h2 { font-size: 16px; margin: 0 0 10px; }
h3 { font-size: 15px; margin: 0; }
h4 { font-size: 12.5px; font-weight: 600; color: #334155; margin: 0 0 4px; }
code { font: 12.5px ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace; background: #f1f5f9; padding: 1px 4px; border-radius: 4px; }
.muted { color: var(--muted); }
header.top { display: flex; justify-content: space-between; align-items: flex-start; gap: 16px; margin-bottom: 16px; }
header.top p { margin: 4px 0 0; }
.verdict { font-weight: 700; font-size: 15px; padding: 8px 14px; border-radius: 8px; white-space: nowrap; }
.verdict.pass { color: var(--ok); background: var(--ok-bg); border: 1px solid #86efac; }
.verdict.fail { color: var(--bad); background: var(--bad-bg); border: 1px solid #fca5a5; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px; margin-bottom: 16px; box-shadow: 0 1px 2px rgba(15, 23, 42, .04); }
.change ul { margin: 6px 0 0; padding-left: 18px; }
.kpis { display: grid; grid-template-columns: repeat(3, 1fr); gap: 16px; margin-bottom: 16px; }
.kpi { margin: 0; }
.kpi .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
.kpi .values { font-size: 22px; font-weight: 650; margin: 4px 0 2px; font-variant-numeric: tabular-nums; }
.kpi .values .b { color: var(--before); }
.kpi .values .a { color: var(--after); }
.kpi .delta { font-size: 13px; font-variant-numeric: tabular-nums; }
.trend { font-size: 12px; font-weight: 600; padding: 1px 6px; border-radius: 999px; margin-left: 6px; }
.trend.up { color: var(--bad); background: var(--bad-bg); }
.trend.down { color: var(--ok); background: var(--ok-bg); }
.trend.none { color: var(--muted); background: #f1f5f9; }
.two { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
.two > .card { margin-bottom: 16px; }
ul.plain { list-style: none; margin: 0; padding: 0; }
ul.plain > li { padding: 6px 0; border-top: 1px solid var(--line); }
ul.plain > li:first-child { border-top: 0; }
.causes { margin: 2px 0 0; padding-left: 18px; color: #334155; }
.badge { display: inline-block; font-size: 11px; font-weight: 700; padding: 1px 7px; border-radius: 4px; margin-right: 6px; }
.badge.pass { color: var(--ok); background: var(--ok-bg); }
.badge.fail { color: var(--bad); background: var(--bad-bg); }
.tag { font-size: 11px; font-weight: 600; padding: 1px 7px; border-radius: 999px; margin-left: 8px; vertical-align: 2px; }
.tag.changed { color: #1e40af; background: #dbeafe; }
.tag.blast { color: var(--bad); background: var(--bad-bg); }
.key { display: inline-flex; gap: 14px; font-size: 12.5px; color: var(--muted); }
.key i { display: inline-block; width: 18px; height: 3px; vertical-align: middle; margin-right: 5px; border-radius: 2px; }
.chart-group { margin-bottom: 16px; }
details.chart-group > summary { cursor: pointer; list-style: none; font-weight: normal; }
.chart-group > summary::-webkit-details-marker { display: none; }
.chart-group > summary h3::before { content: "▸ "; color: var(--muted); }
.chart-group[open] > summary h3::before { content: "▾ "; }
.chart-group > summary .note { margin-bottom: 0; }
.group-head { display: flex; justify-content: space-between; align-items: baseline; gap: 12px; }
.note { margin: 2px 0 8px; color: #334155; font-size: 13px; }
.charts { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 14px 22px; margin-top: 8px; }
.chart { min-width: 0; min-height: 210px; overflow: hidden; }
.chart.no-data { display: flex; align-items: center; justify-content: center; color: var(--muted); background: #f8fafc; border-radius: 6px; }
.u-legend { font-size: 12px; text-align: left; }
.u-legend .u-series:first-child { display: none; }
.u-legend.u-inline.u-live th::after { content: ""; }
.u-legend .u-value { padding-left: 4px; font-variant-numeric: tabular-nums; }
.u-legend .u-marker { width: 14px; height: 3px; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { padding: 5px 8px; border-bottom: 1px solid var(--line); text-align: right; vertical-align: top; }
th { font-size: 12px; color: var(--muted); font-weight: 600; }
th:first-child, td:first-child, td.text, th.text { text-align: left; }
th[colspan] { text-align: center; }
table.narrow { width: auto; min-width: 480px; }
table.narrow td:first-child { padding-right: 32px; }
tr.hit td:first-child { color: var(--bad); font-weight: 600; }
td .worse { color: var(--bad); font-weight: 600; }
td .better { color: var(--ok); }
details.card > summary { cursor: pointer; font-weight: 600; }
details.card[open] > summary { margin-bottom: 10px; }
footer { color: var(--muted); font-size: 12px; margin-top: 24px; }
@media (max-width: 860px) { .kpis, .two, .charts { grid-template-columns: 1fr; } }
`;
