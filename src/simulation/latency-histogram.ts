/**
 * Request latencies of many pods and steps, merged: log-spaced buckets from 0.1 ms to ~20 min
 * (ratio 1.05, so a percentile read back is within 2.5 % of the value put in). Each pod-step adds
 * its request count spread over its quantile curve, given by its p50, p90 and p99.
 */
const MIN_SECONDS = 1e-4;
const RATIO = 1.05;
const LOG_RATIO = Math.log(RATIO);
export const LATENCY_BUCKETS = 340;

// Quantile curve pieces: [from quantile, to quantile] with the latency at both ends; the mass of
// each piece is spread over three points inside it.
const PIECE_MASS = [0.5, 0.4, 0.09, 0.01] as const;
const SUB_POINTS = [1 / 6, 3 / 6, 5 / 6] as const;
/** The curve's five corner latencies of the call in progress: every pod adds every step. */
const ends = new Float64Array(5);
/** {@link LatencyHistogram.add}'s numbers on their way to addFrom. */
const addArgs = new Float64Array(5);

export class LatencyHistogram {
  readonly counts = new Float64Array(LATENCY_BUCKETS);
  total = 0;
  /** The largest latency added, so no quantile read back exceeds it (a bucket's midpoint can). */
  max = 0;
  /** Requests the last {@link addFrom} found past their timeout. */
  dropped = 0;
  /**
   * The buckets holding counts, each once, in the order they were first added to: a step's sums
   * per workload (cpu-step.ts) merge into the interval and reset every step, and a step's calls
   * of one workload fill a dozen or two of the 340 buckets.
   */
  private readonly touched = new Int32Array(LATENCY_BUCKETS);
  private touchedCount = 0;
  /**
   * The calls' requests, and their p50, p90 and p99 weighted by them: where a quantile falls in a
   * gap between two buckets (see {@link quantile}), its weighted percentile places it.
   */
  private cornerWeight = 0;
  private corner50 = 0;
  private corner90 = 0;
  private corner99 = 0;
  /** The last call's percentiles and timeout, its 12 points' buckets (-1 = dropped) and their largest latency. */
  private lastP50 = NaN;
  private lastP90 = NaN;
  private lastP99 = NaN;
  private lastTimeout = NaN;
  private readonly lastBuckets = new Int32Array(12);
  private lastMax = 0;

  reset(): void {
    for (let k = 0; k < this.touchedCount; k++) this.counts[this.touched[k]!] = 0;
    this.touchedCount = 0;
    this.cornerWeight = 0;
    this.corner50 = 0;
    this.corner90 = 0;
    this.corner99 = 0;
    this.total = 0;
    this.max = 0;
  }

  /**
   * Adds `requests` requests whose latency has these percentiles (seconds). Requests that would
   * take longer than `timeoutSeconds` never complete: the client has given up and the server
   * drops them, so they are not latencies; their number is returned for counting as dropped.
   */
  add(requests: number, p50: number, p90: number, p99: number, timeoutSeconds = Infinity): number {
    addArgs[0] = requests;
    addArgs[1] = p50;
    addArgs[2] = p90;
    addArgs[3] = p99;
    addArgs[4] = timeoutSeconds;
    this.addFrom(addArgs, 0);
    return this.dropped;
  }

  /**
   * {@link add} of the five numbers at `args[offset..offset+4]` (requests, p50, p90, p99, timeout),
   * its dropped requests left in {@link dropped}: the step adds every pod's latencies, and in V8 a
   * number passed to or returned from a call that is not inlined is a heap allocation.
   */
  addFrom(args: Float64Array, offset: number): void {
    const requests = args[offset]!;
    const p50 = args[offset + 1]!;
    const p90 = args[offset + 2]!;
    const p99 = args[offset + 3]!;
    const timeoutSeconds = args[offset + 4]!;
    this.dropped = 0;
    if (!(requests > 0)) return;
    // The replicas of a workload on alike nodes add the same percentiles one after another:
    // their points fall in the buckets the last call found (a log each); only the mass differs.
    if (!(p50 === this.lastP50 && p90 === this.lastP90 && p99 === this.lastP99 && timeoutSeconds === this.lastTimeout)) {
      this.placePoints(p50, p90, p99, timeoutSeconds);
    }
    this.spread(args, offset, this.lastBuckets, 0);
    this.addCorners(requests, p50, p90, p99);
    if (this.lastMax > this.max) this.max = this.lastMax;
  }

  /**
   * The last {@link addFrom}'s placement, for {@link addPlaced}: its 12 points' buckets (-1 = past
   * the timeout) into `into[offset..offset+11]`; returns their largest latency.
   */
  copyPlacement(into: Int32Array, offset: number): number {
    for (let i = 0; i < 12; i++) into[offset + i] = this.lastBuckets[i]!;
    return this.lastMax;
  }

  /**
   * {@link addFrom} of `requests` with a placement {@link copyPlacement} kept (a quiet node's
   * replay adds the same percentiles every step): the same counts, total and dropped requests
   * without placing the points again. Reads `args[offset..offset+4]`: the requests,
   * copyPlacement's return and the call's p50, p90 and p99.
   */
  addPlaced(args: Float64Array, offset: number, buckets: Int32Array, at: number): void {
    this.dropped = 0;
    const requests = args[offset]!;
    if (!(requests > 0)) return;
    this.spread(args, offset, buckets, at);
    this.addCorners(requests, args[offset + 2]!, args[offset + 3]!, args[offset + 4]!);
    const pointsMax = args[offset + 1]!;
    if (pointsMax > this.max) this.max = pointsMax;
  }

  private addCorners(requests: number, p50: number, p90: number, p99: number): void {
    this.cornerWeight += requests;
    this.corner50 += requests * p50;
    this.corner90 += requests * p90;
    this.corner99 += requests * p99;
  }

  /**
   * Adds the `args[offset]` requests over the 12 points placed at `buckets[at..at+11]` (a third of
   * each piece's mass per point; -1 = past the timeout, counted in {@link dropped}).
   */
  private spread(args: Float64Array, offset: number, buckets: Int32Array, at: number): void {
    const requests = args[offset]!;
    let dropped = 0;
    for (let piece = 0; piece < 4; piece++) {
      const mass = (requests * PIECE_MASS[piece]!) / 3;
      for (let j = 0; j < 3; j++) {
        const b = buckets[at + piece * 3 + j]!;
        if (b < 0) dropped += mass;
        else this.addToBucket(b, mass);
      }
    }
    this.total += requests - dropped;
    this.dropped = dropped;
  }

  private addToBucket(b: number, mass: number): void {
    const before = this.counts[b]!;
    const after = before + mass;
    this.counts[b] = after;
    if (before === 0 && after !== 0) this.touched[this.touchedCount++] = b;
  }

  /** The 12 points of the curve through these percentiles: their buckets (-1 = past the timeout) and largest latency. */
  private placePoints(p50: number, p90: number, p99: number, timeoutSeconds: number): void {
    // Below the median the curve is taken down to half the median; above p99 one more p99 - p90.
    ends[0] = p50 * 0.5;
    ends[1] = p50;
    ends[2] = p90;
    ends[3] = p99;
    ends[4] = p99 + Math.max(0, p99 - p90);
    let pointsMax = 0;
    for (let piece = 0; piece < 4; piece++) {
      const lo = ends[piece]!;
      const hi = Math.max(lo, ends[piece + 1]!);
      for (let j = 0; j < 3; j++) {
        const latency = lo + SUB_POINTS[j]! * (hi - lo);
        const inTime = !(latency > timeoutSeconds);
        this.lastBuckets[piece * 3 + j] = inTime ? bucketOf(latency) : -1;
        if (inTime && latency > pointsMax) pointsMax = latency;
      }
    }
    this.lastP50 = p50;
    this.lastP90 = p90;
    this.lastP99 = p99;
    this.lastTimeout = timeoutSeconds;
    this.lastMax = pointsMax;
  }

  /** Adds another histogram's counts (only the buckets it holds: adding a zero changes no bit). */
  merge(other: LatencyHistogram): void {
    for (let k = 0; k < other.touchedCount; k++) {
      const b = other.touched[k]!;
      this.addToBucket(b, other.counts[b]!);
    }
    this.cornerWeight += other.cornerWeight;
    this.corner50 += other.corner50;
    this.corner90 += other.corner90;
    this.corner99 += other.corner99;
    this.total += other.total;
    this.max = Math.max(this.max, other.max);
  }

  /**
   * The q-quantile in seconds: the midpoint of the first bucket whose running sum reaches the q-th
   * share of the requests (at most the largest latency added), or null with no requests.
   *
   * When the buckets up to one hold exactly that share, every latency up to the next bucket holding
   * requests is a q-quantile of the points. It happens whenever the calls' curves all change piece
   * in the same gap: a workload whose pods report the same percentiles over an interval (a held
   * load, or a quota's throttled latencies, which the Monte Carlo cache gives to the bit), where the
   * nearest points lie a sixth of a piece below and above the percentile the pods reported. The
   * reading is then the calls' own p50, p90 or p99, weighted by their requests and kept inside the
   * gap (its middle for any other q). "Exactly" is up to rounding, whose sign the order of the
   * additions decides; the tolerance keeps that order from choosing a side.
   */
  quantile(q: number): number | null {
    if (!(this.total > 0)) return null;
    const target = q * this.total;
    const tolerance = this.total * quantileEdgeTolerance;
    let seen = 0;
    for (let i = 0; i < LATENCY_BUCKETS; i++) {
      seen += this.counts[i]!;
      if (seen < target - tolerance) continue;
      if (seen > target + tolerance) return Math.min(bucketMid(i), this.max);
      let next = i + 1;
      while (next < LATENCY_BUCKETS && !(this.counts[next]! > 0)) next++;
      if (next === LATENCY_BUCKETS) return Math.min(bucketMid(i), this.max);
      const corner = q === 0.5 ? this.corner50 : q === 0.9 ? this.corner90 : q === 0.99 ? this.corner99 : NaN;
      const weighted = corner / this.cornerWeight;
      const value = weighted === weighted ? Math.min(Math.max(weighted, bucketLow(i)), bucketLow(next + 1)) : 0.5 * (bucketMid(i) + bucketMid(next));
      return Math.min(value, this.max);
    }
    return Math.min(bucketMid(LATENCY_BUCKETS - 1), this.max);
  }
}

/**
 * Relative to a histogram's total, how close its running sum must come to a quantile's share to be
 * at it: sums of a few million additions in different orders differ by far less (about 1e-16 per
 * addition), and no real gap between two loads' shares is this thin.
 */
const quantileEdgeTolerance = 1e-9;

function bucketOf(seconds: number): number {
  if (!(seconds > MIN_SECONDS)) return 0;
  const b = Math.floor(Math.log(seconds / MIN_SECONDS) / LOG_RATIO) + 1;
  return b >= LATENCY_BUCKETS ? LATENCY_BUCKETS - 1 : b;
}

/** Bucket i's lower edge, seconds (bucketOf's inverse). */
function bucketLow(i: number): number {
  return i === 0 ? 0 : MIN_SECONDS * Math.pow(RATIO, i - 1);
}

function bucketMid(i: number): number {
  if (i === 0) return MIN_SECONDS / 2;
  return MIN_SECONDS * Math.pow(RATIO, i - 0.5);
}
