/**
 * A binary min-heap of scheduled events ordered by (time, priority, sequence).
 *
 * The sequence number makes the order total, so two events at the same time and priority fire in
 * the order they were scheduled: a run is reproducible to the byte (house style point 2, after
 * SimPy's `(time, priority, eid)` heap key). Keys live in typed arrays that grow by doubling, so
 * scheduling in the steady state allocates nothing.
 */
export interface EventHandler {
  /** Called when the event is due; `now` is the event's time in integer milliseconds. */
  fire(now: number): void;
}

export class EventQueue {
  private times: Float64Array;
  /** priority * 2^32 + sequence, exact in a double for 2^21 priorities and 2^32 events. */
  private order: Float64Array;
  private handlers: (EventHandler | undefined)[];
  private length = 0;
  private sequence = 0;

  constructor(initialCapacity = 256) {
    this.times = new Float64Array(initialCapacity);
    this.order = new Float64Array(initialCapacity);
    this.handlers = new Array<EventHandler | undefined>(initialCapacity).fill(undefined);
  }

  get size(): number {
    return this.length;
  }

  /** Time of the earliest event, or Infinity when empty. */
  peekTime(): number {
    return this.length === 0 ? Infinity : this.times[0]!;
  }

  push(time: number, priority: number, handler: EventHandler): void {
    if (this.length === this.times.length) this.grow();
    const key = priority * 4294967296 + this.sequence++;
    let i = this.length++;
    // Sift up: move parents down until the slot fits.
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(time, key, this.times[parent]!, this.order[parent]!)) break;
      this.times[i] = this.times[parent]!;
      this.order[i] = this.order[parent]!;
      this.handlers[i] = this.handlers[parent];
      i = parent;
    }
    this.times[i] = time;
    this.order[i] = key;
    this.handlers[i] = handler;
  }

  /** Removes the earliest event and returns its handler; the caller reads the time first via peekTime. */
  pop(): EventHandler {
    if (this.length === 0) throw new Error('EventQueue.pop on an empty queue');
    const top = this.handlers[0]!;
    const last = --this.length;
    const time = this.times[last]!;
    const key = this.order[last]!;
    const handler = this.handlers[last];
    this.handlers[last] = undefined;
    let i = 0;
    // Sift down the former last element from the root.
    for (;;) {
      const left = 2 * i + 1;
      if (left >= last) break;
      const right = left + 1;
      let child = left;
      if (right < last && this.less(this.times[right]!, this.order[right]!, this.times[left]!, this.order[left]!)) {
        child = right;
      }
      if (!this.less(this.times[child]!, this.order[child]!, time, key)) break;
      this.times[i] = this.times[child]!;
      this.order[i] = this.order[child]!;
      this.handlers[i] = this.handlers[child];
      i = child;
    }
    if (last > 0) {
      this.times[i] = time;
      this.order[i] = key;
      this.handlers[i] = handler;
    }
    return top;
  }

  private less(t1: number, k1: number, t2: number, k2: number): boolean {
    return t1 < t2 || (t1 === t2 && k1 < k2);
  }

  private grow(): void {
    const capacity = this.times.length * 2;
    const times = new Float64Array(capacity);
    const order = new Float64Array(capacity);
    times.set(this.times);
    order.set(this.order);
    this.times = times;
    this.order = order;
    this.handlers.length = capacity;
    this.handlers.fill(undefined, this.length);
  }
}
