import { describe, expect, test } from 'vitest';
import { searchThreshold, type ThresholdSearchOptions } from '../../src/sweep/search-threshold.js';

/** An evaluator from a predicate, recording each round's values. */
function evaluator(pass: (v: number) => boolean) {
  const rounds: number[][] = [];
  const evaluate = async (values: readonly number[]) => {
    rounds.push([...values]);
    return values.map(pass);
  };
  return { rounds, evaluate };
}

const base: ThresholdSearchOptions = { min: 1, max: 40, step: 1, goal: 'largest', probesPerRound: 1, verifyPoints: 0 };

describe('searchThreshold on a monotone predicate', () => {
  test('largest value <= 17 in 1..40: 17, with 17 passing and 18 failing evaluated', async () => {
    const { rounds, evaluate } = evaluator((v) => v <= 17);
    const r = await searchThreshold(base, evaluate);
    expect(r.answer).toBe(17);
    expect(r.reason).toBe('Found');
    expect(r.evaluated).toContainEqual({ value: 17, pass: true });
    expect(r.evaluated).toContainEqual({ value: 18, pass: false });
    expect(r.evidence).toBeNull();
    // Both ends, then bisection of 40 candidates: at most ceil(log2(39)) = 6 more rounds.
    expect(rounds[0]).toEqual([1, 40]);
    expect(rounds.length).toBeLessThanOrEqual(1 + 6);
    expect(rounds.slice(1).every((r) => r.length === 1)).toBe(true);
  });

  test.each([
    { name: 'threshold at the bottom', t: 1 },
    { name: 'threshold in the middle', t: 23 },
    { name: 'threshold just below the top', t: 39 },
  ])('largest with $name (t = $t) for 1 and 3 probes per round', async ({ t }) => {
    for (const probesPerRound of [1, 3]) {
      const { evaluate } = evaluator((v) => v <= t);
      const r = await searchThreshold({ ...base, probesPerRound }, evaluate);
      expect(r.answer).toBe(t);
      expect(r.reason).toBe('Found');
    }
  });

  test('smallest CPU request >= 250 on 100..1000 step 50: 250', async () => {
    const { evaluate } = evaluator((v) => v >= 250);
    const r = await searchThreshold({ ...base, min: 100, max: 1000, step: 50, goal: 'smallest' }, evaluate);
    expect(r.answer).toBe(250);
    expect(r.evaluated).toContainEqual({ value: 200, pass: false });
    expect(r.evaluated).toContainEqual({ value: 250, pass: true });
  });

  test('a fractional step lands on exact values: largest <= 0.7 on 0.5..0.9 step 0.05 is 0.7', async () => {
    const { evaluate } = evaluator((v) => v <= 0.7 + 1e-12);
    const r = await searchThreshold({ ...base, min: 0.5, max: 0.9, step: 0.05 }, evaluate);
    expect(r.answer).toBe(0.7);
  });

  test('every value passing is AllPass at the top, no value passing is NonePass', async () => {
    expect(await searchThreshold(base, evaluator(() => true).evaluate)).toMatchObject({ answer: 40, reason: 'AllPass' });
    expect(await searchThreshold(base, evaluator(() => false).evaluate)).toMatchObject({ answer: null, reason: 'NonePass' });
  });

  test('monotone evidence passes verification: two extra values, no evidence', async () => {
    const { evaluate } = evaluator((v) => v <= 17);
    const r = await searchThreshold({ ...base, verifyPoints: 2 }, evaluate);
    expect(r).toMatchObject({ answer: 17, reason: 'Found', evidence: null });
    // Verification values at 1/3 and 2/3 of the 40 candidates: ranks round(39/3) = 13 and 26, values 14 and 27.
    expect(r.evaluated.map((e) => e.value)).toEqual(expect.arrayContaining([14, 27]));
  });
});

describe('searchThreshold on a non-monotone predicate', () => {
  // Passes up to 10, fails 11..24, passes again 25..30, fails above.
  const bumpy = (v: number) => v <= 10 || (v >= 25 && v <= 30);

  test('bisection brackets 10/11; the verification value 27 passes above the failing 11: NotMonotone with that evidence', async () => {
    const { evaluate } = evaluator(bumpy);
    const r = await searchThreshold({ ...base, verifyPoints: 2 }, evaluate);
    expect(r.reason).toBe('NotMonotone');
    expect(r.answer).toBe(10);
    // The lowest failing value and the highest passing value above it.
    expect(r.evidence).toEqual({ fail: { value: 11, pass: false }, pass: { value: 27, pass: true } });
    expect(r.message).toMatch(/not monotone: 11 fails but 27 passes/);
  });

  test('a failing minimum under a passing maximum is evidence even without verification', async () => {
    const { evaluate } = evaluator((v) => v >= 20);
    const r = await searchThreshold(base, evaluate);
    expect(r.reason).toBe('NotMonotone');
    expect(r.evidence).toEqual({ fail: { value: 1, pass: false }, pass: { value: 40, pass: true } });
  });

  test('three probes per round can see the bump on their own', async () => {
    // Round 2 probes ranks 10, 20, 29 (values 11, 21, 30): 11 fails below 30, which passes.
    const { evaluate } = evaluator(bumpy);
    const r = await searchThreshold({ ...base, probesPerRound: 3 }, evaluate);
    expect(r.reason).toBe('NotMonotone');
    expect(r.evidence?.pass.value).toBe(30);
  });
});

describe('searchThreshold when a value cannot be evaluated', () => {
  test('EvaluationFailed names the value', async () => {
    const r = await searchThreshold(base, async (values) => values.map((v) => (v === 40 ? null : true)));
    expect(r).toMatchObject({ reason: 'EvaluationFailed', answer: null });
    expect(r.message).toMatch(/could not evaluate 40/);
  });
});
