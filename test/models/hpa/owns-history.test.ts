/**
 * A caller that owns the HPA state's recommendation history (the simulation's controller) lets the
 * sync update it in place, as upstream's controller does; every other caller gets a copy and its
 * input untouched. Both must give the same decisions and the same history, sync after sync. The
 * oracle is the copying path, which the upstream vectors already check.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { resolveHpaBehavior } from '../../../src/models/hpa/resolve-behavior.js';
import { initialHpaControllerState, syncHpa } from '../../../src/models/hpa/sync-hpa.js';
import type { HpaControllerState, HpaSpec } from '../../../src/models/hpa/types.js';
import { behavior, NOW_MS, podsWithCpu, spec, syncInput } from './builders.js';

/** Deep-freezes the history so that a copying sync that wrote to it would throw. */
function frozen(state: HpaControllerState): HpaControllerState {
  if (state.recommendations === null) return state;
  for (const r of state.recommendations) Object.freeze(r);
  return { ...state, recommendations: Object.freeze([...state.recommendations]) };
}

const specs: readonly { name: string; hpa: HpaSpec }[] = [
  { name: 'legacy stabilization (no behavior)', hpa: spec() },
  { name: 'behavior with a 60 s scale-up and the default scale-down window', hpa: spec({ behavior: resolveHpaBehavior(behavior({ scaleUp: { stabilizationWindowSeconds: 60 } })) }) },
];

describe('a sync that owns its recommendation history', () => {
  for (const { name, hpa } of specs) {
    test(`${name}: the same results and history as a copying sync, over random load`, () => {
      // Per-pod CPU in millicores of 1 core requested, and the seconds to the next sync (15 s
      // syncs, sometimes late): the history fills, expires and is overwritten many times.
      const syncs = fc.array(fc.tuple(fc.integer({ min: 50, max: 1500 }), fc.constantFrom(15, 15, 15, 30, 45)), { minLength: 5, maxLength: 80 });
      fc.assert(
        fc.property(syncs, (steps) => {
          let copying: HpaControllerState = initialHpaControllerState();
          let owning: HpaControllerState = initialHpaControllerState();
          let replicas = 3;
          let offset = 0;
          for (const [cpu, next] of steps) {
            const input = syncInput({ nowMs: NOW_MS + offset * 1000, spec: hpa, specReplicas: replicas, pods: podsWithCpu(Array.from({ length: replicas }, () => cpu)) });
            const before = frozen(copying);
            const a = syncHpa(input, before);
            const b = syncHpa({ ...input, ownsHistory: true }, owning);
            expect(b.desiredReplicas).toBe(a.desiredReplicas);
            expect(b.proposal).toEqual(a.proposal);
            expect(b.conditions).toEqual(a.conditions);
            expect(b.state.recommendations).toEqual(a.state.recommendations);
            copying = a.state;
            owning = b.state;
            replicas = a.desiredReplicas;
            offset += next;
          }
        }),
        { seed: 11, numRuns: 60 },
      );
    });
  }

  test('owning, the history is updated in place: the same list, its expired record rewritten', () => {
    // The first sync seeds the history with the current count and adds its recommendation: two
    // records. A second sync past the 5-minute window finds both expired and overwrites the last
    // of them (upstream's reuse of an expired slot), so the list keeps its length.
    const first = syncHpa({ ...syncInput({ pods: podsWithCpu([500, 500, 500]) }), ownsHistory: true }, initialHpaControllerState());
    const list = first.state.recommendations!;
    expect(list).toHaveLength(2);
    const record = list[1]!;
    const later = NOW_MS + 301_000;
    const second = syncHpa({ ...syncInput({ nowMs: later, specReplicas: first.desiredReplicas, pods: podsWithCpu(Array.from({ length: first.desiredReplicas }, () => 500), { nowMs: later }) }), ownsHistory: true }, first.state);
    expect(second.state.recommendations).toBe(list);
    expect(list).toHaveLength(2);
    expect(list[1]).toBe(record);
    expect(record.timeMs).toBe(later);
  });
});
