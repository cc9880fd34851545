/**
 * Load processes of the fluid node-case model (docs/models/cpu.md#the-event-driven-fluid-model-node-cases). All runnable threads of one container
 * progress at the same per-thread speed, so each load keeps a virtual work clock V (core·seconds per
 * thread) and running items finish when V reaches their finish mark.
 */
import { loadScheduleFor } from './fluid-schedule.js';
import type { NodeCaseContainer } from './node-case.js';

/** A container's load as seen by the fluid model. */
export interface FluidLoad {
  /** Threads with work right now. */
  runnable(): number;
  /** Per-thread work left on the running item closest to completion (Infinity: none). */
  workToNextCompletion(): number;
  /** Time of the next release/arrival (Infinity: none). */
  nextRelease(): number;
  /** Advances every running item by per-thread work `dv`. */
  advance(dv: number): void;
  /** Completes finished items and admits releases due at time t. */
  settle(t: number): void;
  /** End of the window: busy threads stop. */
  stop(): void;
  /** Work still queued or running. */
  pending(): boolean;
  /** Latencies (s) of jobs/requests released in the window and completed. */
  readonly latencies: number[];
}

const eps = 1e-12;

class BusyLoad implements FluidLoad {
  readonly latencies: number[] = [];
  private stopped = false;
  constructor(private readonly threads: number) {}
  runnable(): number {
    return this.stopped ? 0 : this.threads;
  }
  workToNextCompletion(): number {
    return Infinity;
  }
  nextRelease(): number {
    return Infinity;
  }
  advance(): void {}
  settle(): void {}
  stop(): void {
    this.stopped = true;
  }
  pending(): boolean {
    return false;
  }
}

class IdleLoad extends BusyLoad {
  constructor() {
    super(0);
  }
}

/** Each thread runs its own FIFO of jobs released every period. */
class PeriodicFluid implements FluidLoad {
  readonly latencies: number[] = [];
  private v = 0;
  private readonly released: Int32Array;
  private readonly done: Int32Array;
  private readonly finish: Float64Array;
  constructor(
    private readonly offsets: Float64Array,
    private readonly period: number,
    private readonly work: number,
    private readonly end: number,
  ) {
    const n = offsets.length;
    this.released = new Int32Array(n);
    this.done = new Int32Array(n);
    this.finish = new Float64Array(n).fill(Infinity);
  }
  private releaseTime(j: number, m: number): number {
    return this.offsets[j]! + m * this.period;
  }
  runnable(): number {
    let n = 0;
    for (let j = 0; j < this.offsets.length; j++) if (this.released[j]! > this.done[j]!) n++;
    return n;
  }
  workToNextCompletion(): number {
    let m = Infinity;
    for (let j = 0; j < this.offsets.length; j++) if (this.finish[j]! < m) m = this.finish[j]!;
    return m - this.v;
  }
  nextRelease(): number {
    let m = Infinity;
    for (let j = 0; j < this.offsets.length; j++) {
      const t = this.releaseTime(j, this.released[j]!);
      if (t < this.end && t < m) m = t;
    }
    return m;
  }
  advance(dv: number): void {
    this.v += dv;
  }
  settle(t: number): void {
    for (let j = 0; j < this.offsets.length; j++) {
      if (this.finish[j]! <= this.v + eps) {
        this.latencies.push(t - this.releaseTime(j, this.done[j]!));
        this.done[j]!++;
        this.finish[j] = Infinity;
      }
      while (this.releaseTime(j, this.released[j]!) <= t + eps && this.releaseTime(j, this.released[j]!) < this.end) this.released[j]!++;
      if (this.finish[j] === Infinity && this.released[j]! > this.done[j]!) this.finish[j] = this.v + this.work;
    }
  }
  stop(): void {}
  pending(): boolean {
    return this.runnable() > 0;
  }
}

/** Poisson requests split into `fanout` pieces served FIFO by `workers` threads. */
class PoissonFluid implements FluidLoad {
  readonly latencies: number[] = [];
  private v = 0;
  private next = 0;
  private readonly queue: number[] = [];
  private qHead = 0;
  private readonly runFinish: Float64Array;
  private readonly runReq: Int32Array;
  private running = 0;
  private readonly piecesLeft: Int32Array;
  constructor(
    private readonly arrivals: Float64Array,
    private readonly cpu: Float64Array,
    private readonly fanout: number,
    workers: number,
    private readonly overhead: number,
  ) {
    this.runFinish = new Float64Array(workers);
    this.runReq = new Int32Array(workers);
    this.piecesLeft = new Int32Array(arrivals.length);
  }
  runnable(): number {
    return this.running;
  }
  workToNextCompletion(): number {
    let m = Infinity;
    for (let w = 0; w < this.running; w++) if (this.runFinish[w]! < m) m = this.runFinish[w]!;
    return m - this.v;
  }
  nextRelease(): number {
    return this.next < this.arrivals.length ? this.arrivals[this.next]! : Infinity;
  }
  advance(dv: number): void {
    this.v += dv;
  }
  settle(t: number): void {
    for (let w = 0; w < this.running; ) {
      if (this.runFinish[w]! <= this.v + eps) {
        const r = this.runReq[w]!;
        if (--this.piecesLeft[r]! === 0) this.latencies.push(t - this.arrivals[r]!);
        this.running--;
        this.runFinish[w] = this.runFinish[this.running]!;
        this.runReq[w] = this.runReq[this.running]!;
      } else w++;
    }
    while (this.next < this.arrivals.length && this.arrivals[this.next]! <= t + eps) {
      this.piecesLeft[this.next] = this.fanout;
      for (let k = 0; k < this.fanout; k++) this.queue.push(this.next);
      this.next++;
    }
    while (this.running < this.runFinish.length && this.qHead < this.queue.length) {
      const r = this.queue[this.qHead++]!;
      this.runFinish[this.running] = this.v + this.cpu[r]! / this.fanout + this.overhead;
      this.runReq[this.running++] = r;
    }
    if (this.qHead > 4096 && this.qHead * 2 > this.queue.length) {
      this.queue.splice(0, this.qHead);
      this.qHead = 0;
    }
  }
  stop(): void {}
  pending(): boolean {
    return this.running > 0 || this.qHead < this.queue.length;
  }
}

/**
 * The fluid load of a resolved container.
 * @param overheadCpuSeconds CPU charged per job or piece wake-up (docs/models/cpu.md#the-event-driven-fluid-model-node-cases)
 */
export function createFluidLoad(c: NodeCaseContainer, durationSeconds: number, overheadCpuSeconds: number): FluidLoad {
  const l = c.load;
  switch (l.type) {
    case 'busy':
      return new BusyLoad(l.threads);
    case 'idle':
      return new IdleLoad();
    case 'periodic': {
      const s = loadScheduleFor(c, durationSeconds);
      return new PeriodicFluid(s.offsets!, l.period_ms / 1000, l.busy_ms / 1000 + overheadCpuSeconds, durationSeconds);
    }
    case 'poisson': {
      const s = loadScheduleFor(c, durationSeconds);
      return new PoissonFluid(s.arrivals!, s.cpuSeconds!, Math.max(1, l.fanout), Math.max(1, l.workers), overheadCpuSeconds);
    }
  }
}
