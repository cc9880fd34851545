import { basename } from 'node:path';
import type { Command } from 'commander';
import { evaluateBacktestAssertions, parseBacktestAssertion, ASSERTION_SYNTAX } from '../../backtest/backtest-assertions.js';
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

export interface BacktestOptions {
  readonly from: string;
  readonly overlay?: string;
  readonly seed?: number;
  readonly json?: string;
  readonly html?: string;
  readonly assert?: readonly string[];
}

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
  const specPatches = overlayPatches(opts.overlay, io);
  if (!specPatches) return ExitCode.badInput;
  const loaded = loadOrReport(file, io, { specPatches });
  if (!loaded) return ExitCode.badInput;
  const recordings = recordingsOrReport(opts.from, io);
  if (!recordings) return ExitCode.badInput;
  const scenario = loaded.before;
  const result = runBacktest(scenario, recordings, { scenario: basename(file), recordings: basename(opts.from) }, opts.seed ?? scenario.seed);
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

/** Registers `whatif backtest`. */
export function registerBacktestCommand(program: Command, io: CommandIo, setExit: (code: number) => void, seedArg: (v: string) => number): void {
  program
    .command('backtest')
    .description('replay recorded load through the scenario; compare simulated with recorded replicas, CPU and scale events')
    .argument('<scenario>', 'scenario YAML file')
    .requiredOption('--from <dir>', 'recordings folder: <workload>.<series>.json|csv (whatif record writes one)')
    .option('--overlay <file>', 'apply a scenario overlay first (whatif calibrate --out)')
    .option('--seed <n>', 'seed (default: spec.seed)', seedArg)
    .option('--json <file>', 'write the scores and series as JSON')
    .option('--html <file>', 'write a self-contained HTML report with recorded vs simulated charts')
    .option('--assert <expr...>', `fail (exit 1) unless every workload meets it: ${ASSERTION_SYNTAX}`)
    .action(async (file: string, opts: BacktestOptions) => setExit(await runBacktestCommand(file, opts, io)));
}
