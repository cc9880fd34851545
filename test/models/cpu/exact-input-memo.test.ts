import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { ExactInputMemo } from '../../../src/models/cpu/exact-input-memo.js';
import { podLatencyContendedStep } from '../../../src/models/cpu/contended-latency.js';
import { createLatencyInput, createLatencyOut, LATENCY_KEY_SIZE, LAT_OUT_SIZE, packLatencyInput, type LatencyStepInput } from '../../../src/models/cpu/request-latency.js';
import { packThrottleInput, THROTTLE_KEY_SIZE, type ThrottleStepInput } from '../../../src/models/cpu/throttle-step.js';

function bits(a: Float64Array): string {
  return Array.from(new Uint32Array(a.buffer)).join(',');
}

describe('ExactInputMemo', () => {
  test('a repeated key returns the stored result; a new key misses', () => {
    const m = new ExactInputMemo(2, 2, 3, 2);
    m.key.set([1, 2, 3]);
    const out = new Float64Array(2);
    expect(m.lookup(0, out)).toBe(false);
    m.store(0, Float64Array.of(7, 8));
    expect(m.lookup(0, out)).toBe(true);
    expect(Array.from(out)).toEqual([7, 8]);
    // Another group never sees group 0's entries.
    expect(m.lookup(1, out)).toBe(false);
    m.key.set([1, 2, 4]);
    expect(m.lookup(0, out)).toBe(false);
    expect([m.hits, m.misses]).toEqual([1, 3]);
  });

  test('entries are replaced round-robin: the oldest of ways + 1 keys is gone', () => {
    const m = new ExactInputMemo(1, 2, 1, 1);
    const out = new Float64Array(1);
    for (const k of [1, 2, 3]) {
      m.key[0] = k;
      m.store(0, Float64Array.of(k * 10));
    }
    m.key[0] = 1;
    expect(m.lookup(0, out)).toBe(false);
    m.key[0] = 3;
    expect(m.lookup(0, out)).toBe(true);
    expect(out[0]).toBe(30);
  });

  test('a group outside the memo is refused, not written over another', () => {
    const m = new ExactInputMemo(2, 1, 1, 1);
    const out = new Float64Array(1);
    expect(() => m.lookup(2, out)).toThrow(RangeError);
    expect(() => m.store(-1, out)).toThrow(RangeError);
  });

  test('keys compare by bits: −0 is not 0, NaN matches NaN', () => {
    const m = new ExactInputMemo(1, 4, 1, 1);
    const out = new Float64Array(1);
    m.key[0] = 0;
    m.store(0, Float64Array.of(1));
    m.key[0] = -0;
    expect(m.lookup(0, out)).toBe(false);
    m.key[0] = NaN;
    m.store(0, Float64Array.of(2));
    m.key[0] = NaN;
    expect(m.lookup(0, out)).toBe(true);
    expect(out[0]).toBe(2);
  });
});

/** A value different from `v` of the same kind. */
function other(v: unknown): unknown {
  if (typeof v === 'number') return Number.isFinite(v) ? v + 0.5 : 1.5;
  if (v === 'exp') return 'lognormal';
  throw new Error(`no other value for ${String(v)}`);
}

describe('the packed keys hold every input field', () => {
  // A field missing from a key would let two different inputs share one result: every field
  // of the input objects is changed in turn and must change the key.
  test.each(Object.keys(createLatencyInput()))('latency input field %s', (field) => {
    const base = createLatencyInput();
    const a = new Float64Array(LATENCY_KEY_SIZE);
    const b = new Float64Array(LATENCY_KEY_SIZE);
    packLatencyInput(base, a);
    const changed = { ...base, [field]: other(base[field as keyof LatencyStepInput]) } as LatencyStepInput;
    packLatencyInput(changed, b);
    expect(bits(b)).not.toBe(bits(a));
  });

  const throttleInput: Required<ThrottleStepInput> = {
    meanDemandCores: 0.5,
    arrivalRatePerSecond: 10,
    cpuPerRequestSeconds: 0.02,
    cpuDist: 'exp',
    cpuCv: 1,
    fanout: 1,
    threadsCap: 2,
    workers: 4,
    burstCores: 2,
    limitCores: 1,
    periodSeconds: 0.1,
    stepSeconds: 15,
  };
  test.each(Object.keys(throttleInput))('throttle input field %s', (field) => {
    const a = new Float64Array(THROTTLE_KEY_SIZE);
    const b = new Float64Array(THROTTLE_KEY_SIZE);
    packThrottleInput(throttleInput, a);
    packThrottleInput({ ...throttleInput, [field]: other(throttleInput[field as keyof ThrottleStepInput]) }, b);
    expect(bits(b)).not.toBe(bits(a));
  });
});

describe('a memoised latency solve is the solve', () => {
  test('over random inputs drawn from a few values (so keys repeat), every answer is bit-identical to a fresh solve', () => {
    const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
    const inputs = fc.record({
      arrivalRatePerSecond: pick([0, 5, 40]),
      receivedCores: pick([0.2, 0.8, 1.5]),
      burstCores: pick([1, 2]),
      limitCores: pick([Infinity, 1]),
      backlogCoreSeconds: pick([0, 0.3]),
      contendedBurstCores: pick([0.5, 2]),
      contentionProb: pick([0, 0.3]),
      contentionSeconds: pick([Infinity, 0.05]),
      sloSeconds: pick([Infinity, 0.1]),
    });
    fc.assert(
      fc.property(fc.array(inputs, { minLength: 1, maxLength: 40 }), (xs) => {
        const memo = new ExactInputMemo(1, 4, LATENCY_KEY_SIZE, LAT_OUT_SIZE);
        const viaMemo = createLatencyOut();
        const fresh = createLatencyOut();
        for (const x of xs) {
          const input: LatencyStepInput = { ...createLatencyInput(), cpuPerRequestSeconds: 0.02, workers: 4, stepSeconds: 15, ...x };
          packLatencyInput(input, memo.key);
          if (!memo.lookup(0, viaMemo)) {
            podLatencyContendedStep(input, viaMemo);
            memo.store(0, viaMemo);
          }
          podLatencyContendedStep({ ...input }, fresh);
          if (bits(viaMemo) !== bits(fresh)) return false;
        }
        return true;
      }),
      { seed: 7, numRuns: 200 },
    );
  });
});
