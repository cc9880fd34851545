/** One decision or lifecycle event of a run, with its upstream-style reason. */
export interface SimEvent {
  readonly timeMs: number;
  /** Which component decided: hpa, scheduler, cluster-autoscaler, karpenter, replicaset, node. */
  readonly source: string;
  /** The workload or node pool concerned. */
  readonly subject: string;
  /** PascalCase reason (upstream's where one exists). */
  readonly reason: string;
  readonly message: string;
}

/** Events in the order they happened (time, then the engine's deterministic tie order). */
export class EventLog {
  readonly events: SimEvent[] = [];
  /** Repeats of the same (source, subject, reason) within this many ms are counted, not stored. */
  constructor(private readonly dedupeWindowMs = 0) {}
  private last = new Map<string, number>();
  suppressed = 0;

  add(event: SimEvent): void {
    if (this.dedupeWindowMs > 0) {
      const key = `${event.source}\u0000${event.subject}\u0000${event.reason}`;
      const prev = this.last.get(key);
      if (prev !== undefined && event.timeMs - prev < this.dedupeWindowMs) {
        this.suppressed++;
        return;
      }
      this.last.set(key, event.timeMs);
    }
    this.events.push(event);
  }
}
