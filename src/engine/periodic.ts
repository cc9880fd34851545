import type { EventHandler } from './event-queue.js';
import type { Environment } from './environment.js';
import { Priority } from './priority.js';

/**
 * A loop that calls `tick(now)` every `periodMs`, re-using one handler object so that the steady
 * state allocates nothing. For the per-step hot loops; controllers that need to wait on signals are
 * generator processes instead.
 */
export class Periodic implements EventHandler {
  private active = true;

  constructor(
    private readonly env: Environment,
    readonly name: string,
    private readonly periodMs: number,
    private readonly tick: (now: number) => void,
    private readonly priority: Priority = Priority.normal,
  ) {}

  /** Starts the loop; the first tick fires after `firstDelayMs`. */
  start(firstDelayMs = 0): this {
    this.env.schedule(firstDelayMs, this, this.priority);
    return this;
  }

  stop(): void {
    this.active = false;
  }

  fire(now: number): void {
    if (!this.active) return;
    this.tick(now);
    if (this.active) this.env.schedule(this.periodMs, this, this.priority);
  }
}
