/**
 * Throttle Monte Carlo results shared by the threads of one process (throttle-cache.ts): a sweep's
 * workers would otherwise each run the same few thousand simulations, since the results depend on
 * the quantized key alone. A fixed open-addressing table in a SharedArrayBuffer: a slot is empty,
 * being written or ready (Atomics), and a reader takes only ready slots, so a value is read whole
 * or not at all. Two threads missing the same key at once both simulate it and one stores it; the
 * results are the same, so no thread's output depends on another's timing.
 */
import type { ThrottleMcResult } from './throttle-monte-carlo.js';

/** Int32 key words per entry (throttle-cache.ts builds 9). */
export const SHARED_KEY_WORDS = 9;
const VALUE_WORDS = 9;
const EMPTY = 0;
const WRITING = 1;
const READY = 2;
/** Slots looked at before a lookup gives up or an insert is dropped. */
const maxProbes = 16;

export interface SharedThrottleTable {
  readonly states: Int32Array;
  readonly keys: Int32Array;
  readonly values: Float64Array;
  readonly mask: number;
}

/** Room for `slots` entries (a power of two); about 0.1 KiB each. */
export function createSharedThrottleBuffer(slots = 1 << 16): SharedArrayBuffer {
  if (!(slots > 0 && (slots & (slots - 1)) === 0)) throw new RangeError(`slots must be a power of two, not ${slots}`);
  return new SharedArrayBuffer(layout(slots).bytes);
}

/** Views of a buffer made by {@link createSharedThrottleBuffer}, in this thread. */
export function sharedThrottleTable(buffer: SharedArrayBuffer): SharedThrottleTable {
  let slots = 1;
  while (layout(slots * 2).bytes <= buffer.byteLength) slots *= 2;
  const l = layout(slots);
  return {
    states: new Int32Array(buffer, 0, slots),
    keys: new Int32Array(buffer, l.keysAt, slots * SHARED_KEY_WORDS),
    values: new Float64Array(buffer, l.valuesAt, slots * VALUE_WORDS),
    mask: slots - 1,
  };
}

function layout(slots: number): { keysAt: number; valuesAt: number; bytes: number } {
  const keysAt = slots * 4;
  const valuesAt = Math.ceil((keysAt + slots * SHARED_KEY_WORDS * 4) / 8) * 8;
  return { keysAt, valuesAt, bytes: valuesAt + slots * VALUE_WORDS * 8 };
}

/** The result stored under `key` (hash `hash`), as a new object, or undefined. */
export function sharedLookup(t: SharedThrottleTable, hash: number, key: Int32Array): ThrottleMcResult | undefined {
  for (let probe = 0; probe < maxProbes; probe++) {
    const slot = (hash + probe) & t.mask;
    const state = Atomics.load(t.states, slot);
    if (state === EMPTY) return undefined;
    if (state !== READY || !sameKey(t, slot, key)) continue;
    const v = slot * VALUE_WORDS;
    const x = t.values;
    return {
      throttledRatio: x[v]!,
      countedPerPeriod: x[v + 1]!,
      stallPerThrottled: x[v + 2]!,
      throttledCpuPerPeriod: x[v + 3]!,
      usedCoresMean: x[v + 4]!,
      unstable: x[v + 5] === 1,
      latencyPeriods: [x[v + 6]!, x[v + 7]!, x[v + 8]!],
    };
  }
  return undefined;
}

/** Stores `result` under `key` unless it is there already or its probe run is full. */
export function sharedInsert(t: SharedThrottleTable, hash: number, key: Int32Array, result: ThrottleMcResult): void {
  for (let probe = 0; probe < maxProbes; probe++) {
    const slot = (hash + probe) & t.mask;
    const state = Atomics.load(t.states, slot);
    if (state === READY && sameKey(t, slot, key)) return;
    if (state !== EMPTY || Atomics.compareExchange(t.states, slot, EMPTY, WRITING) !== EMPTY) continue;
    t.keys.set(key.subarray(0, SHARED_KEY_WORDS), slot * SHARED_KEY_WORDS);
    const v = slot * VALUE_WORDS;
    const x = t.values;
    x[v] = result.throttledRatio;
    x[v + 1] = result.countedPerPeriod;
    x[v + 2] = result.stallPerThrottled;
    x[v + 3] = result.throttledCpuPerPeriod;
    x[v + 4] = result.usedCoresMean;
    x[v + 5] = result.unstable ? 1 : 0;
    x[v + 6] = result.latencyPeriods[0];
    x[v + 7] = result.latencyPeriods[1];
    x[v + 8] = result.latencyPeriods[2];
    // Publishing the state after the words makes them visible to a thread that loads it.
    Atomics.store(t.states, slot, READY);
    return;
  }
}

function sameKey(t: SharedThrottleTable, slot: number, key: Int32Array): boolean {
  const at = slot * SHARED_KEY_WORDS;
  for (let j = 0; j < SHARED_KEY_WORDS; j++) if (t.keys[at + j] !== key[j]) return false;
  return true;
}
