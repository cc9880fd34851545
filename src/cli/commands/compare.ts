import { defaultWorkers, runSimulations } from '../../sweep/worker-pool.js';
import { buildComparison, type SeedPair } from '../../report/build-comparison.js';
import { renderComparison } from '../../report/terminal-report.js';
import { colorsFor } from '../../report/colors.js';
import { writeJson } from '../../report/to-json.js';
import { DEFAULT_SERIES_MODE, chartSeries, selectSeries } from '../../report/series-selection.js';
import { renderJunit } from '../../report/junit-report.js';
import { renderMarkdown } from '../../report/markdown-report.js';
import { htmlWriter } from '../../report/html-report.js';
import { readChartLibrary } from '../../report/html/chart-library.js';
import type { LoadedScenario } from '../../scenario/load-scenario.js';
import { loadWithWindow, type WindowOptions } from '../load-window.js';
import { overlayPatches } from '../read-overlay.js';
import { validateAssertion } from '../validate-assertion.js';
import { checkOutputTargets, takesStdout, writeOutputs, type OutputTarget } from '../write-outputs.js';
import { ExitCode, type CommandIo } from '../io.js';
import { Progress } from '../progress.js';
import { workerCount, type InputFlags } from '../input-options.js';
import type { OutputSizeFlags } from '../output-options.js';
import { limitsFromEnv, overLimit } from '../../scenario/limits.js';

export interface CompareOptions extends WindowOptions, InputFlags, OutputSizeFlags {
  /** A scenario overlay (whatif calibrate --out) applied to both configurations. */
  readonly overlay?: string;
  readonly seeds?: number;
  readonly seed?: number;
  readonly json?: string;
  readonly markdown?: string;
  readonly junit?: string;
  readonly html?: string;
  /** Worker threads (default: every core). */
  readonly workers?: number;
  /** "base..head", or true for the CI merge-request variables. */
  readonly git?: string | boolean;
}

/** `whatif compare`: before vs after over several seeds with common random numbers. */
export async function runCompareCommand(file: string, opts: CompareOptions, io: CommandIo): Promise<number> {
  const git = opts.git === true ? '' : typeof opts.git === 'string' ? opts.git : undefined;
  const targets: OutputTarget[] = [
    { option: '--json', path: opts.json },
    { option: '--junit', path: opts.junit },
    { option: '--markdown', path: opts.markdown },
    { option: '--html', path: opts.html },
  ];
  const refused = checkOutputTargets(targets, io);
  if (refused !== null) return refused;
  const specPatches = overlayPatches(opts.overlay, io);
  if (!specPatches) return ExitCode.badInput;
  const loaded = loadWithWindow(file, io, opts, { validateAssertion, specPatches }, git, opts);
  if (!loaded) return ExitCode.badInput;
  const limits = limitsFromEnv(io.env);
  const workers = limits.ok ? workerCount(opts.workers, limits.limits, io) : null;
  if (workers === null || !limits.ok) return ExitCode.badInput;
  const seeds = opts.seeds ?? loaded.before.seeds;
  if (seeds > limits.limits.seeds.value || (opts.seed ?? loaded.before.seed) > Number.MAX_SAFE_INTEGER - (seeds - 1)) {
    io.stderr(`whatif: error: --seed/--seeds: ${seeds > limits.limits.seeds.value ? overLimit(limits.limits.seeds, seeds) : 'seed + seeds - 1 must stay a safe integer, so that every seed is distinct'}\n`);
    return ExitCode.badInput;
  }
  if (!loaded.after) {
    io.stderr(`${file}: the scenario has no spec.change (patch or file): nothing to compare. Use 'whatif run' for one configuration.\n`);
    return ExitCode.badInput;
  }
  const started = performance.now();
  const result = await compareLoaded(loaded, { ...opts, workers }, io);
  const seconds = (performance.now() - started) / 1000;
  const mode = opts.series ?? DEFAULT_SERIES_MODE;
  const json = { ...result, runs: { before: selectSeries(result.runs.before, mode), after: selectSeries(result.runs.after, mode) } };
  const charted = { ...result, runs: { before: chartSeries(result.runs.before, mode), after: chartSeries(result.runs.after, mode) } };
  const renderers = [() => (write: (chunk: string) => void) => writeJson(json, write), () => renderJunit(result, { timeSeconds: seconds }), () => renderMarkdown(result), () => htmlWriter(charted, readChartLibrary())];
  writeOutputs(targets.map((t, i) => ({ ...t, render: renderers[i]! })), io);
  // With an output on standard output (`-`), the terminal report moves to stderr.
  const toStderr = takesStdout(targets);
  const report = renderComparison(result, colorsFor({ isTTY: toStderr ? io.stderrIsTty : io.stdoutIsTty }, io.env), opts.top);
  if (toStderr) io.stderr(report);
  else io.stdout(report);
  return result.verdict === 'pass' ? ExitCode.ok : ExitCode.assertionFailed;
}

/** Runs every seed before and after (in parallel on `workers` threads) and builds the comparison. */
export async function compareLoaded(loaded: LoadedScenario, opts: CompareOptions, io: CommandIo) {
  const count = opts.seeds ?? loaded.before.seeds;
  const base = opts.seed ?? loaded.before.seed;
  const progress = new Progress(io, count * 2, 'simulating', { simulatedMsPerUnit: loaded.before.durationMs });
  const tasks = [];
  for (let i = 0; i < count; i++) tasks.push({ scenario: loaded.before, seed: base + i }, { scenario: loaded.after!, seed: base + i });
  const runs = await runSimulations(tasks, opts.workers ?? defaultWorkers(), () => progress.tick());
  const pairs: SeedPair[] = [];
  for (let i = 0; i < count; i++) pairs.push({ seed: base + i, before: runs[2 * i]!, after: runs[2 * i + 1]! });
  return buildComparison(loaded, pairs);
}
