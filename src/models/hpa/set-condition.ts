import type { HpaCondition, HpaConditionType } from './types.js';

/**
 * `setConditionInList`: replaces the condition of that type (or appends it), moving
 * lastTransitionTime only when the status flips. Returns a new list, or `conditions` itself when
 * the condition is already there as given.
 */
export function setCondition(
  conditions: readonly HpaCondition[],
  type: HpaConditionType,
  status: 'True' | 'False',
  reason: string,
  message: string,
  nowMs: number,
): readonly HpaCondition[] {
  // Loops rather than find and map: their callbacks would be allocated at every sync of every HPA.
  let at = -1;
  for (let i = 0; i < conditions.length; i++) {
    if (conditions[i]!.type === type) {
      at = i;
      break;
    }
  }
  const existing = at < 0 ? undefined : conditions[at]!;
  // The same condition again (most syncs): the list as it is, rather than an equal copy.
  if (existing !== undefined && existing.status === status && existing.reason === reason && existing.message === message) return conditions;
  const lastTransitionTimeMs = existing !== undefined && existing.status === status ? existing.lastTransitionTimeMs : nowMs;
  const updated: HpaCondition = { type, status, reason, message, lastTransitionTimeMs };
  if (existing === undefined) return [...conditions, updated];
  const next = conditions.slice();
  next[at] = updated;
  return next;
}
