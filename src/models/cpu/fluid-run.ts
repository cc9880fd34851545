/**
 * One run of the event-driven fluid model of a node case (docs/models/cpu.md#the-event-driven-fluid-model-node-cases) for one draw of the quota
 * groups' period phases: hierarchical water-filling of the cores among runnable threads, one CFS
 * budget per quota group burnt at its allocated rate, throttling at exhaustion until the group's
 * next period boundary, kernel period counting. Deterministic for a case and phase seed.
 */
import seedrandom from 'seedrandom';
import { wakeupOverheadCpuSeconds } from './defaults.js';
import { createFluidLoad, type FluidLoad } from './fluid-loads.js';
import type { NodeCase } from './node-case.js';
import { createNodeCpuScratch, createNodeCpuState } from './node-cpu-state.js';
import { QOS_GUARANTEED } from './qos-class.js';
import { armGroup, createQuotaGroups, periodBoundary, throttleGroup, type QuotaGroups } from './quota-groups.js';
import { splitNodeCpu } from './split-node-cpu.js';

/** Options of one fluid run. */
export interface FluidRunOptions {
  /** CPU charged per job or piece wake-up, s. @default wakeupOverheadCpuSeconds (20 µs) */
  readonly overheadCpuSeconds?: number;
  /** Longest time after the window to let queued requests finish, s. @default 10 */
  readonly drainSeconds?: number;
}

/** Raw accumulators of one run, per container. */
export interface FluidRun {
  /** CPU-seconds used in the window. */
  readonly usageSeconds: Float64Array;
  /** Own-quota counters (NaN when the container has no quota). */
  readonly nrPeriods: Float64Array;
  readonly nrThrottled: Float64Array;
  readonly throttledSeconds: Float64Array;
  /** Latencies (s) of jobs/requests released in the window. */
  readonly latencies: readonly (readonly number[])[];
}

const eps = 1e-12;

/** Simulates `c` once with period phases drawn from `phaseSeed`. */
export function runFluidNodeCase(c: NodeCase, opts: FluidRunOptions, phaseSeed: string): FluidRun {
  const D = c.durationSeconds;
  const T = c.periodMicros / 1e6;
  const nc = c.containers.length;
  const overhead = opts.overheadCpuSeconds ?? wakeupOverheadCpuSeconds;
  const loads: FluidLoad[] = c.containers.map((k) => createFluidLoad(k, D, overhead));

  // Pods: the case's pod cgroups, then one pseudo-pod per container without a pod (equivalent to
  // the container sitting directly under the root).
  const np = c.pods.length;
  let pseudo = np;
  const state = createNodeCpuState(nc, np + nc, c.cores);
  c.pods.forEach((p, k) => (state.podShares[k] = p.shares));
  c.containers.forEach((k, i) => {
    const pod = k.podIndex >= 0 ? k.podIndex : pseudo++;
    if (k.podIndex < 0) state.podShares[pod] = k.shares;
    state.podIndex[i] = pod;
    state.shares[i] = k.shares;
    state.cpusetCores[i] = Math.min(c.cores, k.cpus?.length ?? c.cores);
  });
  state.containerCount = nc;
  state.podCount = pseudo;
  state.podQos.fill(QOS_GUARANTEED);
  const scratch = createNodeCpuScratch(state);

  // Quota groups: containers with a quota, then pods with a quota.
  const quotas: number[] = [];
  const bursts: number[] = [];
  const cpus: number[] = [];
  const ownGroup = new Int32Array(nc).fill(-1);
  const podGroup = new Int32Array(nc).fill(-1);
  c.containers.forEach((k, i) => {
    if (k.quotaMicros <= 0) return;
    ownGroup[i] = quotas.length;
    quotas.push(k.quotaMicros / 1e6);
    bursts.push(k.burstMicros / 1e6);
    cpus.push(state.cpusetCores[i]!);
  });
  c.pods.forEach((p, k) => {
    if (p.quotaMicros <= 0) return;
    const g = quotas.length;
    quotas.push(p.quotaMicros / 1e6);
    bursts.push(0);
    cpus.push(c.cores);
    c.containers.forEach((m, i) => m.podIndex === k && (podGroup[i] = g));
  });
  const phaseRng = seedrandom(phaseSeed);
  const groups = createQuotaGroups(quotas, bursts, cpus, T, phaseRng);
  const ng = groups.count;
  const burn = new Float64Array(ng);
  const runnableOf = new Float64Array(ng);
  const usage = new Float64Array(nc);
  const speed = new Float64Array(nc);

  let t = 0;
  for (const l of loads) l.settle(0);
  const end = D + (opts.drainSeconds ?? 10);
  let stopped = false;
  for (let guard = 0; guard < 50_000_000; guard++) {
    // 1. Allocation with throttled groups capped at 0.
    for (let i = 0; i < nc; i++) {
      const n = loads[i]!.runnable();
      const g1 = ownGroup[i]!;
      const g2 = podGroup[i]!;
      const blocked = (g1 >= 0 && groups.throttled[g1] === 1) || (g2 >= 0 && groups.throttled[g2] === 1);
      state.demandCores[i] = blocked ? 0 : n;
      state.parallelismCap[i] = n;
    }
    splitNodeCpu(state, scratch);
    burn.fill(0);
    runnableOf.fill(0);
    for (let i = 0; i < nc; i++) {
      const a = state.received[i]!;
      const n = loads[i]!.runnable();
      speed[i] = n > 0 ? a / n : 0;
      const g1 = ownGroup[i]!;
      const g2 = podGroup[i]!;
      if (g1 >= 0) {
        burn[g1] = burn[g1]! + a;
        runnableOf[g1] = runnableOf[g1]! + n;
      }
      if (g2 >= 0) {
        burn[g2] = burn[g2]! + a;
        runnableOf[g2] = runnableOf[g2]! + n;
      }
    }
    for (let g = 0; g < ng; g++) if (burn[g]! > 0) armGroup(groups, g, t);

    // 2. Next event.
    let next = stopped ? end : D;
    for (let i = 0; i < nc; i++) {
      const l = loads[i]!;
      next = Math.min(next, l.nextRelease());
      if (speed[i]! > 0) next = Math.min(next, t + l.workToNextCompletion() / speed[i]!);
    }
    for (let g = 0; g < ng; g++) {
      if (burn[g]! > 0) next = Math.min(next, t + groups.rem[g]! / burn[g]!);
      next = Math.min(next, groups.nextBoundary[g]!);
    }
    const dt = Math.max(0, next - t);

    // 3. Advance.
    const inWindow = t < D - eps;
    for (let i = 0; i < nc; i++) {
      loads[i]!.advance(speed[i]! * dt);
      if (inWindow) usage[i] = usage[i]! + state.received[i]! * dt;
    }
    for (let g = 0; g < ng; g++) {
      groups.rem[g] = groups.rem[g]! - burn[g]! * dt;
      if (inWindow && groups.throttled[g] === 1) groups.throttledTime[g] = groups.throttledTime[g]! + dt * Math.min(runnableOf[g]!, groups.cpusAtThrottle[g]!);
    }
    t = next;

    // 4. Events at t: completions and releases, window end, boundaries, exhaustion.
    for (const l of loads) l.settle(t);
    if (!stopped && t >= D - eps) {
      stopped = true;
      for (const l of loads) l.stop();
    }
    for (let g = 0; g < ng; g++) if (groups.nextBoundary[g]! <= t + eps) periodBoundary(groups, g, t <= D + eps);
    throttleExhausted(groups, loads, ownGroup, podGroup, burn);
    if (stopped && (t >= end - eps || loads.every((l) => !l.pending()))) break;
  }

  const own = (a: Float64Array, i: number): number => (ownGroup[i]! < 0 ? NaN : a[ownGroup[i]!]!);
  return {
    usageSeconds: usage,
    nrPeriods: Float64Array.from(c.containers, (_, i) => own(groups.nrPeriods, i)),
    nrThrottled: Float64Array.from(c.containers, (_, i) => own(groups.nrThrottled, i)),
    throttledSeconds: Float64Array.from(c.containers, (_, i) => own(groups.throttledTime, i)),
    latencies: loads.map((l) => l.latencies),
  };
}

/** Groups whose budget is gone while they still have runnable work become throttled. */
function throttleExhausted(groups: QuotaGroups, loads: readonly FluidLoad[], own: Int32Array, pod: Int32Array, burn: Float64Array): void {
  for (let g = 0; g < groups.count; g++) {
    if (groups.throttled[g] === 1 || groups.rem[g]! > eps * Math.max(1, groups.quota[g]!)) continue;
    for (let i = 0; i < loads.length; i++) {
      if ((own[i] === g || pod[i] === g) && loads[i]!.runnable() > 0) {
        throttleGroup(groups, g, burn[g]!);
        break;
      }
    }
  }
}
