import { isFeasibilityPolicy } from './feasibility-policies.js';
import { textTable } from '../report/text-table.js';
import { formatValue } from '../report/format-value.js';
import { terminalSafe } from '../report/escape.js';
import type { MetricUnit } from '../report/metric-catalog.js';
import type { SearchReport } from './build-search-report.js';

/** The terminal report of `whatif search`: the evaluated values, the answer, the monotonicity check. */
export function renderSearch(report: SearchReport, qualityUnit: MetricUnit): string {
  // Parameter paths and messages come from the scenario and options: no control sequence reaches the terminal.
  const r = terminalSafe(report);
  const out: string[] = [`Search of ${r.scenario.name}: the ${r.goal} ${r.parameter} in [${r.range.min}, ${r.range.max}] (step ${r.range.step}) that passes every policy, ${r.seeds.length} seed(s) per value`, ''];
  const rows: string[][] = [['value', 'policies', 'cost/mo', 'Δcost', 'nodes', r.quality]];
  for (const v of r.evaluated) {
    const failing = v.assertions.flatMap((a, i) => (a.pass ? [] : [String(i + 1)]));
    const infeasible = v.assertions.some((a) => !a.pass && isFeasibilityPolicy(a.text));
    rows.push([
      String(v.written),
      v.status === 'error' ? 'ERROR' : v.pass ? 'pass' : `${infeasible ? 'INFEASIBLE' : 'FAIL'} ${failing.join(',')}`,
      formatValue(v.costMonthlyUsd, 'usd'),
      v.costDelta === null ? 'n/a' : `${v.costDelta >= 0 ? '+' : ''}${(v.costDelta * 100).toFixed(1)}%`,
      formatValue(v.nodesPeak, 'count'),
      formatValue(v.quality, qualityUnit),
    ]);
  }
  out.push(textTable(rows), '', 'Policies:', ...r.assertions.map((a, i) => `  ${i + 1}. ${a}`), '');
  for (const u of r.unresolved) out.push(`  ${u.value}: not a valid scenario: ${u.message}`);
  if (!r.complete) out.push('Interrupted before the search finished; the values above are the ones evaluated.');
  const answer = r.answer === null ? 'none' : `${r.answer}${r.range.suffix}`;
  out.push(`Answer: ${answer} (${r.reason}): ${r.message}`);
  if (r.evidence) out.push(`NOT MONOTONE: ${r.evidence.fail.value} fails while ${r.evidence.pass.value} passes; the bisection assumed passing on one side of a threshold, so check the values in between (whatif sweep).`);
  else out.push(`Monotone on the ${r.evaluated.length} evaluated values.`);
  return `${out.join('\n')}\n`;
}
