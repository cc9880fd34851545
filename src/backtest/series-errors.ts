/** Error of a predicted series against a recorded one, over the instants both have. */
export interface SeriesErrors {
  /** Mean absolute error, in the series' unit. */
  readonly mae: number;
  /** Mean of predicted − recorded: > 0 = the prediction runs high. */
  readonly bias: number;
  readonly points: number;
}

/** Null when no instant has both values. Pure. */
export function seriesErrors(recorded: readonly (number | null)[], predicted: readonly (number | null)[]): SeriesErrors | null {
  let abs = 0;
  let signed = 0;
  let n = 0;
  recorded.forEach((r, i) => {
    const p = predicted[i];
    if (r == null || p == null) return;
    abs += Math.abs(p - r);
    signed += p - r;
    n++;
  });
  return n > 0 ? { mae: abs / n, bias: signed / n, points: n } : null;
}
