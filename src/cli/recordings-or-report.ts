import type { Recordings } from '../calibrate/recording.js';
import { readRecordings } from '../calibrate/read-recordings.js';
import { listFromDisk, readFromDisk } from '../scenario/import/input-files.js';
import { formatProblem } from '../scenario/problem.js';
import type { CommandIo } from './io.js';

/** Reads a recordings folder, printing its problems and warnings to stderr; null when it cannot be used. */
export function recordingsOrReport(dir: string, io: CommandIo): Recordings | null {
  const read = readRecordings(dir, readFromDisk, listFromDisk);
  if (!read.ok) {
    for (const p of read.problems) io.stderr(`${formatProblem(p)}\n`);
    io.stderr(`cannot read the recordings in ${dir}; nothing was done.\n`);
    return null;
  }
  for (const w of read.warnings) io.stderr(`${formatProblem(w)}\n`);
  return read.recordings;
}
