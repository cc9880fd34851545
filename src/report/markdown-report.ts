import { containerThrottleLines } from './container-throttle-lines.js';
import type { ComparisonResult } from './comparison.js';
import { warningLines } from './terminal-report.js';
import { markdownCode, markdownText } from './escape.js';
import { buildReportView, WORKLOAD_COLUMNS, type DecisionRow, type EventRow, type ReportView, type Trend } from './report-view.js';

/** First line of every Markdown report, so a CI job can find and update its earlier comment. */
export const MARKDOWN_REPORT_MARKER = '<!-- kube-whatif-report -->';

/** Rows per run in the HPA decision and node event tables; the full lists are in --json. */
export const MARKDOWN_MAX_EVENT_ROWS = 40;

/**
 * The compare report as a merge-request comment (GitHub and GitLab flavoured Markdown): the
 * verdict, cost and nodes, blast radius and failed assertions first; the tables behind folded
 * `<details>` blocks. Pure.
 */
export function renderMarkdown(r: ComparisonResult): string {
  const v = buildReportView(r);
  const out: string[] = [MARKDOWN_REPORT_MARKER];
  out.push(`### ${v.verdict === 'pass' ? '✅' : '❌'} kube-whatif: ${text(v.title)}: ${v.verdictLine}`, '');
  out.push(`**Change:** ${text(v.change.description)}  `);
  for (const f of v.change.fields) out.push(f.before || f.after ? `- \`${text(f.path)}\`: ${text(f.before)} → ${text(f.after)}` : `- ${text(f.path)}`);
  if (v.change.fields.length) out.push('');
  out.push(`<sub>${text(v.runLine)}; delta = mean over seeds, [95% interval] with 2 or more seeds</sub>`, '');
  out.push(table(['', 'before', 'after', 'delta', ''], ['l', 'r', 'r', 'l', 'l'], v.cluster.map((m) => [m.label, m.before, m.after, m.delta, trendText(m.trend)])), '');
  out.push(...blastRadius(v), '');
  const warnings = warningLines(r);
  if (warnings.length) {
    out.push('**⚠️ Warnings** (what these numbers cannot be trusted for):', '');
    for (const w of warnings) out.push(`- ${text(w)}`);
    out.push('');
  }
  const failed = v.assertions.filter((a) => !a.pass);
  if (failed.length) {
    out.push('**Failed assertions:**', '');
    for (const a of failed) out.push(`- ❌ ${assertionLine(a)}`);
    out.push('');
  }
  const containerLines = containerThrottleLines(r);
  if (containerLines.length) {
    out.push('**Containers** (throttled containers of multi-container pods):', '');
    for (const l of containerLines) out.push(`- ${text(l)}`);
    out.push('');
  }
  out.push(...details(`All workloads (${v.workloads.length})`, workloadsTable(v)));
  for (const s of v.scaling) {
    const body = [
      table(['', 'before', 'after'], ['l', 'r', 'r'], s.rows.map((row) => [...row])),
      '',
      `Limited by (before): ${text(s.limitedBefore)}  `,
      `Limited by (after): ${text(s.limitedAfter)}`,
    ];
    out.push(...details(`Scaling of ${s.workload} (changed)`, body));
  }
  out.push(...hpaDecisions(v, r.change.changedWorkloads));
  out.push(...details(`Node scale events (first seed: ${countBy(v.nodeEvents)})`, runTables(v.nodeEvents, eventTable)));
  if (v.assertions.length) out.push(...details(`Assertions (${v.assertions.length})`, v.assertions.map((a) => `- ${a.pass ? '✅' : '❌'} ${assertionLine(a)}`)));
  out.push(`<sub>kube-whatif · scenario ${code(r.scenario.file)} · JSON schema version ${r.schemaVersion}</sub>`);
  return `${out.join('\n')}\n`;
}

function blastRadius(v: ReportView): string[] {
  if (v.blastRadius.length === 0) return ['**Blast radius:** none: no unrelated workload got significantly worse.'];
  const out = ['**Blast radius** (unrelated workloads that got worse, worst first):', ''];
  for (const b of v.blastRadius) out.push(`- **${text(b.workload)}**: ${b.causes.map(text).join('; ')}`);
  return out;
}

function workloadsTable(v: ReportView): string[] {
  const header = ['workload', ...WORKLOAD_COLUMNS.map((c) => c.label)];
  const rows = v.workloads.map((w) => {
    const tags = [w.changed ? 'changed' : '', w.hit ? 'blast radius' : ''].filter(Boolean).join(', ');
    const name = `${w.hit ? '⚠️ ' : ''}${text(w.name)}${tags ? ` <sub>${tags}</sub>` : ''}`;
    return [name, ...w.cells.map((c) => `${c.before} → ${c.after}${c.harmful && c.trend === 'up' ? ' 🔺' : ''}`)];
  });
  return [
    '🔺 = significant rise (the 95% interval excludes 0); throttled = nr_throttled / nr_periods over the run; cells read before → after.',
    '',
    table(header, ['l', ...WORKLOAD_COLUMNS.map(() => 'r' as const)], rows, false),
  ];
}

/** The changed workloads' decisions in full; the other workloads' as counts (their own sections are in --json). */
function hpaDecisions(v: ReportView, changed: readonly string[]): string[] {
  const mine = v.hpaDecisions.filter((d) => changed.includes(d.workload));
  const body = runTables(mine, decisionTable);
  const others = [...new Set(v.hpaDecisions.map((d) => d.workload))].filter((w) => !changed.includes(w));
  if (others.length) {
    body.push('Other workloads (scale changes):', '');
    for (const w of others) body.push(`- ${text(w)}: ${countBy(v.hpaDecisions.filter((d) => d.workload === w))}`);
  }
  return details(`HPA decisions of ${changed.join(', ') || 'the changed workloads'} (first seed: ${countBy(mine)})`, body);
}

function runTables<T extends { run: 'before' | 'after' }>(rows: readonly T[], render: (rows: readonly T[]) => string): string[] {
  const out: string[] = [];
  for (const run of ['before', 'after'] as const) {
    const mine = rows.filter((r) => r.run === run);
    out.push(`**${run}**${mine.length ? '' : ': none'}`, '');
    if (!mine.length) continue;
    out.push(render(mine.slice(0, MARKDOWN_MAX_EVENT_ROWS)));
    if (mine.length > MARKDOWN_MAX_EVENT_ROWS) out.push('', `… and ${mine.length - MARKDOWN_MAX_EVENT_ROWS} more (all of them are in the --json output).`);
    out.push('');
  }
  return out;
}

function decisionTable(rows: readonly DecisionRow[]): string {
  return table(
    ['time', 'workload', 'replicas', 'reason', 'limited by', 'message'],
    ['l', 'l', 'r', 'l', 'l', 'l'],
    rows.map((d) => [d.time, d.workload, `${d.from} → ${d.to}`, d.reason, d.limitedReason, d.message]),
  );
}

function eventTable(rows: readonly EventRow[]): string {
  return table(
    ['time', 'source', 'subject', 'reason', 'message'],
    ['l', 'l', 'l', 'l', 'l'],
    rows.map((e) => [e.time, e.source, e.subject, e.reason, e.message]),
  );
}

function countBy(rows: readonly { run: 'before' | 'after' }[]): string {
  const n = (run: string) => rows.filter((r) => r.run === run).length;
  return `${n('before')} before, ${n('after')} after`;
}

/** `text`: measured ... ; the message starts with the assertion text, shown once as code. */
function assertionLine(a: { text: string; message: string }): string {
  const prefix = `${a.text}: `;
  const rest = a.message.startsWith(prefix) ? a.message.slice(prefix.length) : a.message;
  return `${code(a.text)}: ${text(rest)}`;
}

function trendText(t: Trend): string {
  return t === 'up' ? '🔺 up' : t === 'down' ? '🔽 down' : t === 'none' ? 'no significant change' : '';
}

function details(summary: string, body: readonly string[]): string[] {
  // The blank line after <summary> lets GitHub and GitLab render the Markdown inside.
  const inner = [...body];
  while (inner.length && inner[inner.length - 1] === '') inner.pop();
  return ['<details>', `<summary>${text(summary)}</summary>`, '', ...inner, '', '</details>', ''];
}

/**
 * A GFM table. Cells given as plain text are escaped unless `escaped` is false (then the caller
 * escaped them); pipes are always escaped, since they end a cell even inside code spans.
 */
function table(header: readonly string[], align: readonly ('l' | 'r')[], rows: readonly (readonly string[])[], escape = true): string {
  const cell = (s: string) => (escape ? text(s) : s).replace(/\|/g, '\\|');
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), `|${align.map((a) => (a === 'r' ? '--:' : ':--')).join('|')}|`, ...rows.map(line)].join('\n');
}

/** Untrusted or derived text: one line, nothing live (see escape.ts). */
function text(s: string): string {
  return markdownText(s);
}

function code(s: string): string {
  return markdownCode(s);
}
