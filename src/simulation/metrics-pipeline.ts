import { Periodic, Priority } from '../engine/index.js';
import type { Simulation } from './simulation.js';
import { PodPhase } from './pod-phase.js';

/**
 * What the HPA reads instead of the simulator's instantaneous truth: metrics-server scrapes each
 * kubelet every `metricResolutionMs` and serves, per pod, the CPU rate between its last two
 * scrapes (cAdvisor's cumulative usage counter differenced). A pod has no sample until it has been
 * running across two scrapes. With `metricsWindowMs` shorter than the resolution (older
 * metrics-server on the Summary API) the rate covers only the last `metricsWindowMs` before each
 * scrape; the sample's timestamp and window say so, and the HPA reads them as upstream does.
 */
export class MetricsPipeline {
  /** Latest CPU sample per pod slot, millicores; -1 = none. */
  cpuMilli = new Float64Array(0);
  timestampMs = new Float64Array(0);
  windowMs = new Float64Array(0);
  private lastCpuSeconds = new Float64Array(0);
  private lastScrapeMs = new Float64Array(0);
  /** Creation time of the pod the slot held at its last scrape (slots are reused). */
  private lastPodCreatedMs = new Float64Array(0);
  /** Short-window mode: cumulative CPU of each slot at the start of the window before the next scrape. */
  private windowStartCpuSeconds = new Float64Array(0);
  private windowStartMs = new Float64Array(0);
  private windowStartPodCreatedMs = new Float64Array(0);
  private windowPeriodic: Periodic | null = null;
  /** Latest CPU sample per container (pod slot x containersPerPod + container), millicores; -1 = none. */
  containerCpuMilli = new Float64Array(0);
  private lastContainerCpuSeconds = new Float64Array(0);
  private windowStartContainerCpuSeconds = new Float64Array(0);

  constructor(private readonly sim: Simulation) {}

  start(): void {
    const resolution = this.sim.scenario.metricResolutionMs;
    // Late: a scrape at t must see the CPU of the step that ends at t.
    new Periodic(this.sim.env, 'metrics-server', resolution, (now) => this.scrape(now), Priority.late).start(0);
    const window = this.sim.scenario.metricsWindowMs;
    if (window !== null && window < resolution) {
      this.windowPeriodic = new Periodic(this.sim.env, 'metrics-window-start', resolution, (now) => this.markWindowStart(now), Priority.late).start(resolution - window);
    }
  }

  private ensureCapacity(n: number): void {
    if (this.cpuMilli.length >= n) return;
    const grow = (a: Float64Array, fill: number, size = n) => {
      const b = new Float64Array(size).fill(fill);
      b.set(a);
      return b;
    };
    this.cpuMilli = grow(this.cpuMilli, -1);
    this.timestampMs = grow(this.timestampMs, 0);
    this.windowMs = grow(this.windowMs, 0);
    this.lastCpuSeconds = grow(this.lastCpuSeconds, 0);
    this.lastScrapeMs = grow(this.lastScrapeMs, -1);
    this.lastPodCreatedMs = grow(this.lastPodCreatedMs, -1);
    this.windowStartCpuSeconds = grow(this.windowStartCpuSeconds, 0);
    this.windowStartMs = grow(this.windowStartMs, -1);
    this.windowStartPodCreatedMs = grow(this.windowStartPodCreatedMs, -1);
    const c = this.sim.state.containersPerPod;
    this.containerCpuMilli = grow(this.containerCpuMilli, -1, n * c);
    this.lastContainerCpuSeconds = grow(this.lastContainerCpuSeconds, 0, n * c);
    this.windowStartContainerCpuSeconds = grow(this.windowStartContainerCpuSeconds, 0, n * c);
  }

  /** Short-window mode: remembers each running pod's CPU counter where the next sample's window starts. */
  private markWindowStart(now: number): void {
    const s = this.sim.state;
    this.ensureCapacity(s.podCapacity);
    for (let p = 0; p < s.podHighWater; p++) {
      const phase = s.podPhase[p]!;
      const running = phase === PodPhase.running || phase === PodPhase.ready || phase === PodPhase.terminating;
      this.windowStartMs[p] = running ? now : -1;
      this.windowStartCpuSeconds[p] = s.podCpuSeconds[p]!;
      const C = s.containersPerPod;
      for (let c = p * C; c < (p + 1) * C; c++) this.windowStartContainerCpuSeconds[c] = s.ctrCpuSeconds[c]!;
      this.windowStartPodCreatedMs[p] = s.podCreatedMs[p]!;
    }
  }

  private scrape(now: number): void {
    const s = this.sim.state;
    this.ensureCapacity(s.podCapacity);
    for (let p = 0; p < s.podHighWater; p++) {
      const phase = s.podPhase[p]!;
      const running = phase === PodPhase.running || phase === PodPhase.ready || phase === PodPhase.terminating;
      const samePod = this.lastPodCreatedMs[p] === s.podCreatedMs[p];
      const C = s.containersPerPod;
      if (!running) {
        this.containerCpuMilli.fill(-1, p * C, (p + 1) * C);
        this.cpuMilli[p] = -1;
        this.lastScrapeMs[p] = -1;
        continue;
      }
      const short = this.windowPeriodic !== null;
      const sameWindowPod = this.windowStartPodCreatedMs[p] === s.podCreatedMs[p];
      const previous = short ? (sameWindowPod ? this.windowStartMs[p]! : -1) : samePod ? this.lastScrapeMs[p]! : -1;
      const previousCpu = short ? this.windowStartCpuSeconds[p]! : this.lastCpuSeconds[p]!;
      if (previous >= 0 && previous >= s.podStartMs[p]!) {
        const window = now - previous;
        this.cpuMilli[p] = window > 0 ? ((s.podCpuSeconds[p]! - previousCpu) / (window / 1000)) * 1000 : -1;
        const from = short ? this.windowStartContainerCpuSeconds : this.lastContainerCpuSeconds;
        for (let c = p * C; c < (p + 1) * C; c++) this.containerCpuMilli[c] = window > 0 ? ((s.ctrCpuSeconds[c]! - from[c]!) / (window / 1000)) * 1000 : -1;
        this.timestampMs[p] = now;
        this.windowMs[p] = window;
      } else {
        this.cpuMilli[p] = -1;
        this.containerCpuMilli.fill(-1, p * C, (p + 1) * C);
      }
      this.lastCpuSeconds[p] = s.podCpuSeconds[p]!;
      for (let c = p * C; c < (p + 1) * C; c++) this.lastContainerCpuSeconds[c] = s.ctrCpuSeconds[c]!;
      this.lastScrapeMs[p] = now;
      this.lastPodCreatedMs[p] = s.podCreatedMs[p]!;
    }
  }

  /** The sample of container `c` of pod slot `p` (same rules as {@link sample}). */
  containerSample(p: number, c: number, createdMs: number): { valueMilli: number; timestampMs: number; windowMs: number } | null {
    const pod = this.sample(p, createdMs);
    const v = this.containerCpuMilli[p * this.sim.state.containersPerPod + c] ?? -1;
    return pod && v >= 0 ? { valueMilli: v, timestampMs: pod.timestampMs, windowMs: pod.windowMs } : null;
  }

  /** The sample of pod slot `p` if it belongs to the pod created at `createdMs`. */
  sample(p: number, createdMs: number): { valueMilli: number; timestampMs: number; windowMs: number } | null {
    if (!this.hasSample(p, createdMs)) return null;
    return { valueMilli: this.cpuMilli[p]!, timestampMs: this.timestampMs[p]!, windowMs: this.windowMs[p]! };
  }

  /** Whether pod slot `p` has a sample of the pod created at `createdMs` (then read it from the arrays). */
  hasSample(p: number, createdMs: number): boolean {
    return p < this.cpuMilli.length && this.cpuMilli[p]! >= 0 && this.lastPodCreatedMs[p] === createdMs;
  }
}
