/**
 * CFS bandwidth state of the quota groups of a node case (containers and pods with a quota), with
 * the kernel's period-timer rules (docs/models/cpu.md#throttling-by-limits, docs/models/cpu.md#the-event-driven-fluid-model-node-cases): one budget per group per period,
 * refilled at the group's own phase; nr_periods counts timer expirations while armed; the timer
 * disarms at the first boundary ending a period with no runtime drawn and no throttle.
 */

/** Struct-of-arrays state of all quota groups. */
export interface QuotaGroups {
  readonly count: number;
  readonly quota: Float64Array; // CPU-seconds per period
  readonly burst: Float64Array; // extra CPU-seconds that may accumulate
  readonly rem: Float64Array;
  readonly throttled: Uint8Array;
  readonly armed: Uint8Array;
  readonly idle: Uint8Array;
  readonly phase: Float64Array;
  readonly nextBoundary: Float64Array;
  readonly nrPeriods: Float64Array;
  readonly nrThrottled: Float64Array;
  readonly throttledTime: Float64Array;
  /** CPUs the group can spread over (throttled time is summed per CPU). */
  readonly cpus: Float64Array;
  /** CPUs the group was running on when it ran out: its allocation rounded up (see throttleGroup). */
  readonly cpusAtThrottle: Float64Array;
  readonly period: number;
}

/** Groups with the given quotas/bursts (seconds per period), random phases and full budgets. */
export function createQuotaGroups(quotas: readonly number[], bursts: readonly number[], cpus: readonly number[], periodSeconds: number, phase: () => number): QuotaGroups {
  const n = quotas.length;
  const g: QuotaGroups = {
    count: n,
    quota: Float64Array.from(quotas),
    burst: Float64Array.from(bursts),
    rem: Float64Array.from(quotas),
    throttled: new Uint8Array(n),
    armed: new Uint8Array(n),
    idle: new Uint8Array(n),
    phase: new Float64Array(n),
    nextBoundary: new Float64Array(n).fill(Infinity),
    nrPeriods: new Float64Array(n),
    nrThrottled: new Float64Array(n),
    throttledTime: new Float64Array(n),
    cpus: Float64Array.from(cpus),
    cpusAtThrottle: new Float64Array(n),
    period: periodSeconds,
  };
  for (let k = 0; k < n; k++) g.phase[k] = phase() * periodSeconds;
  return g;
}

/** Starts the period timer of a group that draws runtime at time t (keeps its phase grid). */
export function armGroup(g: QuotaGroups, k: number, t: number): void {
  g.idle[k] = 0;
  if (g.armed[k] === 1) return;
  g.armed[k] = 1;
  const T = g.period;
  const n = Math.floor((t - g.phase[k]!) / T) + 1;
  g.nextBoundary[k] = g.phase[k]! + n * T;
}

/**
 * Period boundary of group k (kernel `do_sched_cfs_period_timer`): count the period, count a
 * throttle if the group is throttled now, refill (with burst: min(rem + Q, Q + B)), unthrottle,
 * and disarm after a whole idle period.
 * @param counting whether counters accrue (inside the measured window)
 */
export function periodBoundary(g: QuotaGroups, k: number, counting: boolean): void {
  const wasThrottled = g.throttled[k] === 1;
  if (counting) {
    g.nrPeriods[k]!++;
    if (wasThrottled) g.nrThrottled[k]!++;
  }
  const Q = g.quota[k]!;
  g.rem[k] = Math.min(Math.max(g.rem[k]!, 0) + Q, Q + g.burst[k]!);
  g.throttled[k] = 0;
  if (g.idle[k] === 1 && !wasThrottled) {
    g.armed[k] = 0;
    g.nextBoundary[k] = Infinity;
    return;
  }
  g.idle[k] = wasThrottled ? 0 : 1;
  g.nextBoundary[k] = g.nextBoundary[k]! + g.period;
}

/**
 * Throttles group k that ran out while burning `burnCores`. The kernel sums throttled time over the
 * per-CPU run queues that were throttled, i.e. the CPUs the group was running on: the load balancer
 * packs a group getting r cores onto ⌈r⌉ CPUs. Calibrated on 6.18 (bench/calibration): a 4-thread
 * group limited to 0.5 core next to a 1-thread neighbour accrues 1 × stall per period, not 2 ×
 * (counting min(runnable, S) CPUs only holds when the group had every CPU).
 */
export function throttleGroup(g: QuotaGroups, k: number, burnCores: number): void {
  g.throttled[k] = 1;
  g.cpusAtThrottle[k] = Math.min(g.cpus[k]!, Math.max(1, Math.ceil(burnCores - 1e-9)));
}
