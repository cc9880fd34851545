/**
 * Order statistics for the throttle Monte Carlo (throttle-monte-carlo.ts): an in-place ascending
 * sort of a typed array's prefix and the p50/p90/p99 of a sample by quickselect. Both give exactly
 * the values the typed-array sort would, without its per-call view and its O(n log n).
 */

/**
 * Ascending sort of a[0..n) in place, without the view and call that `subarray(0, n).sort()` costs
 * every period. Only for values without NaN and -0 (uniforms in [0, 1)), where any correct sort
 * gives the same array as the typed-array sort.
 */
export function sortPrefix(a: Float64Array, n: number): void {
  if (n <= 24) {
    insertionSort(a, 0, n);
    return;
  }
  quickSort(a, 0, n);
}

function insertionSort(a: Float64Array, from: number, to: number): void {
  for (let i = from + 1; i < to; i++) {
    const v = a[i]!;
    let j = i - 1;
    while (j >= from && a[j]! > v) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = v;
  }
}

function quickSort(a: Float64Array, from: number, to: number): void {
  while (to - from > 24) {
    const i = partition(a, from, to);
    // Recurse into the smaller side so the stack stays O(log n).
    if (i - from < to - i) {
      quickSort(a, from, i);
      from = i;
    } else {
      quickSort(a, i, to);
      to = i;
    }
  }
  insertionSort(a, from, to);
}

/**
 * Hoare partition of a[from..to) (length ≥ 3) around the median of its first, middle and last
 * values: returns i with a[from..i) ≤ pivot ≤ a[i..to), both sides non-empty.
 */
function partition(a: Float64Array, from: number, to: number): number {
  const x = a[from]!;
  const y = a[(from + to) >>> 1]!;
  const z = a[to - 1]!;
  const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
  let i = from - 1;
  let j = to;
  for (;;) {
    do i++;
    while (a[i]! < pivot);
    do j--;
    while (a[j]! > pivot);
    if (i >= j) return j + 1;
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
}

/**
 * Moves the k-th smallest of a[from..to) to index k, smaller-or-equal values before it and
 * greater-or-equal after (quickselect): an order statistic has one value whatever the method.
 * @returns the end of the sorted window around k: a[k..end) hold their own order statistics too
 */
function selectKth(a: Float64Array, from: number, to: number, k: number): number {
  while (to - from > 24) {
    const i = partition(a, from, to);
    if (k < i) to = i;
    else from = i;
  }
  insertionSort(a, from, to);
  return to;
}

/**
 * p50, p90, p99 of samples[0..n), interpolated between order statistics as over the sorted array.
 * The statistics come from quickselect (O(n) instead of sorting 20,000 values per cache miss);
 * NaN or -0, whose place the typed-array sort fixes but comparisons do not, take the sort.
 */
export function percentiles(a: Float64Array, n: number): [number, number, number] {
  if (n === 0) return [0, 0, 0];
  // Order statistics in increasing rank: each selection leaves a[0..rank] ≤ a[rank + 1..n), so the
  // next one searches above it, and the successor of rank r is the least value above r.
  let done = 0;
  let sortedTo = 0;
  for (let i = 0; i < n; i++) {
    const v = a[i]!;
    if (v !== v || (v === 0 && 1 / v < 0)) {
      a.subarray(0, n).sort();
      done = n;
      break;
    }
  }
  const at = (q: number): number => {
    const h = (n - 1) * q;
    const lo = Math.floor(h);
    const hi = Math.min(lo + 1, n - 1);
    if (lo >= done) {
      sortedTo = selectKth(a, done, n, lo);
      done = lo + 1;
    }
    if (hi >= done && hi < sortedTo) done = hi + 1;
    if (hi >= done) {
      let m = hi;
      for (let i = hi + 1; i < n; i++) if (a[i]! < a[m]!) m = i;
      const t = a[hi]!;
      a[hi] = a[m]!;
      a[m] = t;
      done = hi + 1;
    }
    return a[lo]! + (h - lo) * (a[hi]! - a[lo]!);
  };
  return [at(0.5), at(0.9), at(0.99)];
}
