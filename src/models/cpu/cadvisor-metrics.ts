/**
 * Kernel CPU counters → the cAdvisor/kubelet metric names (docs/models/cpu.md#throttling-by-limits), and a per-step accumulator
 * for the simulator (struct of arrays, allocation-free).
 */
import {
  THROTTLE_NR_PERIODS,
  THROTTLE_NR_THROTTLED,
  THROTTLE_THROTTLED_SECONDS,
} from './throttle-step.js';

/** Cumulative CPU counters of one container. */
export interface CpuCounters {
  /** cpu.stat nr_periods. */
  readonly nrPeriods: number;
  /** cpu.stat nr_throttled. */
  readonly nrThrottled: number;
  /** cpu.stat throttled_time in seconds (summed over CPUs). */
  readonly throttledSeconds: number;
  /** cpuacct.usage / usage_usec in seconds. */
  readonly usageSeconds: number;
}

/** The four cAdvisor counters, by their Prometheus names. */
export interface CadvisorCpuMetrics {
  readonly container_cpu_cfs_periods_total: number;
  readonly container_cpu_cfs_throttled_periods_total: number;
  readonly container_cpu_cfs_throttled_seconds_total: number;
  readonly container_cpu_usage_seconds_total: number;
}

/**
 * cAdvisor names for accumulated counters. cAdvisor reports the kernel's values as they are, so
 * throttled seconds stay summed over CPUs.
 */
export function cadvisorCpuMetrics(c: CpuCounters): CadvisorCpuMetrics {
  return {
    container_cpu_cfs_periods_total: c.nrPeriods,
    container_cpu_cfs_throttled_periods_total: c.nrThrottled,
    container_cpu_cfs_throttled_seconds_total: c.throttledSeconds,
    container_cpu_usage_seconds_total: c.usageSeconds,
  };
}

/** Per-slot layout of the counters array: [periods, throttled, throttled s, usage s]. */
export const COUNTER_PERIODS = 0;
export const COUNTER_THROTTLED = 1;
export const COUNTER_THROTTLED_SECONDS = 2;
export const COUNTER_USAGE_SECONDS = 3;
/** Values per container slot. */
export const COUNTERS_STRIDE = 4;

/** Counters for `slots` containers, all zero. */
export function createCpuCounters(slots: number): Float64Array {
  return new Float64Array(slots * COUNTERS_STRIDE);
}

/**
 * Adds one step to container `slot`: the throttleStep output and the CPU received over the step.
 * @param receivedCores cores received this step (NodeCpuState.received)
 */
export function accumulateCpuCounters(counters: Float64Array, slot: number, throttleOut: Float64Array, receivedCores: number, stepSeconds: number): void {
  const o = slot * COUNTERS_STRIDE;
  counters[o + COUNTER_PERIODS] = counters[o + COUNTER_PERIODS]! + throttleOut[THROTTLE_NR_PERIODS]!;
  counters[o + COUNTER_THROTTLED] = counters[o + COUNTER_THROTTLED]! + throttleOut[THROTTLE_NR_THROTTLED]!;
  counters[o + COUNTER_THROTTLED_SECONDS] = counters[o + COUNTER_THROTTLED_SECONDS]! + throttleOut[THROTTLE_THROTTLED_SECONDS]!;
  counters[o + COUNTER_USAGE_SECONDS] = counters[o + COUNTER_USAGE_SECONDS]! + receivedCores * stepSeconds;
}

/** Reads container `slot` of a counters array as a plain object. */
export function readCpuCounters(counters: Float64Array, slot: number): CpuCounters {
  const o = slot * COUNTERS_STRIDE;
  return {
    nrPeriods: counters[o + COUNTER_PERIODS]!,
    nrThrottled: counters[o + COUNTER_THROTTLED]!,
    throttledSeconds: counters[o + COUNTER_THROTTLED_SECONDS]!,
    usageSeconds: counters[o + COUNTER_USAGE_SECONDS]!,
  };
}
