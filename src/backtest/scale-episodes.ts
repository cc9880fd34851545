/** A run of replica changes in one direction, close together: one reaction to one load change. */
export interface ScaleEpisode {
  readonly direction: 'up' | 'down';
  /** Time of the first change, ms. */
  readonly startMs: number;
  readonly endMs: number;
  readonly from: number;
  readonly to: number;
}

/**
 * The scale episodes of a replica series: changes of the rounded count, where consecutive changes
 * in the same direction less than `gapMs` apart are merged (2 -> 6 -> 9 -> 10 within a minute is one
 * scale-up). Null samples are skipped.
 */
export function scaleEpisodes(timesMs: readonly number[], replicas: readonly (number | null)[], gapMs: number): ScaleEpisode[] {
  const out: ScaleEpisode[] = [];
  let last: number | null = null;
  timesMs.forEach((t, i) => {
    const v = replicas[i];
    if (v == null) return;
    const r = Math.round(v);
    if (last !== null && r !== last) {
      const direction = r > last ? 'up' : 'down';
      const prev = out[out.length - 1];
      if (prev && prev.direction === direction && t - prev.endMs < gapMs) out[out.length - 1] = { ...prev, endMs: t, to: r };
      else out.push({ direction, startMs: t, endMs: t, from: last, to: r });
    }
    last = r;
  });
  return out;
}

/** How well predicted episodes line up with recorded ones. */
export interface EpisodeMatch {
  readonly matched: readonly { readonly recorded: ScaleEpisode; readonly predicted: ScaleEpisode; readonly delayMs: number }[];
  readonly missed: readonly ScaleEpisode[];
  readonly extra: readonly ScaleEpisode[];
  /** Mean |predicted start − recorded start| over matched episodes, ms; null when none matched. */
  readonly meanAbsDelayMs: number | null;
  /**
   * (Σ |delay| + tolerance × (missed + extra)) / recorded episodes, ms: 0 = every episode at the
   * right moment, `tolerance` per episode = no better than having none.
   */
  readonly timingScoreMs: number;
}

/**
 * Matches predicted to recorded episodes event by event: in order of the recorded episodes, each
 * takes the nearest unmatched predicted episode of the same direction within `toleranceMs`.
 */
export function matchEpisodes(recorded: readonly ScaleEpisode[], predicted: readonly ScaleEpisode[], toleranceMs: number): EpisodeMatch {
  const used = new Set<number>();
  const matched: { recorded: ScaleEpisode; predicted: ScaleEpisode; delayMs: number }[] = [];
  const missed: ScaleEpisode[] = [];
  for (const r of recorded) {
    let best = -1;
    predicted.forEach((p, j) => {
      if (used.has(j) || p.direction !== r.direction || Math.abs(p.startMs - r.startMs) > toleranceMs) return;
      if (best < 0 || Math.abs(p.startMs - r.startMs) < Math.abs(predicted[best]!.startMs - r.startMs)) best = j;
    });
    if (best < 0) missed.push(r);
    else {
      used.add(best);
      matched.push({ recorded: r, predicted: predicted[best]!, delayMs: predicted[best]!.startMs - r.startMs });
    }
  }
  const extra = predicted.filter((_, j) => !used.has(j));
  const sumAbs = matched.reduce((a, m) => a + Math.abs(m.delayMs), 0);
  return {
    matched,
    missed,
    extra,
    meanAbsDelayMs: matched.length > 0 ? sumAbs / matched.length : null,
    timingScoreMs: (sumAbs + toleranceMs * (missed.length + extra.length)) / Math.max(1, recorded.length),
  };
}
