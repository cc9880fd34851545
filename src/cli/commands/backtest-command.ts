import { basename } from 'node:path';
import { evaluateBacktestAssertions, parseBacktestAssertion } from '../../backtest/backtest-assertions.js';
import { renderBacktest } from '../../backtest/render-backtest.js';
import { renderBacktestHtml } from '../../backtest/backtest-html.js';
import { runBacktest } from '../../backtest/run-backtest.js';
import { readChartLibrary } from '../../report/html/chart-library.js';
import { toJson } from '../../report/to-json.js';
import { loadOrReport } from '../load-or-report.js';
import { recordingsOrReport } from '../recordings-or-report.js';
import { overlayPatches } from '../read-overlay.js';
import { writeFileAtomic } from '../write-file-atomic.js';
import { ExitCode, type CommandIo } from '../io.js';
import type { BacktestOptions } from './backtest.js';


/** `whatif backtest`: replay the recorded load through the scenario and score it against what was recorded. */
export async function runBacktestCommand(file: string, opts: BacktestOptions, io: CommandIo): Promise<number> {
  const asserts: { text: string; metric: string; limit: number }[] = [];
  for (const text of opts.assert ?? []) {
    const a = parseBacktestAssertion(text);
    if ('error' in a) {
      io.stderr(`whatif backtest: ${a.error}\n`);
      return ExitCode.badInput;
    }
    asserts.push({ text, ...a });
  }
  const untilMs = opts.until === undefined ? undefined : Date.parse(opts.until);
  if (untilMs !== undefined && !Number.isFinite(untilMs)) {
    io.stderr(`whatif backtest: --until: not a time: ${JSON.stringify(opts.until)} (ISO 8601, e.g. 2026-09-25T17:32:15Z)\n`);
    return ExitCode.badInput;
  }
  const specPatches = overlayPatches(opts.overlay, io);
  if (!specPatches) return ExitCode.badInput;
  const loaded = loadOrReport(file, io, { specPatches });
  if (!loaded) return ExitCode.badInput;
  const recordings = recordingsOrReport(opts.from, io);
  if (!recordings) return ExitCode.badInput;
  const scenario = loaded.before;
  const result = runBacktest(scenario, recordings, { scenario: basename(file), recordings: basename(opts.from) }, opts.seed ?? scenario.seed, untilMs === undefined ? {} : { untilMs });
  if ('error' in result) {
    io.stderr(`${opts.from}: ${result.error}\n`);
    return ExitCode.badInput;
  }
  const assertions = evaluateBacktestAssertions(result, asserts);
  if (opts.json) writeFileAtomic(opts.json, toJson({ ...result, assertions }));
  if (opts.html) writeFileAtomic(opts.html, renderBacktestHtml(result, assertions, readChartLibrary()));
  io.stdout(renderBacktest(result, assertions));
  return assertions.every((a) => a.ok) ? ExitCode.ok : ExitCode.assertionFailed;
}
