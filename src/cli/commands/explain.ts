import { loadScenario, type LoadedScenario } from '../../scenario/load-scenario.js';
import { loadScenarioFromGit, type Env } from '../../scenario/git-source.js';
import { formatProblem, type Loaded } from '../../scenario/problem.js';
import { terminalText } from '../../report/escape.js';
import { explainChange } from '../../explain/explain-change.js';
import { renderExplanation } from '../../report/explain-text.js';
import { ExitCode } from '../io.js';
import { inputOptions, type InputFlags } from '../input-options.js';

export interface ExplainOptions extends InputFlags {
  /** Compare two git revisions: "base..head", or true / "" for the CI merge-request variables. */
  readonly git?: string | boolean;
  /** Print the explanation as JSON instead of text. */
  readonly json?: boolean;
}

/**
 * `whatif explain <scenario>`: what the change means in plain words, with static bounds from the
 * configuration alone (maximum requests, nodes and cost at full scale, shared pools, the HPA's
 * wish at peak load). Exit 0, or 2 for bad input (every problem printed, never a stack trace).
 */
export async function runExplainCommand(
  file: string,
  opts: ExplainOptions,
  io: { stdout(s: string): void; stderr(s: string): void; readonly env?: Env },
): Promise<number> {
  const git = opts.git === true ? '' : opts.git === false ? undefined : opts.git;
  const input = inputOptions(opts, { stderr: io.stderr, env: io.env ?? process.env });
  if (!input) return ExitCode.badInput;
  const loaded: Loaded<LoadedScenario & { git?: unknown }> = git !== undefined ? loadScenarioFromGit(file, git || undefined, { ...input, env: io.env ?? process.env }) : loadScenario(file, input);
  if (!loaded.ok) {
    for (const p of loaded.problems) io.stderr(`${terminalText(formatProblem(p))}\n`);
    const n = loaded.problems.length;
    io.stderr(`${n} problem${n === 1 ? '' : 's'} in ${file}; nothing was explained.\n`);
    return loaded.problems.some((p) => p.environment) ? ExitCode.environment : ExitCode.badInput;
  }
  for (const w of loaded.warnings) io.stderr(`${terminalText(formatProblem(w))}\n`);
  const explanation = explainChange(loaded.value);
  if (opts.json) io.stdout(`${JSON.stringify({ ...explanation, ...(loaded.value.git ? { git: loaded.value.git } : {}) }, null, 2)}\n`);
  else io.stdout(renderExplanation(explanation));
  return ExitCode.ok;
}
