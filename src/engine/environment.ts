import { EventQueue, type EventHandler } from './event-queue.js';
import { Priority } from './priority.js';
import { Process, type ProcessBody } from './process.js';
import { Signal } from './signal.js';
import { InternalError } from './errors.js';

/**
 * The simulated world's clock and event loop (SimPy's Environment). Time is an integer number of
 * milliseconds so that sums of delays are exact and runs are reproducible across machines.
 */
export class Environment {
  private currentMs = 0;
  private readonly queue = new EventQueue();
  private processedEvents = 0;

  /** Current simulated time in integer milliseconds. */
  get now(): number {
    return this.currentMs;
  }

  /** Number of events fired so far (for benchmarks). */
  get eventCount(): number {
    return this.processedEvents;
  }

  /** Schedules `handler` to fire `delayMs` from now. */
  schedule(delayMs: number, handler: EventHandler, priority: Priority = Priority.normal): void {
    if (!Number.isInteger(delayMs) || delayMs < 0) {
      throw new InternalError(`delay must be a non-negative integer of ms, got ${delayMs}`);
    }
    this.queue.push(this.currentMs + delayMs, priority, handler);
  }

  /** Schedules `handler` at absolute time `timeMs` (not in the past). */
  scheduleAt(timeMs: number, handler: EventHandler, priority: Priority = Priority.normal): void {
    this.schedule(timeMs - this.currentMs, handler, priority);
  }

  /** Starts a generator process at the current time (urgent, so it runs before normal events now). */
  process(name: string, body: ProcessBody): Process {
    const process = new Process(this, name, body);
    this.queue.push(this.currentMs, Priority.urgent, process);
    return process;
  }

  /** A Signal bound to this environment. */
  signal(): Signal {
    return new Signal(this);
  }

  /** Resumes a process at the current time; used by Signal. */
  resumeSoon(process: Process): void {
    this.queue.push(this.currentMs, Priority.normal, process);
  }

  /** Fires the next event. Returns false when the queue is empty. */
  step(): boolean {
    if (this.queue.size === 0) return false;
    this.currentMs = this.queue.peekTime();
    const handler = this.queue.pop();
    this.processedEvents++;
    handler.fire(this.currentMs);
    return true;
  }

  /**
   * Runs every event due at or before `untilMs`, then sets the clock to `untilMs`.
   * Events scheduled exactly at `untilMs` fire, so a periodic sampler sees the final instant.
   */
  run(untilMs: number): void {
    if (untilMs < this.currentMs) throw new InternalError(`cannot run back to ${untilMs} from ${this.currentMs}`);
    while (this.queue.size > 0 && this.queue.peekTime() <= untilMs) this.step();
    this.currentMs = untilMs;
  }
}
