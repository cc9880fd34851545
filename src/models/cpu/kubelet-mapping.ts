/**
 * Kubernetes resource → cgroup knob conversions done by the kubelet and the container runtime
 * (docs/models/cpu.md#from-requests-and-limits-to-cgroup-settings; kubelet `pkg/kubelet/cm/helpers_linux.go`).
 */
import {
  cfsPeriodMicros,
  maxShares,
  maxWeightV2,
  milliCpuPerCpu,
  minQuotaMicros,
  minShares,
  minWeightV2,
  sharesPerCpu,
} from './defaults.js';

/**
 * `cpu.shares` for a CPU request (kubelet `MilliCPUToShares`): floor(m·1024/1000) clamped to
 * [2, 262144]; a request of 0 gives 2.
 * @param milliCpu request in millicores
 * @returns cgroup v1 shares (integer)
 */
export function milliToShares(milliCpu: number): number {
  if (!(milliCpu > 0)) return minShares;
  const shares = Math.floor((milliCpu * sharesPerCpu) / milliCpuPerCpu);
  return Math.min(maxShares, Math.max(minShares, shares));
}

/** Name of a shares → cgroup v2 `cpu.weight` conversion (the runtime picks one; docs/models/cpu.md#from-requests-and-limits-to-cgroup-settings). */
export type WeightConversion = 'legacy' | 'runc-4785';

/**
 * cgroup v2 `cpu.weight` from v1 shares, as the container runtime converts it.
 * - `legacy` (older runc/crun): 1 + ((shares − 2)·9999)/262142, integer division.
 * - `runc-4785` (runc PR #4785 / crun #1721): ceil(10^((l² + 125·l)/612 − 7/34)), l = log2(shares);
 *   shares ≤ 2 → 1, ≥ 262144 → 10000.
 * @param shares cgroup v1 shares (integer ≥ 0; 0 means unset and returns 0)
 */
export function sharesToWeightV2(shares: number, conversion: WeightConversion): number {
  if (shares === 0) return 0;
  if (conversion === 'legacy') {
    const clamped = Math.min(maxShares, Math.max(minShares, Math.floor(shares)));
    return 1 + Math.floor(((clamped - 2) * 9999) / 262142);
  }
  if (shares <= minShares) return minWeightV2;
  if (shares >= maxShares) return maxWeightV2;
  const l = Math.log2(shares);
  return Math.ceil(Math.pow(10, (l * l + 125 * l) / 612 - 7 / 34));
}

/**
 * `cpu.cfs_quota_us` for a CPU limit (kubelet `MilliCPUToQuota`): m·period/1000, at least 1000 µs.
 * @param milliCpu limit in millicores; 0 or less means no limit and returns −1 (quota not set)
 * @param periodMicros CFS period in µs
 * @default periodMicros 100000
 */
export function milliToQuotaUs(milliCpu: number, periodMicros: number = cfsPeriodMicros): number {
  if (!(milliCpu > 0)) return -1;
  const quota = Math.floor((milliCpu * periodMicros) / milliCpuPerCpu);
  return Math.max(minQuotaMicros, quota);
}

/**
 * Limit in cores that a quota enforces (L = Q/T, docs/models/cpu.md#throttling-by-limits); Infinity for quota −1.
 * @param quotaMicros `cpu.cfs_quota_us`
 * @param periodMicros `cpu.cfs_period_us`
 */
export function quotaToLimitCores(quotaMicros: number, periodMicros: number = cfsPeriodMicros): number {
  return quotaMicros < 0 ? Infinity : quotaMicros / periodMicros;
}
