/**
 * The requests the scheduler's scoring counts for a pod: a missing CPU or memory request counts as
 * 100 m or 200 MiB (pkg/scheduler/util/pod_resources.go GetNonzeroRequests), so that pods without
 * requests still spread.
 */
import { schedulerDefaults } from './defaults.js';
import type { PodView, Resources } from './types.js';

/** The pod's CPU request for scoring, millicores. */
export function nonZeroCpuMilli(pod: PodView): number {
  return pod.requests.cpuMilli > 0 ? pod.requests.cpuMilli : schedulerDefaults.nonZeroCpuMilli;
}

/** The pod's memory request for scoring, bytes. */
export function nonZeroMemoryBytes(pod: PodView): number {
  return pod.requests.memoryBytes > 0 ? pod.requests.memoryBytes : schedulerDefaults.nonZeroMemoryBytes;
}

/** Both, as one value. */
export function nonZeroRequests(pod: PodView): Resources {
  return { cpuMilli: nonZeroCpuMilli(pod), memoryBytes: nonZeroMemoryBytes(pod) };
}
