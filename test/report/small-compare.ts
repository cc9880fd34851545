import { readFileSync } from 'node:fs';
import { loadScenario } from '../../src/scenario/load-scenario.js';
import { compareLoaded } from '../../src/cli/commands/compare.js';
import { validateAssertion } from '../../src/cli/validate-assertion.js';
import type { CommandIo } from '../../src/cli/io.js';
import type { ComparisonResult } from '../../src/report/comparison.js';

export const SMALL_CHANGE = 'test/fixtures/scenarios/small-change.yaml';

const quietIo: CommandIo = { stdout: () => {}, stderr: () => {}, stdoutIsTty: false, stderrIsTty: false, env: {} };

/**
 * whatif compare of the small fixture in-process (as the CLI does, without writing files), with
 * its `spec.assert` list replaced when `assertions` is given.
 */
export async function smallCompare(options: { seeds?: number; assertions?: readonly string[] } = {}): Promise<ComparisonResult> {
  const readText = (path: string): string | undefined => {
    const text = readFileSync(path, 'utf8');
    if (!options.assertions) return text;
    return text.replace(/  assert:\n(    - .*\n)+/, `  assert:\n${options.assertions.map((a) => `    - ${JSON.stringify(a)}\n`).join('')}`);
  };
  const loaded = loadScenario(SMALL_CHANGE, { readText, validateAssertion });
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
  return compareLoaded(loaded.value, { seeds: options.seeds ?? 1, workers: 1 }, quietIo);
}
