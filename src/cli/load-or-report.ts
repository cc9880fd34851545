import { loadScenario, type LoadedScenario, type LoadOptions } from '../scenario/load-scenario.js';
import { loadScenarioFromGit } from '../scenario/git-source.js';
import { formatProblem } from '../scenario/problem.js';
import { terminalText } from '../report/escape.js';
import type { CommandIo } from './io.js';
import { inputOptions, type InputFlags } from './input-options.js';
import { EnvironmentError } from './environment-error.js';

/**
 * Loads a scenario, printing every problem (and warnings) to stderr; null when it cannot be used.
 * With `git` (a "base..head" range, or "" for the CI merge-request variables) the before config
 * comes from the base revision's files and the after config from the head's.
 */
export function loadOrReport(file: string, io: CommandIo, options: LoadOptions = {}, git?: string, flags: InputFlags = {}): LoadedScenario | null {
  const input = inputOptions(flags, io);
  if (!input) return null;
  const all = { ...input, ...options };
  const result = git !== undefined ? loadScenarioFromGit(file, git || undefined, { ...all, env: io.env }) : loadScenario(file, all);
  if (!result.ok) {
    for (const p of result.problems) io.stderr(`${terminalText(formatProblem(p))}\n`);
    const n = result.problems.length;
    io.stderr(`${n} problem${n === 1 ? '' : 's'} in ${file}; nothing was simulated.\n`);
    if (result.problems.some((p) => p.environment)) throw new EnvironmentError('the git revisions are not available', { reported: true });
    return null;
  }
  for (const w of result.warnings) io.stderr(`${terminalText(formatProblem(w))}\n`);
  return result.value;
}
