import type { NodeCpuState } from '../models/cpu/node-cpu-state.js';
import { grow, type ClusterState } from './cluster-state.js';
import type { WorkloadAccumulators } from './workload-accumulators.js';
import type { WorkloadRuntime } from './workload-runtime.js';

/*
 * A node's CPU step is a pure function of a few inputs per container: which pod and container it
 * is (so its workload's configuration), the pod's phase, its workload's arrivals, Ready pods and
 * rate this step, and the backlog the container carries in. The throttle and latency caches only
 * save work, they never change an answer. So when every input of a node repeats the last step's,
 * its step adds exactly what the last one added, and writes back the backlog it already holds.
 * Quiet spans (a constant or stepped load without noise, once the controllers have settled) then
 * cost a replay of the recorded additions per container instead of the splits and the queueing
 * solves. Each addition is recorded as the value the step added and replayed in the same order,
 * so every total comes out to the bit as if the step had been recomputed. Only nodes whose pods
 * all have loads without noise are recorded (cpu-step.ts): under Poisson noise no step repeats.
 */

/** Inputs saved per container visit: pod slot (-1 = the DaemonSets), container, workload, phase, arrivals, Ready pods, rate, backlog. */
const IN_STRIDE = 8;

/**
 * What one container visit added, in two records: numbers (VISIT_*, a Float64Array) and indices
 * (VISIT_INT_*, an Int32Array), at these offsets.
 */
/** received × dt and demand × dt, core·seconds. */
export const VISIT_RECEIVED = 0;
export const VISIT_DEMAND = 1;
/** The pod's served requests per second; NaN for a container that does not serve. */
export const VISIT_RPS = 2;
export const VISIT_NR_PERIODS = 3;
export const VISIT_NR_THROTTLED = 4;
export const VISIT_THROTTLED_SECONDS = 5;
/** For a visit that reached the request latency of a serving container: the requests dropped... */
export const VISIT_DROPPED = 6;
/**
 * ...the requests added to the latency histogram, their points' largest latency and their p50, p90
 * and p99 (adjacent, as LatencyHistogram.addPlaced reads them)...
 */
export const VISIT_SHARE = 7;
export const VISIT_POINTS_MAX = 8;
export const VISIT_P50 = 9;
export const VISIT_P90 = 10;
export const VISIT_P99 = 11;
/** ...and the SLO seconds added. */
export const VISIT_SLO_SECONDS = 12;
export const VISIT_STRIDE = 13;
export const VISIT_INT_POD = 0;
export const VISIT_INT_SLOT = 1;
export const VISIT_INT_WORKLOAD = 2;
export const VISIT_INT_CONTAINER_TYPE = 3;
/** 1 when the visit reached the request latency (the served fields above and the buckets). */
export const VISIT_INT_SERVED = 4;
/** The latency histogram's 12 buckets for the visit's points (LatencyHistogram.copyPlacement). */
export const VISIT_INT_BUCKETS = 5;
export const VISIT_INT_STRIDE = 17;

/**
 * Node-steps replayed and computed, and whole steps replayed (repeated-step.ts), process-wide (for
 * benchmarks and tests: how quiet runs were).
 */
export const quietNodeSteps = { replayed: 0, computed: 0, wholeSteps: 0 };

/** The per-node inputs and additions of the last computed step, and their replay. */
export class QuietNodeReplay {
  private inputs: Float64Array[] = [];
  private visits: Float64Array[] = [];
  private visitInts: Int32Array[] = [];
  /** Containers saved per node. */
  private count = new Int32Array(0);
  /** Visit records per node, in the order the step made them. */
  private visitCount = new Int32Array(0);
  private burstableShares = new Float64Array(0);
  /** The CPU state the saved inputs are of; undefined = nothing to replay (a new, gone or forgotten node). */
  private cpu: (NodeCpuState | undefined)[] = [];
  /**
   * Every recorded node's visits as a whole step's replay reads them, in node and visit order:
   * pod slot, container slot, CPU received, requests per second (NaN = none). Built from the
   * records at the first such replay after they changed: the records are spread over a node's
   * slots, and this stream is read step after step through a quiet span.
   */
  private streamPod = new Int32Array(0);
  private streamSlot = new Int32Array(0);
  private streamReceived = new Float64Array(0);
  private streamRps = new Float64Array(0);
  private streamCount = 0;
  private streamNodes = 0;
  private streamValid = false;
  /** One container's inputs after its slot and container: workload, phase, arrivals, Ready pods, rate, backlog. */
  private readonly input = new Float64Array(IN_STRIDE - 2);

  constructor(
    private readonly s: ClusterState,
    private readonly workloads: readonly WorkloadRuntime[],
    /** Where the step adds its per-workload totals (cpu-step.ts: the step's sums). */
    private readonly sums: WorkloadAccumulators,
    private readonly containersPerPod: number,
  ) {}

  /**
   * Saves node `n`'s inputs this step (its CPU state was just filled from `pods` and
   * `containers`, per container slot) and says whether they equal those of the step recorded last,
   * so that {@link replay} gives this step's additions.
   */
  refresh(n: number, cpu: NodeCpuState, pods: Int32Array, containers: Int32Array, daemonMilli: number): boolean {
    this.ensure(n, cpu.maxContainers);
    const m = cpu.containerCount;
    let same = this.count[n] === m && this.cpu[n] === cpu && this.burstableShares[n] === cpu.burstableShares;
    this.count[n] = m;
    this.cpu[n] = cpu;
    this.burstableShares[n] = cpu.burstableShares;
    const saved = this.inputs[n]!;
    const s = this.s;
    // Each input goes straight from its source into the comparison and the store: a number merged
    // from a call's argument and a field would be a heap object in V8, every container and step.
    const input = this.input;
    for (let k = 0, o = 0; k < m; k++, o += IN_STRIDE) {
      const p = pods[k]!;
      const c = containers[k]!;
      if (p < 0) {
        input[0] = -1;
        input[1] = -1;
        input[2] = daemonMilli;
        input[3] = 0;
        input[4] = 0;
        input[5] = 0;
      } else {
        const wi = s.podWorkload[p]!;
        const w = this.workloads[wi]!;
        input[0] = wi;
        input[1] = s.podPhase[p]!;
        input[2] = w.arrivals;
        input[3] = w.readyPods;
        input[4] = w.rate;
        input[5] = s.ctrBacklog[p * this.containersPerPod + c]!;
      }
      if (same) {
        same =
          saved[o] === p &&
          saved[o + 1] === c &&
          saved[o + 2] === input[0] &&
          saved[o + 3] === input[1] &&
          saved[o + 4] === input[2] &&
          saved[o + 5] === input[3] &&
          saved[o + 6] === input[4] &&
          saved[o + 7] === input[5];
        if (same) continue;
      }
      saved[o] = p;
      saved[o + 1] = c;
      for (let j = 0; j < 6; j++) saved[o + 2 + j] = input[j]!;
    }
    return same;
  }

  /** Whether node `n` has a record to replay (it ran, and was recorded, since it was last forgotten). */
  has(n: number): boolean {
    return this.cpu[n] !== undefined;
  }

  /** Node `n` is gone or not up: nothing of it is replayed. */
  forget(n: number): void {
    if (this.cpu[n] !== undefined) this.streamValid = false;
    this.cpu[n] = undefined;
  }

  /** Where node `n`'s visit records are written this step (room for its containers), in visit order: numbers... */
  visitsOf(n: number): Float64Array {
    return this.visits[n]!;
  }

  /** ...and indices. */
  visitIntsOf(n: number): Int32Array {
    return this.visitInts[n]!;
  }

  /** Node `n`'s step wrote `visits` records. */
  recorded(n: number, visits: number): void {
    quietNodeSteps.computed++;
    this.visitCount[n] = visits;
    this.streamValid = false;
  }

  /**
   * Adds node `n`'s recorded visits again, in their order: its step when {@link refresh} said its
   * inputs repeat. Each total receives the values the computed step added to it, in the order it
   * added them (cpu-step.ts), so it comes out to the bit as if recomputed; the quiet-node tests
   * compare whole runs both ways.
   */
  replay(n: number): void {
    quietNodeSteps.replayed++;
    const log = this.visits[n]!;
    const ints = this.visitInts[n]!;
    const count = this.visitCount[n]!;
    for (let v = 0; v < count; v++) this.addVisit(log, v * VISIT_STRIDE, ints, v * VISIT_INT_STRIDE);
  }

  /**
   * Adds the recorded visits of every node below `nodes` that has a record to their pods' and
   * containers' own totals only: a whole step repeated (repeated-step.ts), whose per-workload sums
   * the step adds once (cpu-step.ts). Each total receives what the visits gave it, in their order.
   */
  replayPods(nodes: number): void {
    if (!this.streamValid) this.buildStream(nodes);
    quietNodeSteps.replayed += this.streamNodes;
    const s = this.s;
    const pods = this.streamPod;
    const slots = this.streamSlot;
    const received = this.streamReceived;
    const rps = this.streamRps;
    for (let v = 0; v < this.streamCount; v++) {
      const p = pods[v]!;
      const r = received[v]!;
      s.podCpuSeconds[p]! += r;
      s.ctrCpuSeconds[slots[v]!]! += r;
      const served = rps[v]!;
      if (served === served) s.podRps[p] = served;
    }
  }

  private buildStream(nodes: number): void {
    let total = 0;
    let count = 0;
    for (let n = 0; n < nodes; n++) {
      if (this.cpu[n] === undefined) continue;
      total += this.visitCount[n]!;
      count++;
    }
    if (this.streamPod.length < total) {
      this.streamPod = new Int32Array(total * 2);
      this.streamSlot = new Int32Array(total * 2);
      this.streamReceived = new Float64Array(total * 2);
      this.streamRps = new Float64Array(total * 2);
    }
    let v = 0;
    for (let n = 0; n < nodes; n++) {
      if (this.cpu[n] === undefined) continue;
      const log = this.visits[n]!;
      const ints = this.visitInts[n]!;
      for (let k = 0, o = 0, i = 0; k < this.visitCount[n]!; k++, o += VISIT_STRIDE, i += VISIT_INT_STRIDE, v++) {
        this.streamPod[v] = ints[i + VISIT_INT_POD]!;
        this.streamSlot[v] = ints[i + VISIT_INT_SLOT]!;
        this.streamReceived[v] = log[o + VISIT_RECEIVED]!;
        this.streamRps[v] = log[o + VISIT_RPS]!;
      }
    }
    this.streamCount = total;
    this.streamNodes = count;
    this.streamValid = true;
  }

  /** Adds one visit's record to its pod's and container's totals and to the step's sums. */
  private addVisit(log: Float64Array, o: number, ints: Int32Array, i: number): void {
    const s = this.s;
    const acc = this.sums;
    const p = ints[i + VISIT_INT_POD]!;
    const wi = ints[i + VISIT_INT_WORKLOAD]!;
    const gi = ints[i + VISIT_INT_CONTAINER_TYPE]!;
    const received = log[o + VISIT_RECEIVED]!;
    s.podCpuSeconds[p]! += received;
    s.ctrCpuSeconds[ints[i + VISIT_INT_SLOT]!]! += received;
    acc.cpuDemandCoreSeconds[wi]! += log[o + VISIT_DEMAND]!;
    acc.cpuReceivedCoreSeconds[wi]! += received;
    acc.containerCpuReceivedCoreSeconds[gi]! += received;
    const rps = log[o + VISIT_RPS]!;
    if (rps === rps) s.podRps[p] = rps;
    const nrPeriods = log[o + VISIT_NR_PERIODS]!;
    const nrThrottled = log[o + VISIT_NR_THROTTLED]!;
    acc.nrPeriods[wi]! += nrPeriods;
    acc.nrThrottled[wi]! += nrThrottled;
    acc.throttledSeconds[wi]! += log[o + VISIT_THROTTLED_SECONDS]!;
    acc.containerNrPeriods[gi]! += nrPeriods;
    acc.containerNrThrottled[gi]! += nrThrottled;
    if (ints[i + VISIT_INT_SERVED] !== 1) return;
    const dropped = log[o + VISIT_DROPPED]!;
    acc.droppedRequests[wi]! += dropped;
    const histogram = acc.latency[wi]!;
    histogram.addPlaced(log, o + VISIT_SHARE, ints, i + VISIT_INT_BUCKETS);
    // An overflowing queue's requests were counted as dropped already (cpu-step.ts).
    if (!(dropped > 0)) acc.droppedRequests[wi]! += histogram.dropped;
    acc.sloViolatedSeconds[wi]! += log[o + VISIT_SLO_SECONDS]!;
  }

  private ensure(n: number, maxContainers: number): void {
    if (n >= this.count.length) {
      const size = Math.max(n + 1, this.count.length * 2);
      this.count = grow(this.count, size);
      this.burstableShares = grow(this.burstableShares, size);
      this.visitCount = grow(this.visitCount, size);
    }
    if (!this.inputs[n] || this.inputs[n]!.length < maxContainers * IN_STRIDE) {
      this.inputs[n] = new Float64Array(maxContainers * IN_STRIDE);
      this.visits[n] = new Float64Array(maxContainers * VISIT_STRIDE);
      this.visitInts[n] = new Int32Array(maxContainers * VISIT_INT_STRIDE);
      this.cpu[n] = undefined;
      this.streamValid = false;
    }
  }
}
