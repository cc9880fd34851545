import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { mergeSweepResults } from '../../sweep/merge-sweep-results.js';
import { buildSweepResult } from '../../sweep/build-sweep-result.js';
import { renderSweep } from '../../sweep/render-sweep.js';
import { parseQualityMetric } from '../../sweep/quality-metric.js';
import { DEFAULT_TABLE_ROWS } from '../../sweep/defaults.js';
import { SWEEP_SCHEMA_VERSION, type SweepResult } from '../../sweep/types.js';
import { ExitCode, type CommandIo } from '../io.js';
import { terminalText } from '../../report/escape.js';
import { numberArg, sweepExitCode, sweepTargets, usage, writeOutputs } from './sweep.js';
import { checkOutputTargets, takesStdout } from '../write-outputs.js';

export interface MergeOptions {
  readonly json?: string;
  readonly csv?: string;
  readonly rows?: number;
}

/** `whatif merge`: shard outputs (--json of `whatif sweep --shard`) into the result of the unsharded sweep. */
export async function runMergeCommand(files: readonly string[], opts: MergeOptions, io: CommandIo): Promise<number> {
  const refused = checkOutputTargets(sweepTargets(opts), io);
  if (refused !== null) return refused;
  const results: SweepResult[] = [];
  for (const file of files) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      return usage(io, `${file}: cannot read a sweep result: ${error instanceof Error ? error.message : String(error)}`);
    }
    const r = parsed as Partial<SweepResult>;
    if (r.kind !== 'SweepResult' || r.schemaVersion !== SWEEP_SCHEMA_VERSION) {
      return usage(io, `${file}: not a sweep result of schema version ${SWEEP_SCHEMA_VERSION} (write one with whatif sweep --json)`);
    }
    results.push(parsed as SweepResult);
  }
  const merged = mergeSweepResults(results, files);
  if (!merged.ok) {
    for (const p of merged.problems) io.stderr(`whatif merge: ${terminalText(p)}\n`);
    return ExitCode.badInput;
  }
  const result = buildSweepResult(merged.data);
  writeOutputs(result, opts, io);
  const quality = parseQualityMetric(result.quality, result.workloads, result.changedWorkloads);
  (takesStdout(sweepTargets(opts)) ? io.stderr : io.stdout)(renderSweep(result, quality.ok ? quality.metric.unit : 'count', opts.rows ?? DEFAULT_TABLE_ROWS));
  return sweepExitCode(result);
}

/** Registers `whatif merge`. */
export function registerMergeCommand(program: Command, io: CommandIo, setExit: (code: number) => void): void {
  program
    .command('merge')
    .description('combine the --json outputs of sweep shards into the result of the unsharded sweep (the same bytes)')
    .argument('<files...>', 'shard results (whatif sweep --shard i/n --json file)')
    .option('--json <file>', 'write the merged result as JSON')
    .option('--csv <file>', 'write one row per point as CSV')
    .option('--rows <n>', 'rows of the terminal table (default 40)', numberArg({ min: 0, integer: true }))
    .action(async (files: string[], opts: MergeOptions) => setExit(await runMergeCommand(files, opts, io)));
}
