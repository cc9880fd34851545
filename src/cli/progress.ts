import type { CommandIo } from './io.js';
import { formatDuration } from '../quantities/duration.js';

export interface ProgressOptions {
  /**
   * Simulated time one unit of work covers (a run's duration). With it the line shows the
   * simulated time done, the speed in simulated seconds per second and an ETA from that speed.
   */
  readonly simulatedMsPerUnit?: number;
  /** Wall clock in ms (injectable for tests). */
  readonly now?: () => number;
}

/**
 * Redraws at most this often between units: a run reporting its simulated time every step would
 * otherwise spend its time writing to the terminal.
 */
const MIN_REDRAW_MS = 100;
const BAR_WIDTH = 30;

/**
 * A one-line progress bar on stderr, only when stderr is a terminal: units done, simulated time
 * and speed when known, ETA. Cleared when the work is done.
 */
export class Progress {
  private done = 0;
  private simulatedMs = 0;
  private lastDrawn = -Infinity;
  private readonly now: () => number;
  private readonly started: number;
  constructor(
    private readonly io: CommandIo,
    private readonly total: number,
    private readonly label: string,
    private readonly options: ProgressOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.started = this.now();
  }

  /** One unit (a run, a point) finished. */
  tick(): void {
    this.done++;
    this.simulatedMs = this.done * (this.options.simulatedMsPerUnit ?? 0);
    this.draw(true);
  }

  /** Simulated time done so far, over every unit (for a run that reports its own clock). */
  simulatedTo(ms: number): void {
    this.simulatedMs = ms;
    this.draw(false);
  }

  private draw(always: boolean): void {
    if (!this.io.stderrIsTty) return;
    const at = this.now();
    if (!always && at - this.lastDrawn < MIN_REDRAW_MS) return;
    this.lastDrawn = at;
    this.io.stderr(`\r${this.line(at)}\u001b[K`);
    if (this.done === this.total) this.io.stderr('\r\u001b[K');
  }

  /** The text of the line at wall time `at`. */
  line(at: number): string {
    const elapsed = Math.max(0, (at - this.started) / 1000);
    const perUnit = this.options.simulatedMsPerUnit;
    const totalSimulated = perUnit === undefined ? null : perUnit * this.total;
    const fraction = totalSimulated ? Math.min(1, this.simulatedMs / totalSimulated) : this.total > 0 ? this.done / this.total : 1;
    const filled = Math.round(fraction * BAR_WIDTH);
    const parts = [`${this.label} [${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${this.done}/${this.total}`];
    if (totalSimulated !== null) {
      parts.push(`${formatDuration(roundToSecond(this.simulatedMs))} of ${formatDuration(roundToSecond(totalSimulated))} simulated`);
      if (elapsed > 0 && this.simulatedMs > 0) parts.push(`${Math.round(this.simulatedMs / 1000 / elapsed).toLocaleString('en-US')} sim-s/s`);
    }
    parts.push(`ETA ${eta(fraction, elapsed)}`);
    return parts.join('  ');
  }
}

/** Remaining wall time at the speed so far; "?" before anything is done. */
function eta(fraction: number, elapsed: number): string {
  if (fraction <= 0) return '?';
  return `${Math.round((elapsed / fraction) * (1 - fraction))}s`;
}

function roundToSecond(ms: number): number {
  return Math.round(ms / 1000) * 1000;
}
