import type { NodePoolConfig, ClusterConfig } from '../scenario/types.js';
import type { InstanceTypeInfo } from '../models/cost/types.js';
import { lookupInstanceType, hourlyPriceUsd } from '../models/cost/price-table.js';
import { allocatableForInstanceType, type NodeAllocatable } from '../models/cost/allocatable.js';
import { InternalError } from '../engine/index.js';

/** One instance type a pool can launch, with its allocatable and price. */
export interface PoolInstanceType {
  readonly info: InstanceTypeInfo;
  readonly allocatable: NodeAllocatable;
  readonly priceHourly: number;
}

/** A node pool's constants and counters during a run. */
export interface PoolRuntime {
  readonly index: number;
  readonly config: NodePoolConfig;
  readonly types: readonly PoolInstanceType[];
  /** Ordinal for node names (shared-3); never reused, so names and boot-delay streams are stable. */
  nextOrdinal: number;
  /** Nodes billed now (provisioning, ready or deleting). */
  billedNodes: number;
  /** Billed time and cost of the pool's nodes that are already gone (live nodes are added on read). */
  closedNodeMs: number;
  closedCostUsd: number;
}

export function createPoolRuntime(index: number, config: NodePoolConfig, cluster: ClusterConfig): PoolRuntime {
  const types = config.instanceTypes.map((name): PoolInstanceType => {
    const info = lookupInstanceType(name, cluster.instanceTypeOverrides);
    // The scenario loader has checked every type name, so a miss here is a bug.
    if (!info) throw new InternalError(`unknown instance type ${name} after validation`);
    const allocatable = allocatableForInstanceType(info, config.maxPods !== null ? { maxPods: config.maxPods } : {});
    return { info, allocatable, priceHourly: hourlyPriceUsd(info, config.capacityType) };
  });
  return { index, config, types, nextOrdinal: 0, billedNodes: 0, closedNodeMs: 0, closedCostUsd: 0 };
}
