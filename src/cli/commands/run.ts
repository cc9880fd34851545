import { runSimulation } from '../../simulation/run-simulation.js';
import { Progress } from '../progress.js';
import { writeJson } from '../../report/to-json.js';
import { DEFAULT_SERIES_MODE, selectSeries } from '../../report/series-selection.js';
import { resolvedConfiguration } from '../../report/resolved-configuration.js';
import { renderRun } from '../../report/run-report.js';
import { colorsFor } from '../../report/colors.js';
import { loadWithWindow, type WindowOptions } from '../load-window.js';
import { validateAssertion } from '../validate-assertion.js';
import { checkOutputTargets, takesStdout, writeOutputs } from '../write-outputs.js';
import { ExitCode, type CommandIo } from '../io.js';
import type { InputFlags } from '../input-options.js';
import type { OutputSizeFlags } from '../output-options.js';

export interface RunOptions extends WindowOptions, InputFlags, OutputSizeFlags {
  readonly seed?: number;
  readonly json?: string;
  /** Simulate the after configuration instead of the before one. */
  readonly after?: boolean;
}

/** `whatif run`: one configuration, one seed. */
export async function runRunCommand(file: string, opts: RunOptions, io: CommandIo): Promise<number> {
  const targets = [{ option: '--json', path: opts.json }];
  const refused = checkOutputTargets(targets, io);
  if (refused !== null) return refused;
  const loaded = loadWithWindow(file, io, opts, { validateAssertion }, undefined, opts);
  if (!loaded) return ExitCode.badInput;
  const scenario = opts.after ? loaded.after : loaded.before;
  if (!scenario) {
    io.stderr(`${file}: --after given but the scenario has no spec.change\n`);
    return ExitCode.badInput;
  }
  const progress = new Progress(io, 1, 'simulating', { simulatedMsPerUnit: scenario.durationMs });
  const result = runSimulation(scenario, opts.seed ?? scenario.seed, io.stderrIsTty ? { onProgress: (ms) => progress.simulatedTo(ms) } : {});
  progress.tick();
  const document = {
    schemaVersion: 1,
    scenario: { name: scenario.name, file, configuration: opts.after ? 'after' : 'before' },
    configuration: resolvedConfiguration(scenario, (opts.after ? loaded.inputs?.after : loaded.inputs?.before)?.containers ?? loaded.inputs?.before.containers),
    run: selectSeries(result, opts.series ?? DEFAULT_SERIES_MODE),
  };
  // Streamed: a large cluster's week is hundreds of megabytes of JSON, more than one string holds.
  writeOutputs([{ ...targets[0]!, render: () => (write) => writeJson(document, write) }], io);
  const toStderr = takesStdout(targets);
  const report = renderRun(scenario, result, colorsFor({ isTTY: toStderr ? io.stderrIsTty : io.stdoutIsTty }, io.env), opts.top);
  if (toStderr) io.stderr(report);
  else io.stdout(report);
  return ExitCode.ok;
}
