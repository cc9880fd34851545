/**
 * A few recent results of a pure per-container function (the throttle estimate, the latency
 * solve), each kept with the exact bits of the inputs that produced it. Pods of one workload on
 * nodes where nothing contends see the same inputs in a step (the same share of the arrivals, the
 * same CPU, no backlog), so most calls repeat one already made; a repeat is answered by copying the
 * stored result, which is the same result bit for bit, so a run with the memo prints what a run
 * without it does. The caller packs the inputs into `key` (every field the function reads), then
 * calls `lookup`, and after a miss computes and calls `store` with the same key.
 * Allocation-free after construction.
 */
export class ExactInputMemo {
  /** The inputs of the next lookup, packed by the caller. */
  readonly key: Float64Array;
  private readonly keyBits: Int32Array;
  private readonly keyWords: number;
  private readonly keys: Int32Array;
  private readonly outs: Float64Array;
  private readonly filled: Uint8Array;
  private readonly victim: Uint8Array;
  hits = 0;
  misses = 0;

  /**
   * @param groups callers that never share inputs (one per container), each with its own entries
   * @param ways entries per group, replaced round-robin
   */
  constructor(
    readonly groups: number,
    readonly ways: number,
    readonly keySize: number,
    readonly outSize: number,
  ) {
    this.key = new Float64Array(keySize);
    this.keyBits = new Int32Array(this.key.buffer);
    this.keyWords = keySize * 2;
    this.keys = new Int32Array(groups * ways * this.keyWords);
    this.outs = new Float64Array(groups * ways * outSize);
    this.filled = new Uint8Array(groups * ways);
    this.victim = new Uint8Array(groups);
  }

  /** Copies the stored result for `key` into `out` and returns true, or returns false. */
  lookup(group: number, out: Float64Array): boolean {
    this.check(group);
    const base = group * this.ways;
    const words = this.keyWords;
    const bits = this.keyBits;
    for (let w = 0; w < this.ways; w++) {
      const e = base + w;
      if (this.filled[e] === 0) continue;
      const off = e * words;
      let same = true;
      // Bits, not values: NaN matches itself and −0 stays apart from 0.
      for (let j = 0; j < words; j++) {
        if (this.keys[off + j] !== bits[j]) {
          same = false;
          break;
        }
      }
      if (!same) continue;
      const o = e * this.outSize;
      for (let j = 0; j < this.outSize; j++) out[j] = this.outs[o + j]!;
      this.hits++;
      return true;
    }
    this.misses++;
    return false;
  }

  /** Keeps `out` as the result for the current `key`. */
  store(group: number, out: Float64Array): void {
    this.check(group);
    const w = this.victim[group]!;
    this.victim[group] = (w + 1) % this.ways;
    const e = group * this.ways + w;
    this.keys.set(this.keyBits, e * this.keyWords);
    const o = e * this.outSize;
    for (let j = 0; j < this.outSize; j++) this.outs[o + j] = out[j]!;
    this.filled[e] = 1;
  }

  /** A group outside the memo would read and overwrite another's entries: a bug in the caller. */
  private check(group: number): void {
    if (!(group >= 0 && group < this.groups && Number.isInteger(group))) throw new RangeError(`memo group ${group} outside 0..${this.groups - 1}`);
  }
}
