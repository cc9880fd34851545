import { loadScenario, type LoadedScenario, type LoadOptions } from '../scenario/load-scenario.js';
import { formatProblem } from '../scenario/problem.js';
import type { CommandIo } from './io.js';

/** Loads a scenario, printing every problem (and warnings) to stderr; null when it cannot be used. */
export function loadOrReport(file: string, io: CommandIo, options: LoadOptions = {}): LoadedScenario | null {
  const result = loadScenario(file, options);
  if (!result.ok) {
    for (const p of result.problems) io.stderr(`${formatProblem(p)}\n`);
    const n = result.problems.length;
    io.stderr(`${n} problem${n === 1 ? '' : 's'} in ${file}; nothing was simulated.\n`);
    return null;
  }
  for (const w of result.warnings) io.stderr(`${formatProblem(w)}\n`);
  return result.value;
}
