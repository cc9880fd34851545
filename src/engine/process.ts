import type { EventHandler } from './event-queue.js';
import type { Environment } from './environment.js';
import { SimulationError } from './errors.js';
import { Signal } from './signal.js';

/**
 * What a process body may yield: a delay in integer milliseconds, or a Signal to wait for.
 * Yielding a number rather than a timeout object keeps controller loops allocation-free.
 */
export type Yieldable = number | Signal;
export type ProcessBody = Generator<Yieldable, void, void>;

/**
 * A generator-driven process (SimPy's Process). It is itself awaitable: yield `process.done`.
 */
export class Process implements EventHandler {
  readonly done: Signal;
  private stopped = false;
  private finished = false;

  constructor(
    private readonly env: Environment,
    readonly name: string,
    private readonly body: ProcessBody,
  ) {
    this.done = new Signal(env);
  }

  get isAlive(): boolean {
    return !this.stopped && !this.finished;
  }

  /** Stops the process: its pending wake-up, if any, is ignored and `done` triggers. */
  stop(): void {
    if (!this.isAlive) return;
    this.stopped = true;
    this.done.trigger();
  }

  fire(): void {
    if (!this.isAlive) return;
    let step: IteratorResult<Yieldable, void>;
    try {
      step = this.body.next();
    } catch (error) {
      if (error instanceof SimulationError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new SimulationError(message, this.env.now, this.name, { cause: error });
    }
    if (step.done) {
      this.finished = true;
      this.done.trigger();
      return;
    }
    const value = step.value;
    if (typeof value === 'number') {
      this.env.schedule(value, this);
    } else {
      value.addWaiter(this);
    }
  }
}
