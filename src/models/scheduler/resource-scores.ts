/**
 * NodeResourcesFit and NodeResourcesBalancedAllocation score functions (noderesources/
 * least_allocated.go, most_allocated.go, balanced_allocation.go). Integer arithmetic as upstream
 * (int64 division truncates). Allocation-free.
 */
import { schedulerDefaults } from './defaults.js';

const MAX = schedulerDefaults.maxNodeScore;

/** LeastAllocated per resource: (allocatable − requested) × 100 / allocatable; 0 when over or no capacity. */
export function leastAllocatedResourceScore(requested: number, allocatable: number): number {
  if (allocatable === 0 || requested > allocatable) return 0;
  return Math.floor(((allocatable - requested) * MAX) / allocatable);
}

/** MostAllocated per resource: requested × 100 / allocatable, with requested capped at allocatable. */
export function mostAllocatedResourceScore(requested: number, allocatable: number): number {
  if (allocatable === 0) return 0;
  return Math.floor((Math.min(requested, allocatable) * MAX) / allocatable);
}

/** Weighted mean of the per-resource scores, truncated (resource_allocation.go). */
export function weightedResourceScore(cpuScore: number, memScore: number, cpuWeight: number, memWeight: number): number {
  const w = cpuWeight + memWeight;
  return w === 0 ? 0 : Math.floor((cpuScore * cpuWeight + memScore * memWeight) / w);
}

/**
 * BalancedAllocation with two resources: (1 − |cpuFraction − memFraction| / 2) × 100, fractions
 * capped at 1, resources with zero allocatable skipped, truncated to an integer.
 */
export function balancedAllocationScore(cpuRequested: number, cpuAllocatable: number, memRequested: number, memAllocatable: number): number {
  const hasCpu = cpuAllocatable > 0;
  const hasMem = memAllocatable > 0;
  if (!(hasCpu && hasMem)) return MAX;
  const c = Math.min(1, cpuRequested / cpuAllocatable);
  const m = Math.min(1, memRequested / memAllocatable);
  return Math.trunc((1 - Math.abs((c - m) / 2)) * MAX);
}
