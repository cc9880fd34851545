/**
 * Throttle Monte Carlo results by quantized key (throttle-cache.ts) in one flat open-addressing
 * table: keys and values in typed arrays, so a lookup reads two or three cache lines instead of
 * following a Map entry to its key array and result object. The same layout serves two uses:
 *
 * - each thread's own table, over an ArrayBuffer: a full probe run evicts the key's home slot, so
 *   the table stays bounded without clearing everything at once;
 * - one table for every thread of the process, over a SharedArrayBuffer: a sweep's workers would
 *   otherwise each run the same simulations. A slot is empty, being written or ready (Atomics); a
 *   reader takes only ready slots and a ready slot is never written again, so a value is read whole
 *   or not at all. Two threads missing the same key at once both simulate it and one stores it.
 *
 * Results depend on their key alone, so whether a result is kept, evicted or shared changes how
 * often the Monte Carlo runs, never what a run prints.
 */
import { throttleCacheSlots } from './defaults.js';
import type { ThrottleMcResult } from './throttle-monte-carlo.js';

/** Int32 key words per entry: throttle-cache.ts's nine quantized parameters. */
export const THROTTLE_KEY_WORDS = 9;
/** Float64 value words per entry, at these offsets from {@link valueOffset}. */
export const THROTTLE_VALUE_WORDS = 9;
export const TV_THROTTLED_RATIO = 0;
export const TV_COUNTED_PER_PERIOD = 1;
export const TV_STALL_PER_THROTTLED = 2;
export const TV_THROTTLED_CPU_PER_PERIOD = 3;
export const TV_USED_CORES_MEAN = 4;
/** 1 when the Monte Carlo's backlog grew without bound. */
export const TV_UNSTABLE = 5;
/** Request latency p50, p90, p99 in periods. */
export const TV_LATENCY_P50 = 6;
const EMPTY = 0;
const WRITING = 1;
const READY = 2;
/** Slots looked at before a lookup gives up, or an insert evicts (own table) or is dropped (shared). */
const maxProbes = 16;

export interface ThrottleTable {
  readonly states: Int32Array;
  readonly keys: Int32Array;
  readonly values: Float64Array;
  readonly mask: number;
  /** True over a SharedArrayBuffer: entries are never overwritten, since other threads may be reading them. */
  readonly shared: boolean;
}

/** A buffer with room for `slots` entries (a power of two; about 0.1 KiB each, paged in when used). */
export function createThrottleTableBuffer(slots: number, shared: true): SharedArrayBuffer;
export function createThrottleTableBuffer(slots: number, shared: false): ArrayBuffer;
export function createThrottleTableBuffer(slots: number, shared: boolean): ArrayBufferLike {
  if (!(slots > 0 && (slots & (slots - 1)) === 0)) throw new RangeError(`slots must be a power of two, not ${slots}`);
  const bytes = layout(slots).bytes;
  return shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
}

/** The process's shared table: 131,072 entries (14 MiB), as each thread's own (defaults.ts throttleCacheSlots). */
export function createSharedThrottleBuffer(slots = throttleCacheSlots): SharedArrayBuffer {
  return createThrottleTableBuffer(slots, true);
}

/** Views of a buffer made by {@link createThrottleTableBuffer}, in this thread. */
export function throttleTable(buffer: ArrayBufferLike): ThrottleTable {
  let slots = 1;
  while (layout(slots * 2).bytes <= buffer.byteLength) slots *= 2;
  const l = layout(slots);
  return {
    states: new Int32Array(buffer, 0, slots),
    keys: new Int32Array(buffer, l.keysAt, slots * THROTTLE_KEY_WORDS),
    values: new Float64Array(buffer, l.valuesAt, slots * THROTTLE_VALUE_WORDS),
    mask: slots - 1,
    shared: buffer instanceof SharedArrayBuffer,
  };
}

function layout(slots: number): { keysAt: number; valuesAt: number; bytes: number } {
  const keysAt = slots * 4;
  const valuesAt = Math.ceil((keysAt + slots * THROTTLE_KEY_WORDS * 4) / 8) * 8;
  return { keysAt, valuesAt, bytes: valuesAt + slots * THROTTLE_VALUE_WORDS * 8 };
}

/** Where slot `slot`'s values start in `values`. */
export function valueOffset(slot: number): number {
  return slot * THROTTLE_VALUE_WORDS;
}

/** The ready slot holding `key` (hash `hash`), or -1. */
export function findSlot(t: ThrottleTable, hash: number, key: Int32Array): number {
  for (let probe = 0; probe < maxProbes; probe++) {
    const slot = (hash + probe) & t.mask;
    const state = Atomics.load(t.states, slot);
    if (state === EMPTY) return -1;
    if (state === READY && sameKey(t, slot, key)) return slot;
  }
  return -1;
}

/** Whether slot `slot` holds a whole result. */
export function isReady(t: ThrottleTable, slot: number): boolean {
  return Atomics.load(t.states, slot) === READY;
}

/**
 * Stores the values `from[at .. at + THROTTLE_VALUE_WORDS)` under `key` and returns the slot, or
 * returns the slot already holding the key. When the probe run is full, an own table evicts the
 * key's home slot; a shared one drops the insert and returns -1.
 */
export function storeSlot(t: ThrottleTable, hash: number, key: Int32Array, from: Float64Array, at: number): number {
  for (let probe = 0; probe < maxProbes; probe++) {
    const slot = (hash + probe) & t.mask;
    const state = Atomics.load(t.states, slot);
    if (state === READY && sameKey(t, slot, key)) return slot;
    if (state !== EMPTY) continue;
    if (t.shared && Atomics.compareExchange(t.states, slot, EMPTY, WRITING) !== EMPTY) continue;
    write(t, slot, key, from, at);
    return slot;
  }
  if (t.shared) return -1;
  const home = hash & t.mask;
  write(t, home, key, from, at);
  return home;
}

function write(t: ThrottleTable, slot: number, key: Int32Array, from: Float64Array, at: number): void {
  t.keys.set(key.subarray(0, THROTTLE_KEY_WORDS), slot * THROTTLE_KEY_WORDS);
  t.values.set(from.subarray(at, at + THROTTLE_VALUE_WORDS), valueOffset(slot));
  // Publishing the state after the words makes them visible to a thread that loads it.
  Atomics.store(t.states, slot, READY);
}

/** A Monte Carlo result as table values, into `out` from 0. */
export function packThrottleResult(r: ThrottleMcResult, out: Float64Array): void {
  out[TV_THROTTLED_RATIO] = r.throttledRatio;
  out[TV_COUNTED_PER_PERIOD] = r.countedPerPeriod;
  out[TV_STALL_PER_THROTTLED] = r.stallPerThrottled;
  out[TV_THROTTLED_CPU_PER_PERIOD] = r.throttledCpuPerPeriod;
  out[TV_USED_CORES_MEAN] = r.usedCoresMean;
  out[TV_UNSTABLE] = r.unstable ? 1 : 0;
  out[TV_LATENCY_P50] = r.latencyPeriods[0];
  out[TV_LATENCY_P50 + 1] = r.latencyPeriods[1];
  out[TV_LATENCY_P50 + 2] = r.latencyPeriods[2];
}

/** The result in slot `slot`, as a new object (for tests and diagnostics; the step reads the values). */
export function throttleResultAt(t: ThrottleTable, slot: number): ThrottleMcResult {
  const v = valueOffset(slot);
  const x = t.values;
  return {
    throttledRatio: x[v + TV_THROTTLED_RATIO]!,
    countedPerPeriod: x[v + TV_COUNTED_PER_PERIOD]!,
    stallPerThrottled: x[v + TV_STALL_PER_THROTTLED]!,
    throttledCpuPerPeriod: x[v + TV_THROTTLED_CPU_PER_PERIOD]!,
    usedCoresMean: x[v + TV_USED_CORES_MEAN]!,
    unstable: x[v + TV_UNSTABLE] === 1,
    latencyPeriods: [x[v + TV_LATENCY_P50]!, x[v + TV_LATENCY_P50 + 1]!, x[v + TV_LATENCY_P50 + 2]!],
  };
}

function sameKey(t: ThrottleTable, slot: number, key: Int32Array): boolean {
  const at = slot * THROTTLE_KEY_WORDS;
  for (let j = 0; j < THROTTLE_KEY_WORDS; j++) if (t.keys[at + j] !== key[j]) return false;
  return true;
}
