import type { Environment } from './environment.js';
import type { Process } from './process.js';

/**
 * A one-shot condition processes can wait on by yielding it (SimPy's Event). Triggering resumes every
 * waiter in the order it started waiting, at the current time, with `normal` priority.
 */
export class Signal {
  private waiters: Process[] = [];
  private triggered = false;

  constructor(private readonly env: Environment) {}

  get isTriggered(): boolean {
    return this.triggered;
  }

  trigger(): void {
    if (this.triggered) return;
    this.triggered = true;
    const waiters = this.waiters;
    this.waiters = [];
    for (const process of waiters) this.env.resumeSoon(process);
  }

  /** Used by Process: registers a waiter, or resumes it at once if already triggered. */
  addWaiter(process: Process): void {
    if (this.triggered) this.env.resumeSoon(process);
    else this.waiters.push(process);
  }
}
