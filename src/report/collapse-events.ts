import type { SimEvent } from '../simulation/event-log.js';

/** An event standing for `count` consecutive events of the same source, subject and reason. */
export interface CollapsedEvent extends SimEvent {
  readonly count: number;
  /** Time of the last of them (= timeMs when count is 1). */
  readonly lastMs: number;
}

/**
 * Runs of the same source, subject and reason folded into their first event with a count: a
 * controller that says the same thing every scan (Karpenter's DisruptionBlocked, the Cluster
 * Autoscaler's NotTriggerScaleUp) is one line with "x N", not a page.
 */
export function collapseEvents(events: readonly SimEvent[]): CollapsedEvent[] {
  const out: CollapsedEvent[] = [];
  for (const e of events) {
    const last = out[out.length - 1];
    if (last && last.source === e.source && last.subject === e.subject && last.reason === e.reason) {
      out[out.length - 1] = { ...last, count: last.count + 1, lastMs: e.timeMs };
    } else out.push({ ...e, count: 1, lastMs: e.timeMs });
  }
  return out;
}
