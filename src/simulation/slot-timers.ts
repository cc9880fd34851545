import { Timer, type Environment } from '../engine/index.js';

/** One reusable timer per pod or node slot, created on first use, each firing `fire(slot)`. */
export class SlotTimers {
  private readonly timers: (Timer | undefined)[] = [];

  constructor(
    private readonly env: Environment,
    private readonly fire: (slot: number) => void,
  ) {}

  arm(slot: number, delayMs: number): void {
    let timer = this.timers[slot];
    if (!timer) {
      timer = new Timer(this.env, () => this.fire(slot));
      this.timers[slot] = timer;
    }
    timer.arm(delayMs);
  }

  cancel(slot: number): void {
    this.timers[slot]?.cancel();
  }
}
