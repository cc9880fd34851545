import type { HpaScaleEvent, HpaScalingRules } from './types.js';

/**
 * `getReplicasChangePerPeriod`: sum of the changes STRICTLY newer than now − period (an event
 * exactly one period old no longer counts). Outdated flags are not consulted, as upstream.
 */
export function replicasChangePerPeriod(events: readonly HpaScaleEvent[], periodSeconds: number, nowMs: number): number {
  const cutoffMs = nowMs - periodSeconds * 1000;
  let replicas = 0;
  for (const event of events) if (event.timeMs > cutoffMs) replicas += event.change;
  return replicas;
}

/** `getLongestPolicyPeriod`: longest policy period of one direction, seconds (0 if none). */
export function longestPolicyPeriodSeconds(rules: HpaScalingRules): number {
  let longest = 0;
  for (const policy of rules.policies) if (policy.periodSeconds > longest) longest = policy.periodSeconds;
  return longest;
}

/**
 * `storeScaleEvent` for one direction's list: events older than the direction's longest policy
 * period are marked outdated (the flag sticks), then the new event overwrites the LAST outdated
 * slot or is appended. Upstream does not delete outdated events: they stay in the list and keep
 * counting for the other direction's (possibly longer) periods until their slot is reused.
 */
export function storeScaleEvent(
  events: readonly HpaScaleEvent[],
  rules: HpaScalingRules,
  change: number,
  nowMs: number,
): readonly HpaScaleEvent[] {
  const cutoffMs = nowMs - longestPolicyPeriodSeconds(rules) * 1000;
  let reuseIndex = -1;
  const marked = events.map((event, i) => {
    const outdated = event.outdated || event.timeMs < cutoffMs;
    if (outdated) reuseIndex = i;
    return outdated === event.outdated ? event : { ...event, outdated };
  });
  const entry: HpaScaleEvent = { timeMs: nowMs, change, outdated: false };
  if (reuseIndex < 0) return [...marked, entry];
  marked[reuseIndex] = entry;
  return marked;
}
