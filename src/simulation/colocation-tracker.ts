import type { Colocation } from './cpu-step.js';

/**
 * Seconds each workload ran, and ran beside each other workload, on the same node: a node's
 * pods change far less often than the step ticks, so each node keeps the pods it had and a count
 * of the steps they stayed the same, and the pairs are added once, when the pods change or the run
 * ends, instead of every step. Step counts times the step length are exact for whole-second steps,
 * so the totals are the ones adding a step at a time gives.
 */
export class ColocationTracker {
  private pods: Int32Array[] = [];
  private workloads: Int32Array[] = [];
  private count = new Int32Array(0);
  private steps = new Float64Array(0);
  private readonly seen: Uint8Array;
  private readonly present: Int32Array;

  constructor(
    private readonly colocation: Colocation,
    workloadCount: number,
    private readonly stepSeconds: number,
  ) {
    this.seen = new Uint8Array(workloadCount);
    this.present = new Int32Array(workloadCount);
  }

  /**
   * Node `n` ran these pods (slots and their workloads, first `m` entries) during this step.
   * The arrays are read, not kept.
   */
  observe(n: number, pods: Int32Array, workloads: Int32Array, m: number): void {
    this.ensure(n, m);
    const held = this.count[n]!;
    let same = held === m;
    if (same) {
      const hp = this.pods[n]!;
      const hw = this.workloads[n]!;
      for (let i = 0; i < m; i++) {
        if (hp[i] !== pods[i] || hw[i] !== workloads[i]) {
          same = false;
          break;
        }
      }
    }
    if (same) {
      this.steps[n]!++;
      return;
    }
    this.flush(n);
    this.pods[n]!.set(pods.subarray(0, m));
    this.workloads[n]!.set(workloads.subarray(0, m));
    this.count[n] = m;
    this.steps[n] = 1;
  }

  /**
   * Every node ran the pods it ran last step ({@link observe} of the same pods on each node that
   * ran; a node that ran nothing holds none, and counting its steps adds nothing).
   */
  repeat(): void {
    for (let n = 0; n < this.steps.length; n++) this.steps[n]!++;
  }

  /** Node `n` ran nothing this step (gone, or not yet up). */
  vacate(n: number): void {
    if (n >= this.count.length || this.count[n] === 0) return;
    this.flush(n);
    this.count[n] = 0;
  }

  /** Adds every node's pending seconds: call before the totals are read. */
  settle(): void {
    for (let n = 0; n < this.count.length; n++) this.flush(n);
  }

  private flush(n: number): void {
    const steps = this.steps[n]!;
    const m = this.count[n]!;
    this.steps[n] = 0;
    if (steps === 0 || m === 0) return;
    const seconds = steps * this.stepSeconds;
    const wl = this.workloads[n]!;
    let presentCount = 0;
    for (let i = 0; i < m; i++) {
      const wi = wl[i]!;
      if (!this.seen[wi]) {
        this.seen[wi] = 1;
        this.present[presentCount++] = wi;
      }
    }
    for (let i = 0; i < m; i++) {
      const wi = wl[i]!;
      this.colocation.podSeconds[wi]! += seconds;
      const row = this.colocation.withSeconds[wi]!;
      for (let j = 0; j < presentCount; j++) row[this.present[j]!]! += seconds;
    }
    for (let j = 0; j < presentCount; j++) this.seen[this.present[j]!] = 0;
  }

  private ensure(n: number, m: number): void {
    if (n >= this.count.length) {
      const size = Math.max(n + 1, this.count.length * 2);
      const count = new Int32Array(size);
      count.set(this.count);
      const steps = new Float64Array(size);
      steps.set(this.steps);
      this.count = count;
      this.steps = steps;
    }
    if (this.pods[n] === undefined || this.pods[n]!.length < m) {
      const pods = new Int32Array(Math.max(m, 8));
      const workloads = new Int32Array(Math.max(m, 8));
      // What the node held is still to be flushed (observe compares, then flushes).
      if (this.pods[n] !== undefined) {
        pods.set(this.pods[n]!);
        workloads.set(this.workloads[n]!);
      }
      this.pods[n] = pods;
      this.workloads[n] = workloads;
    }
  }
}
