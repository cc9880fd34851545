/** A recorded series: strictly increasing sample times (ms since the Unix epoch) and their values. */
export interface TimeSeries {
  readonly timesMs: readonly number[];
  readonly values: readonly number[];
}

/** Where a recorded-series file is wrong: 1-based line and column (0 when unknown), a field path and why. */
export interface SeriesIssue {
  readonly line: number;
  readonly column: number;
  readonly path: string;
  readonly message: string;
}

/** Parsed series, with notes on what was skipped or assumed, or every issue found. */
export type SeriesParse =
  | { readonly ok: true; readonly series: TimeSeries; readonly notes: readonly string[] }
  | { readonly ok: false; readonly issues: readonly SeriesIssue[] };

/** How a recording parser checks what it reads. */
export interface SeriesParseOptions {
  /** Sample times outside [from, to) ms are errors (a mistyped timestamp). */
  readonly plausibleMs?: readonly [number, number];
  /** Samples read beyond this many are an error. */
  readonly maxPoints?: number;
  /** The message for too many samples, naming the limit and how to raise it. */
  readonly tooManyPoints?: string;
}

/** Why a sample time is outside the plausible range, or null when it is inside (or no range is given). */
export function implausibleTime(ms: number, options: SeriesParseOptions): string | null {
  const range = options.plausibleMs;
  if (!range || (ms >= range[0] && ms < range[1])) return null;
  const when = Number.isFinite(ms) && Math.abs(ms) < 8.64e15 ? new Date(ms).toISOString() : 'out of any calendar';
  return `time ${when} is outside the plausible range ${new Date(range[0]).toISOString().slice(0, 10)} .. ${new Date(range[1]).toISOString().slice(0, 10)} (a mistyped timestamp?)`;
}

/** Samples that share a time with an earlier one in the same series (merged by their mean by {@link toTimeSeries}). */
export function countDuplicateTimes(samples: readonly (readonly [number, number])[]): number {
  return samples.length - new Set(samples.map((s) => s[0])).size;
}

/** Sorts samples by time and merges equal times by their mean, so the result is strictly increasing. */
export function toTimeSeries(samples: readonly (readonly [number, number])[]): TimeSeries {
  const sorted = [...samples].sort((a, b) => a[0] - b[0]);
  const timesMs: number[] = [];
  const values: number[] = [];
  let count = 0;
  for (const [t, v] of sorted) {
    if (timesMs.length > 0 && timesMs[timesMs.length - 1] === t) {
      count++;
      values[values.length - 1] = values[values.length - 1]! + (v - values[values.length - 1]!) / count;
    } else {
      timesMs.push(t);
      values.push(v);
      count = 1;
    }
  }
  return { timesMs, values };
}

/** 1-based line and column of a character offset in `text`. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
