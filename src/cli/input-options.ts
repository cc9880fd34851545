import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { limitsFromEnv, overLimit, type Limits } from '../scenario/limits.js';
import type { CommandIo } from './io.js';

/** Flags of every command that loads a scenario: which folders besides the project it may read. */
export interface InputFlags {
  readonly allowPath?: readonly string[];
}

/** What the loader needs from the flags and the environment. */
export interface InputOptions {
  readonly allowPaths: readonly string[];
  readonly limits: Limits;
}

/** Adds `--allow-path DIR` (repeatable) to a command that loads a scenario. */
export function addInputOptions(command: Command): Command {
  return command.option(
    '--allow-path <dir>',
    'also read input files from DIR (repeatable); by default only files inside the scenario\'s git repository (else its folder) are read',
    (dir: string, previous: string[] = []) => [...previous, dir],
  );
}

/** The flags and the environment's limits; null (after printing why) when a limit variable is malformed. */
export function inputOptions(flags: InputFlags, io: Pick<CommandIo, 'stderr' | 'env'>): InputOptions | null {
  const limits = limitsFromEnv(io.env);
  if (!limits.ok) {
    io.stderr(`whatif: error: ${limits.message}\n`);
    return null;
  }
  return { allowPaths: flags.allowPath ?? [], limits: limits.limits };
}

/**
 * Worker threads: as asked, else every core (never more); null after printing why when
 * `--workers` asks for more than the worker limit.
 */
export function workerCount(requested: number | undefined, limits: Limits, io: Pick<CommandIo, 'stderr'>): number | null {
  if (requested === undefined) return Math.min(availableParallelism(), limits.workers.value);
  if (requested > limits.workers.value) {
    io.stderr(`whatif: error: --workers ${requested}: ${overLimit(limits.workers, requested)}\n`);
    return null;
  }
  return requested;
}
