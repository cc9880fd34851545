import { roundTo } from './range-values.js';

export interface ThresholdSearchOptions {
  readonly min: number;
  readonly max: number;
  /** Spacing of the candidate values: min, min + step, ... up to max. */
  readonly step: number;
  /** largest: passes below a threshold, fails above it (e.g. maxReplicas vs cost); smallest: the mirror. */
  readonly goal: 'largest' | 'smallest';
  /** Values evaluated together per round (in parallel): 1 is bisection, k cuts the interval into k + 1. */
  readonly probesPerRound: number;
  /**
   * Extra values spread over the whole range, evaluated after the bracket closes, to test the
   * monotonicity assumption: bisection alone only looks inside its bracket and cannot see a pass
   * beyond a fail there.
   */
  readonly verifyPoints: number;
}

export interface EvaluatedValue {
  readonly value: number;
  readonly pass: boolean;
}

/** Why the search ended; `answer` is meaningful for Found, AllPass and NotMonotone. */
export type ThresholdReason = 'Found' | 'AllPass' | 'NonePass' | 'NotMonotone' | 'EvaluationFailed';

export interface ThresholdSearchResult {
  readonly answer: number | null;
  readonly reason: ThresholdReason;
  readonly message: string;
  /** Every value evaluated, in increasing order. */
  readonly evaluated: readonly EvaluatedValue[];
  /** A pair contradicting monotonicity: a failing value on the passing side of a passing one. */
  readonly evidence: { readonly fail: EvaluatedValue; readonly pass: EvaluatedValue } | null;
}

/** Evaluates candidate values; null for a value that could not be evaluated (crash, timeout). */
export type EvaluateValues = (values: readonly number[]) => Promise<readonly (boolean | null)[]>;

/**
 * The largest (or smallest) candidate value whose evaluation passes, assuming passing is monotone
 * in the value: both ends first, then k-section of the bracket [last pass, first fail] until the
 * two are neighbours, then `verifyPoints` values spread over the range. Every evaluated value is
 * checked for monotonicity; a pass beyond a fail
 * makes the reason NotMonotone with that pair as evidence (the answer is then only the bracket's).
 * Deterministic given `evaluate`; the rounds depend on probesPerRound only.
 */
export async function searchThreshold(options: ThresholdSearchOptions, evaluate: EvaluateValues): Promise<ThresholdSearchResult> {
  const count = Math.floor((options.max - options.min) / options.step + 1e-9) + 1;
  // Work in "rank" space, where passing is expected at low ranks: rank 0 is the side that should pass.
  const valueAt = (rank: number): number => roundTo(options.goal === 'largest' ? options.min + rank * options.step : options.min + (count - 1 - rank) * options.step);
  const seen = new Map<number, boolean>();
  const run = async (ranks: number[]): Promise<string | null> => {
    const results = await evaluate(ranks.map(valueAt));
    for (let i = 0; i < ranks.length; i++) {
      const r = results[i];
      if (r === null || r === undefined) return `could not evaluate ${valueAt(ranks[i]!)}`;
      seen.set(ranks[i]!, r);
    }
    return null;
  };
  // Verification values first, then monotonicity over everything evaluated.
  const finish = async (answerRank: number | null, reason: ThresholdReason, message: string): Promise<ThresholdSearchResult> => {
    const verify = reason === 'EvaluationFailed' ? [] : verifyRanks(count, options.verifyPoints).filter((r) => !seen.has(r));
    const err = verify.length > 0 ? await run(verify) : null;
    const evaluated = [...seen].map(([rank, pass]) => ({ value: valueAt(rank), pass })).sort((a, b) => a.value - b.value);
    const answer = answerRank === null ? null : valueAt(answerRank);
    if (err) return { answer, reason: 'EvaluationFailed', message: err, evaluated, evidence: null };
    const evidence = findEvidence(seen, valueAt);
    if (evidence && reason !== 'EvaluationFailed') {
      return { answer, reason: 'NotMonotone', message: `not monotone: ${evidence.fail.value} fails but ${evidence.pass.value} passes; ${message}`, evaluated, evidence };
    }
    return { answer, reason, message, evaluated, evidence };
  };

  const ends = count === 1 ? [0] : [0, count - 1];
  const failed = await run(ends);
  if (failed) return finish(null, 'EvaluationFailed', failed);
  if (seen.get(count - 1)) return finish(count - 1, 'AllPass', `every value passes, up to the ${options.goal === 'largest' ? 'maximum' : 'minimum'} ${valueAt(count - 1)}`);
  if (!seen.get(0)) return finish(null, 'NonePass', `no value passes: even ${valueAt(0)} fails`);
  let lo = 0;
  let hi = count - 1;
  while (hi - lo > 1) {
    const probes = probeRanks(lo, hi, Math.max(1, options.probesPerRound));
    const err = await run(probes);
    if (err) return finish(lo, 'EvaluationFailed', err);
    // The bracket moves to the first failing probe and the last pass below it.
    const firstFail = probes.find((r) => !seen.get(r));
    const newHi = firstFail ?? hi;
    lo = Math.max(lo, ...probes.filter((r) => r < newHi && seen.get(r)));
    hi = newHi;
  }
  const word = options.goal === 'largest' ? 'largest' : 'smallest';
  return finish(lo, 'Found', `${word} value that passes: ${valueAt(lo)} (${valueAt(hi)} fails)`);
}

/** k distinct ranks strictly inside (lo, hi), evenly spread. */
function probeRanks(lo: number, hi: number, k: number): number[] {
  const out = new Set<number>();
  const inside = hi - lo - 1;
  const n = Math.min(k, inside);
  for (let i = 1; i <= n; i++) out.add(lo + Math.round(((hi - lo) * i) / (n + 1)));
  return [...out].filter((r) => r > lo && r < hi).sort((a, b) => a - b);
}

/** k ranks at i / (k + 1) of the range, i = 1..k. */
function verifyRanks(count: number, k: number): number[] {
  const out = new Set<number>();
  for (let i = 1; i <= k; i++) out.add(Math.round(((count - 1) * i) / (k + 1)));
  return [...out].sort((a, b) => a - b);
}

/** The lowest-ranked fail and the highest-ranked pass above it, if any pass lies above a fail. */
function findEvidence(seen: ReadonlyMap<number, boolean>, valueAt: (rank: number) => number): ThresholdSearchResult['evidence'] {
  const ranks = [...seen.keys()].sort((a, b) => a - b);
  const firstFail = ranks.find((r) => !seen.get(r));
  if (firstFail === undefined) return null;
  const passesAbove = ranks.filter((r) => r > firstFail && seen.get(r));
  if (passesAbove.length === 0) return null;
  const lastPass = passesAbove[passesAbove.length - 1]!;
  return { fail: { value: valueAt(firstFail), pass: false }, pass: { value: valueAt(lastPass), pass: true } };
}
