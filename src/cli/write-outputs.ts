import { resolve } from 'node:path';
import { realpathSync } from 'node:fs';
import { EnvironmentError, describeSystemError, isSystemError } from './environment-error.js';
import { commitStaged, discardStaged, stageFile, unsafeTarget, type StagedFile, type StreamedText } from './write-file-atomic.js';
import { ExitCode, type CommandIo } from './io.js';

/** `-` as an output path: standard output. */
export const STDOUT_PATH = '-';

/** One output option of a command: `--markdown out/report.md`. */
export interface OutputTarget {
  /** The option as the user wrote it, for messages: `--markdown`. */
  readonly option: string;
  /** The path, `-` for standard output, or undefined when the option was not given. */
  readonly path: string | undefined;
}

/**
 * An output with the text to write, rendered before anything is written; or, for a document too
 * large to hold as one string (a run's JSON), a {@link StreamedText} that produces it while it is
 * written.
 */
export interface RenderedOutput extends OutputTarget {
  readonly render: () => string | StreamedText;
}

/**
 * Checks the output options before any work: two options naming the same file (or both `-`) are
 * bad input (2); a target that exists and is not a regular file (a directory, a device, a symbolic
 * link) is refused as an environment problem (3). Returns the exit code after printing why, or
 * null when every target is usable.
 */
export function checkOutputTargets(targets: readonly OutputTarget[], io: CommandIo): number | null {
  const given = targets.filter((t): t is OutputTarget & { path: string } => t.path !== undefined);
  const seen = new Map<string, string>();
  for (const t of given) {
    const key = t.path === STDOUT_PATH ? STDOUT_PATH : canonical(t.path);
    const other = seen.get(key);
    if (other) {
      io.stderr(`whatif: ${other} and ${t.option} both write ${t.path === STDOUT_PATH ? 'standard output (-)' : t.path}; give each output its own path\n`);
      return ExitCode.badInput;
    }
    seen.set(key, t.option);
  }
  for (const t of given) {
    if (t.path === STDOUT_PATH) continue;
    const problem = unsafeTarget(t.path);
    if (problem) {
      io.stderr(`whatif: ${t.option}: ${problem}\n`);
      return ExitCode.environment;
    }
  }
  return null;
}

/** True when one of the outputs goes to standard output (the terminal report then goes to stderr). */
export function takesStdout(targets: readonly OutputTarget[]): boolean {
  return targets.some((t) => t.path === STDOUT_PATH);
}

/**
 * Renders every output, then writes them all or none: each file is staged in full beside its
 * target, and only when every one is staged are they renamed into place. A write error (full or
 * read-only disk, a folder in the way) throws an {@link EnvironmentError} naming the path; no
 * output of the run is left behind to claim success.
 */
export function writeOutputs(outputs: readonly RenderedOutput[], io: CommandIo): void {
  const texts = outputs.filter((o): o is RenderedOutput & { path: string } => o.path !== undefined).map((o) => ({ ...o, text: o.render() }));
  const staged: StagedFile[] = [];
  const fail = (error: unknown, path: string, action: string, done: readonly string[]): never => {
    for (const s of staged) discardStaged(s);
    const why = isSystemError(error) ? describeSystemError(error, action, path) : `cannot ${action} ${path}: ${error instanceof Error ? error.message : String(error)}`;
    const removed = done.length ? `; removed ${done.join(', ')} written before it` : '';
    throw new EnvironmentError(`${why}${removed}; no output of this run was kept`, { cause: error });
  };
  for (const o of texts) {
    if (o.path === STDOUT_PATH) continue;
    try {
      staged.push(stageFile(o.path, o.text));
    } catch (error) {
      // A bug in a streamed producer is not the disk's fault: drop what was staged, report the bug.
      if (typeof o.text !== 'string' && !isSystemError(error)) {
        for (const s of staged) discardStaged(s);
        throw error;
      }
      fail(error, o.path, 'write', []);
    }
  }
  const committed: string[] = [];
  for (const s of [...staged]) {
    try {
      commitStaged(s);
      staged.splice(staged.indexOf(s), 1);
      committed.push(s.target);
    } catch (error) {
      for (const path of committed) removeQuietly(path);
      fail(error, s.target, 'replace', committed);
    }
  }
  for (const o of texts) {
    if (o.path !== STDOUT_PATH) continue;
    if (typeof o.text === 'string') io.stdout(o.text);
    else o.text((chunk) => io.stdout(chunk));
  }
}

function removeQuietly(path: string): void {
  try {
    discardStaged({ target: path, temporary: path });
  } catch {
    // Already gone: nothing claims success.
  }
}

/** The same file under two spellings (`out/r.md`, `./out/../out/r.md`, a symlinked folder) is one key. */
function canonical(path: string): string {
  const absolute = resolve(path);
  try {
    return realpathSync(absolute);
  } catch {
    try {
      return resolve(realpathSync(resolve(absolute, '..')), absolute.slice(absolute.lastIndexOf('/') + 1));
    } catch {
      return absolute;
    }
  }
}
