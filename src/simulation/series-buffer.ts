import type { Series } from './run-result.js';

/**
 * One recorded series while the run lasts: its values in a growing Float64Array, `null` kept as
 * NaN, made into a {@link Series} when the run's result is read ({@link toSeries}).
 *
 * Why not the array itself: in V8 a fraction held in a plain array is a heap object of its own,
 * and every value of every series outlives the young generation, so each collection of it copied
 * them all again (a quarter of the flagship run's collector time). A typed array's values live
 * outside the collected heap. A series never holds NaN (the project writes no NaN), so NaN is free
 * to stand for `null`.
 */
export class SeriesBuffer {
  private values = new Float64Array(64);
  private count = 0;

  push(value: number | null): void {
    if (this.count === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.count++] = value === null ? NaN : value;
  }

  /** The series as a run's result holds it. */
  toSeries(): Series {
    const out: Series = new Array<number | null>(this.count);
    for (let k = 0; k < this.count; k++) {
      const v = this.values[k]!;
      out[k] = Number.isNaN(v) ? null : v;
    }
    return out;
  }
}
