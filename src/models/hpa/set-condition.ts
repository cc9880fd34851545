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
  const at = indexOfCondition(conditions, type);
  const existing = at < 0 ? undefined : conditions[at]!;
  // The same condition again (most syncs): the list as it is, rather than an equal copy.
  if (existing !== undefined && existing.status === status && existing.reason === reason && existing.message === message) return conditions;
  const lastTransitionTimeMs = existing !== undefined && existing.status === status ? existing.lastTransitionTimeMs : nowMs;
  const updated: HpaCondition = { type, status, reason, message, lastTransitionTimeMs };
  if (existing === undefined) return [...conditions, updated];
  // slice rather than map: a callback would be allocated at every sync of every HPA.
  const next = conditions.slice();
  next[at] = updated;
  return next;
}

/**
 * Where the condition of `type` is in the list, or -1. A loop rather than findIndex: its callback
 * would be allocated at every sync of every HPA.
 */
export function indexOfCondition(conditions: readonly HpaCondition[], type: HpaConditionType): number {
  for (let i = 0; i < conditions.length; i++) if (conditions[i]!.type === type) return i;
  return -1;
}
