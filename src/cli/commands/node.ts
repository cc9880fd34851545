/**
 * `whatif node <case> [--json] [--cores N] [--mode fluid|coarse]`: predicts a node case (CPU shares,
 * quotas, throttling and latency per container) and prints a table or the JSON result of
 * docs/node-cases.md. Exit codes: 0 ok, 2 bad input.
 */
import { predictNodeCase } from '../../models/cpu/predict-node-case.js';
import { predictNodeCaseCoarse } from '../../models/cpu/predict-node-case-coarse.js';
import { renderNodeCaseTable } from '../../report/node-case-table.js';
import { loadNodeCase } from '../../scenario/node-case-load.js';
import { formatProblem } from '../../scenario/problem.js';
import { inputOptions, type InputFlags } from '../input-options.js';
import { terminalText } from '../../report/escape.js';

/** Options of the node command. */
export interface NodeCommandOptions extends InputFlags {
  /** Print the result as JSON (docs/node-cases.md) instead of a table. */
  json?: boolean;
  /** Node CPU count when the case gives neither `cores` nor `cpus`. */
  cores?: number;
  /** `fluid` (event-driven, default) or `coarse` (the simulator's per-step model). */
  mode?: 'fluid' | 'coarse';
}

/** Output sinks. */
export interface NodeCommandIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readonly env?: NodeJS.ProcessEnv;
}

/** Runs the node command; returns the exit code (0 ok, 2 bad input). */
export async function runNodeCommand(file: string, opts: NodeCommandOptions, io: NodeCommandIo): Promise<number> {
  if (opts.cores !== undefined && !(Number.isInteger(opts.cores) && opts.cores > 0)) {
    io.stderr(`error: --cores must be a positive integer (got ${String(opts.cores)})\n`);
    return 2;
  }
  const mode = opts.mode ?? 'fluid';
  if (mode !== 'fluid' && mode !== 'coarse') {
    io.stderr(`error: --mode must be fluid or coarse (got ${String(mode)})\n`);
    return 2;
  }
  const input = inputOptions(opts, { stderr: io.stderr, env: io.env ?? process.env });
  if (!input) return 2;
  const loaded = await loadNodeCase(file, { ...(opts.cores !== undefined ? { cores: opts.cores } : {}), limits: input.limits });
  if (!loaded.ok) {
    io.stderr(`${loaded.problems.map((p) => terminalText(formatProblem(p))).join('\n')}\n`);
    return 2;
  }
  const result = mode === 'fluid' ? predictNodeCase(loaded.value) : predictNodeCaseCoarse(loaded.value);
  io.stdout(opts.json ? `${JSON.stringify(result, null, 2)}\n` : `${renderNodeCaseTable(result, `model: ${mode}, ${loaded.value.cores} cores, ${loaded.value.durationSeconds} s`)}\n`);
  return 0;
}
