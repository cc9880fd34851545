/**
 * The throttle Monte Carlo's results kept in a file between processes (`--throttle-cache`): a
 * capacity-planning session or a CI job that runs the same scenarios again skips the simulations
 * it made before. A result depends on its key and the model alone, so a run prints the same bytes
 * with or without the file; the file only changes how long it takes.
 *
 * The file is trusted no further than it can be checked. It is used only when its header names this
 * version and this model, its checksum holds, every value is in its range, and a sample of its
 * results, simulated again here, comes out the same to the bit. Anything else is ignored with a
 * warning and replaced at the end: a cache never fails a run. Layout (little-endian):
 *
 *   "KWTHRT01" | u32 header length | header (UTF-8) | u32 count | count x 9 i32 keys
 *   | count x 9 f64 values | SHA-256 of everything before
 */
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import {
  addThrottleResult,
  forEachThrottleResult,
  throttleCacheFingerprint,
  verifyThrottleResult,
  type ThrottleCache,
} from '../models/cpu/throttle-cache.js';
import { THROTTLE_KEY_WORDS, THROTTLE_VALUE_WORDS, TV_COUNTED_PER_PERIOD, TV_THROTTLED_RATIO, TV_UNSTABLE } from '../models/cpu/throttle-table.js';
import { throttleCacheSlots } from '../models/cpu/defaults.js';
import { unsafeTarget, writeFileAtomic } from './write-file-atomic.js';
import { git } from '../scenario/git-source.js';

const MAGIC = 'KWTHRT01';
const DIGEST_BYTES = 32;
/**
 * Results a file keeps: three quarters of a thread's table, so that reading them all leaves the
 * table's probe runs short (throttle-table.ts evicts on a full run).
 */
export const THROTTLE_CACHE_FILE_MAX_RESULTS = (throttleCacheSlots * 3) / 4;
/** Results simulated again when a file is read: a model that changed shows in any of them. */
const CHECKED_RESULTS = 16;
const maxHeaderBytes = 4096;
const maxFileBytes = 8 + 4 + maxHeaderBytes + 4 + THROTTLE_CACHE_FILE_MAX_RESULTS * (THROTTLE_KEY_WORDS * 4 + THROTTLE_VALUE_WORDS * 8) + DIGEST_BYTES;

/** Results as flat arrays, `count` keys of 9 words and their 9 values each. */
export interface ThrottleResults {
  readonly count: number;
  readonly keys: Int32Array;
  readonly values: Float64Array;
}

/** What a file's header says it holds: the program's version and the model's fingerprint. */
export function throttleCacheHeader(cache: ThrottleCache, version: string): string {
  return `kube-whatif ${version}; ${throttleCacheFingerprint(cache)}`;
}

/** The bytes of a file holding `results` under `header`. */
export function encodeThrottleResults(results: ThrottleResults, header: string): Uint8Array {
  const head = Buffer.from(header, 'utf8');
  const n = results.count;
  const size = 8 + 4 + head.length + 4 + n * THROTTLE_KEY_WORDS * 4 + n * THROTTLE_VALUE_WORDS * 8;
  const bytes = Buffer.alloc(size + DIGEST_BYTES);
  let at = bytes.write(MAGIC, 0, 'ascii');
  at = bytes.writeUInt32LE(head.length, at);
  at += head.copy(bytes, at);
  at = bytes.writeUInt32LE(n, at);
  for (let i = 0; i < n * THROTTLE_KEY_WORDS; i++) at = bytes.writeInt32LE(results.keys[i]!, at);
  for (let i = 0; i < n * THROTTLE_VALUE_WORDS; i++) at = bytes.writeDoubleLE(results.values[i]!, at);
  createHash('sha256').update(bytes.subarray(0, size)).digest().copy(bytes, size);
  return bytes;
}

/** The results in `bytes` if they are a whole file written under `header`, else why not. */
export function decodeThrottleResults(bytes: Uint8Array, header: string): { ok: true; results: ThrottleResults } | { ok: false; reason: string } {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length < 8 + 4 + 4 + DIGEST_BYTES || b.toString('ascii', 0, 8) !== MAGIC) return { ok: false, reason: 'it is not a kube-whatif throttle cache' };
  const size = b.length - DIGEST_BYTES;
  if (!createHash('sha256').update(b.subarray(0, size)).digest().equals(b.subarray(size))) return { ok: false, reason: 'its checksum does not match (a partial or damaged file)' };
  const headLength = b.readUInt32LE(8);
  if (headLength > maxHeaderBytes || 12 + headLength + 4 > size) return { ok: false, reason: 'its header is malformed' };
  const written = b.toString('utf8', 12, 12 + headLength);
  if (written !== header) return { ok: false, reason: 'it was written by another version of kube-whatif or of its throttle model' };
  let at = 12 + headLength;
  const count = b.readUInt32LE(at);
  at += 4;
  if (count > THROTTLE_CACHE_FILE_MAX_RESULTS || size - at !== count * (THROTTLE_KEY_WORDS * 4 + THROTTLE_VALUE_WORDS * 8)) return { ok: false, reason: 'its length does not match its count of results' };
  const keys = new Int32Array(count * THROTTLE_KEY_WORDS);
  const values = new Float64Array(count * THROTTLE_VALUE_WORDS);
  for (let i = 0; i < keys.length; i++, at += 4) keys[i] = b.readInt32LE(at);
  for (let i = 0; i < values.length; i++, at += 8) values[i] = b.readDoubleLE(at);
  for (let r = 0; r < count; r++) {
    if (!inRange(values, r * THROTTLE_VALUE_WORDS)) return { ok: false, reason: `result ${r + 1} holds a value out of range` };
  }
  return { ok: true, results: { count, keys, values } };
}

/** Whether one result's values are ones the Monte Carlo can give: no NaN, no negative, ratios within [0, 1]. */
function inRange(values: Float64Array, at: number): boolean {
  for (let j = 0; j < THROTTLE_VALUE_WORDS; j++) if (!(values[at + j]! >= 0)) return false;
  const unstable = values[at + TV_UNSTABLE]!;
  return (unstable === 0 || unstable === 1) && values[at + TV_THROTTLED_RATIO]! <= 1 && values[at + TV_COUNTED_PER_PERIOD]! <= 1;
}

/**
 * Whether `results` are this model's: a sample of them, spread over the file, simulated again
 * gives every value to the bit.
 */
export function resultsReproduce(cache: ThrottleCache, results: ThrottleResults): boolean {
  const checks = Math.min(CHECKED_RESULTS, results.count);
  for (let c = 0; c < checks; c++) {
    const r = Math.floor((c * results.count) / checks);
    if (!verifyThrottleResult(cache, results.keys, r * THROTTLE_KEY_WORDS, results.values, r * THROTTLE_VALUE_WORDS)) return false;
  }
  return true;
}

/** Every result `cache` holds, then those of `earlier` it does not, up to the file's bound. */
export function resultsToKeep(cache: ThrottleCache, earlier: ThrottleResults | null): ThrottleResults {
  const keys: number[] = [];
  const values: number[] = [];
  const seen = new Set<string>();
  const add = (k: Int32Array, kAt: number, v: Float64Array, vAt: number): void => {
    if (seen.size >= THROTTLE_CACHE_FILE_MAX_RESULTS) return;
    const id = k.subarray(kAt, kAt + THROTTLE_KEY_WORDS).join(',');
    if (seen.has(id)) return;
    seen.add(id);
    for (let j = 0; j < THROTTLE_KEY_WORDS; j++) keys.push(k[kAt + j]!);
    for (let j = 0; j < THROTTLE_VALUE_WORDS; j++) values.push(v[vAt + j]!);
  };
  forEachThrottleResult(cache, add);
  if (earlier) for (let r = 0; r < earlier.count; r++) add(earlier.keys, r * THROTTLE_KEY_WORDS, earlier.values, r * THROTTLE_VALUE_WORDS);
  return { count: seen.size, keys: Int32Array.from(keys), values: Float64Array.from(values) };
}

/** What reading a file did: results added to the cache, or why the file was not used. */
export type ThrottleCacheRead = { readonly used: true; readonly results: number } | { readonly used: false; readonly reason: string | null };

/**
 * Adds the results of the file at `path` to `cache` when the file holds this model's results.
 * A missing file is no reason to warn (reason null): it is the first run. The caller has checked
 * the file's place ({@link untrustedPlace}).
 */
export function readThrottleCacheFile(path: string, cache: ThrottleCache, header: string): ThrottleCacheRead {
  const read = readBounded(path);
  if (!read.ok) return { used: false, reason: read.reason };
  const decoded = decodeThrottleResults(read.bytes, header);
  if (!decoded.ok) return { used: false, reason: decoded.reason };
  const { results } = decoded;
  if (!resultsReproduce(cache, results)) return { used: false, reason: 'its results differ from what this model simulates' };
  for (let r = 0; r < results.count; r++) addThrottleResult(cache, results.keys, r * THROTTLE_KEY_WORDS, results.values, r * THROTTLE_VALUE_WORDS);
  return { used: true, results: results.count };
}

/**
 * Writes the cache's results to `path`, with those of the file's current content that still fit
 * (another process may have written it since this one read it). Atomic: a reader sees the old
 * file or the new one. Returns the number of results written.
 */
export function writeThrottleCacheFile(path: string, cache: ThrottleCache, header: string): number {
  const current = readBounded(path);
  const decoded = current.ok ? decodeThrottleResults(current.bytes, header) : null;
  const earlier = decoded?.ok ? decoded.results : null;
  const keep = resultsToKeep(cache, earlier);
  writeFileAtomic(path, encodeThrottleResults(keep, header));
  return keep.count;
}

/**
 * Why a cache at `path` may have come from the merge request rather than the job, or null: a
 * file committed to the repository, or reached through a symbolic link inside the working
 * directory (write-file-atomic.ts refuses the same links for outputs). Either would let a change
 * bring its own throttle results, and the checks above cannot catch every forged one.
 */
export function untrustedPlace(path: string): string | null {
  const problem = unsafeTarget(path);
  if (problem) return problem;
  // Exit 0 only when the file is tracked; untracked, not a repository, or no git: undefined.
  if (git(dirname(path), ['ls-files', '--error-unmatch', '--', basename(path)]) === undefined) return null;
  return 'it is committed to the repository, so a merge request could forge it: keep it out of git and let the job restore it';
}

/**
 * The file's bytes, read without following a symbolic link and only up to the largest file the
 * format allows: a link or a device put in its place by a merge request is refused, not read.
 */
function readBounded(path: string): { ok: true; bytes: Uint8Array } | { ok: false; reason: string | null } {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, reason: null };
    return { ok: false, reason: code === 'ELOOP' ? 'it is a symbolic link' : `it cannot be read (${code ?? 'error'})` };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { ok: false, reason: 'it is not a regular file' };
    if (stat.size > maxFileBytes) return { ok: false, reason: `it is larger than a cache can be (${maxFileBytes} bytes)` };
    const bytes = Buffer.alloc(stat.size);
    let at = 0;
    while (at < bytes.length) {
      const n = readSync(fd, bytes, at, bytes.length - at, at);
      if (n === 0) break;
      at += n;
    }
    return { ok: true, bytes: bytes.subarray(0, at) };
  } finally {
    closeSync(fd);
  }
}
