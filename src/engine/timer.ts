import type { EventHandler } from './event-queue.js';
import type { Environment } from './environment.js';
import { Priority } from './priority.js';

/**
 * A re-armable one-shot event (pod becomes ready, node joins). One Timer object serves a slot for
 * its whole life, so arming it allocates nothing; a cancelled or superseded firing is ignored by
 * checking the armed due time.
 */
export class Timer implements EventHandler {
  private dueMs = -1;

  constructor(
    private readonly env: Environment,
    private readonly onFire: (now: number) => void,
  ) {}

  get isArmed(): boolean {
    return this.dueMs >= 0;
  }

  arm(delayMs: number, priority: Priority = Priority.normal): void {
    this.dueMs = this.env.now + delayMs;
    this.env.schedule(delayMs, this, priority);
  }

  cancel(): void {
    this.dueMs = -1;
  }

  fire(now: number): void {
    if (now !== this.dueMs) return;
    this.dueMs = -1;
    this.onFire(now);
  }
}
