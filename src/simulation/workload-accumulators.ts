import { LatencyHistogram } from './latency-histogram.js';

/**
 * Per-workload sums over an interval (one sample of the time series) or a whole run, as flat
 * typed arrays indexed by workload, so the step loop adds into them without allocating.
 */
export class WorkloadAccumulators {
  readonly cpuDemandCoreSeconds: Float64Array;
  readonly cpuReceivedCoreSeconds: Float64Array;
  readonly requests: Float64Array;
  readonly droppedRequests: Float64Array;
  readonly nrPeriods: Float64Array;
  readonly nrThrottled: Float64Array;
  readonly throttledSeconds: Float64Array;
  readonly sloViolatedSeconds: Float64Array;
  readonly latency: LatencyHistogram[];
  /** Per running container over all workloads (WorkloadRuntime.containers[].globalIndex). */
  readonly containerCpuReceivedCoreSeconds: Float64Array;
  readonly containerNrPeriods: Float64Array;
  readonly containerNrThrottled: Float64Array;

  constructor(
    readonly size: number,
    readonly containerSize = 0,
  ) {
    const f = () => new Float64Array(size);
    this.cpuDemandCoreSeconds = f();
    this.cpuReceivedCoreSeconds = f();
    this.requests = f();
    this.droppedRequests = f();
    this.nrPeriods = f();
    this.nrThrottled = f();
    this.throttledSeconds = f();
    this.sloViolatedSeconds = f();
    this.latency = Array.from({ length: size }, () => new LatencyHistogram());
    this.containerCpuReceivedCoreSeconds = new Float64Array(containerSize);
    this.containerNrPeriods = new Float64Array(containerSize);
    this.containerNrThrottled = new Float64Array(containerSize);
  }

  reset(): void {
    this.cpuDemandCoreSeconds.fill(0);
    this.cpuReceivedCoreSeconds.fill(0);
    this.requests.fill(0);
    this.droppedRequests.fill(0);
    this.nrPeriods.fill(0);
    this.nrThrottled.fill(0);
    this.throttledSeconds.fill(0);
    this.sloViolatedSeconds.fill(0);
    for (const h of this.latency) h.reset();
    this.containerCpuReceivedCoreSeconds.fill(0);
    this.containerNrPeriods.fill(0);
    this.containerNrThrottled.fill(0);
  }

  /** Adds `other` into this (interval into run totals). */
  add(other: WorkloadAccumulators): void {
    for (let w = 0; w < this.size; w++) {
      this.cpuDemandCoreSeconds[w]! += other.cpuDemandCoreSeconds[w]!;
      this.cpuReceivedCoreSeconds[w]! += other.cpuReceivedCoreSeconds[w]!;
      this.requests[w]! += other.requests[w]!;
      this.droppedRequests[w]! += other.droppedRequests[w]!;
      this.nrPeriods[w]! += other.nrPeriods[w]!;
      this.nrThrottled[w]! += other.nrThrottled[w]!;
      this.throttledSeconds[w]! += other.throttledSeconds[w]!;
      this.sloViolatedSeconds[w]! += other.sloViolatedSeconds[w]!;
      this.latency[w]!.merge(other.latency[w]!);
    }
    for (let c = 0; c < this.containerSize; c++) {
      this.containerCpuReceivedCoreSeconds[c]! += other.containerCpuReceivedCoreSeconds[c]!;
      this.containerNrPeriods[c]! += other.containerNrPeriods[c]!;
      this.containerNrThrottled[c]! += other.containerNrThrottled[c]!;
    }
  }
}
