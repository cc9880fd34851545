import type { CommandIo } from './io.js';

/** A one-line progress bar with ETA on stderr, only when stderr is a terminal. */
export class Progress {
  private done = 0;
  private readonly started = Date.now();
  constructor(
    private readonly io: CommandIo,
    private readonly total: number,
    private readonly label: string,
  ) {}

  tick(): void {
    this.done++;
    if (!this.io.stderrIsTty) return;
    const elapsed = (Date.now() - this.started) / 1000;
    const eta = this.done > 0 ? (elapsed / this.done) * (this.total - this.done) : 0;
    const width = 30;
    const filled = Math.round((this.done / this.total) * width);
    this.io.stderr(`\r${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.done}/${this.total}  ETA ${eta.toFixed(0)}s `);
    if (this.done === this.total) this.io.stderr('\r\u001b[K');
  }
}
