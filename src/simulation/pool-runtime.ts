import type { NodePoolConfig, ClusterConfig } from '../scenario/types.js';
import { poolInstanceTypes, type PoolInstanceType } from '../scenario/pool-template.js';

export type { PoolInstanceType };

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
  return { index, config, types: poolInstanceTypes(config, cluster), nextOrdinal: 0, billedNodes: 0, closedNodeMs: 0, closedCostUsd: 0 };
}
