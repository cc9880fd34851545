import { textTable } from '../report/text-table.js';
import { wrap } from '../report/terminal-report.js';
import type { BacktestAssertion } from './backtest-assertions.js';
import type { Backtest } from './run-backtest.js';
import type { SeriesErrors } from './series-errors.js';

/** The terminal report of a backtest. */
export function renderBacktest(b: Backtest, assertions: readonly BacktestAssertion[]): string {
  const start = new Date(b.startMs).toISOString().replace('.000Z', 'Z');
  const out = [`kube-whatif backtest: ${b.scenario} on ${b.recordings}`, `replayed ${fmtS(b.durationMs)} from ${start} on a ${b.stepMs / 1000} s step, seed ${b.seed}`, ''];
  for (const w of b.workloads) {
    out.push(`${w.workload}: replicas, simulation vs naive references (lower is better)`);
    const rows: string[][] = [['predictor', 'MAE', 'bias', 'matched', 'missed', 'extra', '|delay|', 'timing']];
    const recordedEpisodes = w.replicas[0]!.episodes.matched.length + w.replicas[0]!.episodes.missed.length;
    for (const s of w.replicas) {
      const e = s.episodes;
      rows.push([
        s.name, s.errors ? s.errors.mae.toFixed(2) : '-', s.errors ? signed(s.errors.bias) : '-',
        `${e.matched.length}/${recordedEpisodes}`, String(e.missed.length), String(e.extra.length),
        e.meanAbsDelayMs === null ? '-' : fmtS(e.meanAbsDelayMs), fmtS(e.timingScoreMs),
      ]);
    }
    out.push(textTable(rows));
    for (const m of w.replicas[0]!.episodes.matched) {
      out.push(`  scale-${m.recorded.direction} ${m.recorded.from}->${m.recorded.to} at +${fmtS(m.recorded.startMs - b.startMs)}: simulated ${m.predicted.from}->${m.predicted.to} ${m.delayMs >= 0 ? `${fmtS(m.delayMs)} later` : `${fmtS(-m.delayMs)} earlier`}`);
    }
    for (const m of w.replicas[0]!.episodes.missed) out.push(`  scale-${m.direction} ${m.from}->${m.to} at +${fmtS(m.startMs - b.startMs)}: not simulated within the tolerance`);
    for (const m of w.replicas[0]!.episodes.extra) out.push(`  simulated scale-${m.direction} ${m.from}->${m.to} at +${fmtS(m.startMs - b.startMs)}: not recorded`);
    const levels: [string, SeriesErrors | null, string][] = [['CPU', w.cpu, 'cores'], ['throttled ratio', w.throttledRatio, ''], ['latency p99', w.latencyP99Ms, 'ms']];
    for (const [label, e, unit] of levels) if (e) out.push(`  ${label}: MAE ${e.mae.toFixed(3)}${unit ? ` ${unit}` : ''}, bias ${signed(e.bias, 3)} (${e.points} points)`);
    const lq = w.latencyQuantiles;
    if (lq) {
      const pair = (k: 'p50' | 'p90' | 'p99') => `${k} ${Number(lq.recorded[k].toPrecision(3))} / ${Number(lq.simulated[k].toPrecision(3))} ms`;
      out.push(`  latency over the replay, recorded / simulated: ${pair('p50')}, ${pair('p90')}, ${pair('p99')}`);
    }
    for (const n of w.notes) out.push(...lines(`note: ${n}`, '  '));
    out.push('');
  }
  if (b.nodes) out.push(`nodes: MAE ${b.nodes.mae.toFixed(2)}, bias ${signed(b.nodes.bias)}`, '');
  out.push(...lines('matched: recorded scale episodes with a simulated one of the same direction within 10m; |delay|: their mean time apart; timing: (sum of |delay| + 10m x (missed + extra)) / recorded episodes, so no scale events at all scores 10m.', ''));
  for (const n of b.notes) out.push(...lines(`note: ${n}`, ''));
  if (assertions.length > 0) {
    out.push('', 'assertions:');
    for (const a of assertions) out.push(...lines(`${a.ok ? 'PASS' : 'FAIL'} ${a.text} (${a.message})`, '  '));
  }
  return `${out.join('\n')}\n`;
}

function fmtS(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

function signed(v: number, digits = 2): string {
  return `${v >= 0 ? '+' : ''}${v.toFixed(digits)}`;
}

/** Wraps a line at 100 columns, continuation lines indented under its text. */
function lines(text: string, lead: string): string[] {
  return wrap(text, 98 - lead.length).map((l, i) => `${lead}${i > 0 ? '  ' : ''}${l}`);
}
