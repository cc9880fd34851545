import { formatValue } from './format-value.js';
import type { AssertionOutcome, ComparisonResult } from './comparison.js';
import { buildReportView } from './report-view.js';
import { warningLines } from './terminal-report.js';
import { xmlAttr, xmlText } from './escape.js';

/** Values that only the caller knows (wall clock); left out, the output is deterministic. */
export interface JunitOptions {
  /** Wall-clock seconds the compare took (simulation included), for the suite's `time`. @default 0 */
  readonly timeSeconds?: number;
  /** ISO 8601 start time of the run, written as the suite's `timestamp` when given. */
  readonly timestamp?: string;
}

/**
 * The assertions as a JUnit XML report in the Ant/Jenkins layout that GitLab's and GitHub's
 * test-report views read: one `<testcase>` per assertion (name = the assertion text, classname =
 * the scenario name), a violated assertion as `<failure>` with the measured value and threshold,
 * an assertion that could not be evaluated (text that does not parse) as `<error>`. Pure.
 */
export function renderJunit(r: ComparisonResult, options: JunitOptions = {}): string {
  const time = seconds(options.timeSeconds ?? 0);
  const failures = r.assertions.filter((a) => !a.pass && !unparsable(a)).length;
  const errors = r.assertions.filter(unparsable).length;
  const counts = `tests="${r.assertions.length}" failures="${failures}" errors="${errors}"`;
  const suiteName = `whatif compare: ${r.scenario.name}`;
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(`<testsuites name="kube-whatif" ${counts} time="${time}">`);
  const stamp = options.timestamp ? ` timestamp="${attr(options.timestamp)}"` : '';
  out.push(`  <testsuite name="${attr(suiteName)}" ${counts} skipped="0" time="${time}"${stamp}>`);
  out.push('    <properties>');
  for (const [name, value] of properties(r)) out.push(`      <property name="${attr(name)}" value="${attr(value)}"/>`);
  out.push('    </properties>');
  for (const a of r.assertions) out.push(...testcase(a, r));
  out.push(`    <system-out>${body(summary(r))}</system-out>`);
  const warnings = warningLines(r);
  if (warnings.length) out.push(`    <system-err>${body(['Warnings:', ...warnings].join('\n'))}</system-err>`);
  out.push('  </testsuite>', '</testsuites>');
  return `${out.join('\n')}\n`;
}

/** A value in the assertion's own unit ("+25.1%", "121 ms"), or the raw number when it has none. */
function shown(a: AssertionOutcome, v: number | null): string {
  if (v === null || a.unit === null || !Number.isFinite(v)) return raw(v);
  return a.relative ? `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)}%` : formatValue(v, a.unit);
}

/** evaluateAssertions marks a text that does not parse with a NaN threshold. */
function unparsable(a: AssertionOutcome): boolean {
  return !a.pass && Number.isNaN(a.threshold);
}

function testcase(a: AssertionOutcome, r: ComparisonResult): string[] {
  const open = `    <testcase name="${attr(a.text)}" classname="${attr(r.scenario.name)}" time="0"`;
  if (a.pass) return [`${open}/>`];
  const tag = unparsable(a) ? 'error' : 'failure';
  const type = unparsable(a) ? 'InvalidAssertion' : a.measured === null ? 'NoData' : 'AssertionViolated';
  const lines = [
    a.message,
    '',
    `measured:  ${shown(a, a.measured)}`,
    `threshold: ${shown(a, a.threshold)}`,
    `seeds:     ${r.scenario.seeds.join(', ')}`,
    `change:    ${r.change.description}`,
  ];
  return [`${open}>`, `      <${tag} message="${attr(a.message)}" type="${type}">${body(lines.join('\n'))}</${tag}>`, '    </testcase>'];
}

/** Key facts of the comparison, readable in the CI test-report view without the other outputs. */
function properties(r: ComparisonResult): [string, string][] {
  const props: [string, string][] = [
    ['scenario.file', r.scenario.file],
    ['seeds', r.scenario.seeds.join(',')],
    ['change', r.change.description],
    ['verdict', r.verdict],
    ['schemaVersion', String(r.schemaVersion)],
  ];
  for (const [name, m] of Object.entries(r.cluster)) {
    props.push([`${name}.before`, raw(m.before)], [`${name}.after`, raw(m.after)]);
  }
  return props;
}

function summary(r: ComparisonResult): string {
  const v = buildReportView(r);
  const lines = [`kube-whatif compare ${r.scenario.name}: ${v.verdictLine}`, v.runLine, `change: ${v.change.description}`];
  for (const m of v.cluster) lines.push(`${m.label}: ${m.before} -> ${m.after} (delta ${m.delta})`);
  if (v.blastRadius.length === 0) lines.push('blast radius: none');
  for (const b of v.blastRadius) lines.push(`blast radius: ${b.workload}: ${b.causes.join('; ')}`);
  return lines.join('\n');
}

/** A number as the JSON output writes it (6 significant digits; fractions, not percent), or "none". */
function raw(x: number | null): string {
  return x === null || !Number.isFinite(x) ? 'none' : String(Number.isInteger(x) ? x : Number(x.toPrecision(6)));
}

/** Seconds with millisecond precision, as the schema's time pattern allows (no exponent, no sign). */
function seconds(s: number): string {
  return Number.isFinite(s) && s > 0 ? s.toFixed(3) : '0';
}

function body(s: string): string {
  return xmlText(s);
}

function attr(s: string): string {
  return xmlAttr(s);
}
