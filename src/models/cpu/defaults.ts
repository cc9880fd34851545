/**
 * Constants of the CPU contention and throttling model, each with its source.
 * References: docs/models/cpu.md (kernel facts and the kubelet mapping),
 * kubelet `pkg/kubelet/cm/helpers_linux.go` and `qos_container_manager_linux.go`.
 */

/** CFS period the kubelet writes to `cpu.cfs_period_us` (kubelet `cpuCFSQuotaPeriod`, docs/models/cpu.md#from-requests-and-limits-to-cgroup-settings). */
export const cfsPeriodMicros = 100_000;
/** Same period in seconds. */
export const cfsPeriodSeconds = cfsPeriodMicros / 1e6;
/** Minimum CFS quota (`MinQuotaPeriod` in helpers_linux.go; kernel minimum 1 ms, docs/models/cpu.md#throttling-by-limits). */
export const minQuotaMicros = 1_000;
/** `MinShares` in helpers_linux.go: a request of 0 maps to 2 shares (docs/models/cpu.md#from-requests-and-limits-to-cgroup-settings). */
export const minShares = 2;
/** `MaxShares` in helpers_linux.go (docs/models/cpu.md#from-requests-and-limits-to-cgroup-settings). */
export const maxShares = 262_144;
/** Shares per core: `SharesPerCPU` in helpers_linux.go (1024 shares = 1 CPU). */
export const sharesPerCpu = 1024;
/** Millicores per core (`MilliCPUToCPU` in helpers_linux.go). */
export const milliCpuPerCpu = 1000;
/** BestEffort QoS cgroup and its pods get `MinShares` (qos_container_manager_linux.go). */
export const bestEffortShares = minShares;
/** Kernel default `cpu.shares` of a cgroup nobody configured, e.g. `system.slice` (docs/models/cpu.md#from-requests-and-limits-to-cgroup-settings). */
export const defaultCgroupShares = 1024;
/** cgroup v2 `cpu.weight` range (cgroup-v2.rst, docs/models/cpu.md#from-requests-and-limits-to-cgroup-settings). */
export const minWeightV2 = 1;
/** Maximum cgroup v2 `cpu.weight`. */
export const maxWeightV2 = 10_000;

/**
 * Demand at or above this fraction of the limit counts as saturated: throttled in every period
 * where the burst rate exceeds the limit (docs/models/cpu.md#the-per-step-model-used-in-cluster-runs step 3, "d_i ≥ ~0.97·L_i").
 */
export const saturatedDemandFraction = 0.97;
/**
 * Periods simulated per Monte Carlo estimate (a few thousand periods would do for the throttled
 * fraction; the p99 of request latency under throttling needs more: at 4000 periods it varied by
 * ±40 % between seeds, at 20000 by ±5 %).
 */
export const throttleMonteCarloPeriods = 20_000;
/** Warm-up periods discarded before counting, so the Lindley carry reaches steady state. */
export const throttleMonteCarloWarmupPeriods = 200;
/** Relative width of the log-scale bins that key the throttle cache (2.5 % steps). */
export const throttleCacheBinRatio = 1.025;
/**
 * Room in each thread's throttle table (a power of two, about 0.1 KiB a slot, paged in as used):
 * the 1,000-node bench cluster meets some 54,000 keys in its first 12 hours. A full probe run
 * evicts one entry (throttle-table.ts), so the table never grows past this.
 */
export const throttleCacheSlots = 1 << 17;

/**
 * Burst interference (burst-interference.ts): a contended burst rate within 1 % of the free one is
 * taken as no interference; latency scales with 1/rate, so that moves a percentile by < 1 %, under
 * the scatter of the queueing approximations (queueing.ts). Own choice, for speed.
 */
export const burstInterferenceMinSlowdown = 0.01;

/** Percentile reported against an SLO unless the caller picks another (p99). */
export const sloPercentile = 0.99;
/** kube-prometheus `CPUThrottlingHigh`: throttled periods / periods above 25 % … */
export const cpuThrottlingHighRatio = 0.25;
/** … evaluated as a rate over 5 minutes (kubernetes-mixin alerts/resource_alerts.libsonnet). */
export const cpuThrottlingHighWindowSeconds = 300;
/** … and pending for 15 minutes before firing (same rule, `for: 15m`). */
export const cpuThrottlingHighForSeconds = 900;

/** Per-container seed offset: container i uses seed + i (docs/node-cases.md). */
export const nodeCaseDefaultSeed = 1;
/** Fluid model: CPU charged per job wake-up, so a job needing exactly its quota can throttle (docs/models/cpu.md#the-event-driven-fluid-model-node-cases). */
export const wakeupOverheadCpuSeconds = 20e-6;
