import type { Simulation } from './simulation.js';
import { NodePhase } from './pod-phase.js';
import type { PoolRuntime } from './pool-runtime.js';

/**
 * What the nodes cost: a node is billed from its creation (the provider bills a launched instance,
 * booting or not) until it is gone. Cost = node-hours x the node's hourly price.
 */
export class Billing {
  constructor(private readonly sim: Simulation) {}

  /** A node slot starts being billed. */
  open(pool: PoolRuntime): void {
    pool.billedNodes++;
  }

  /** Node slot `node` stops being billed: its time and cost move to the pool's closed totals. */
  close(node: number): void {
    const s = this.sim.state;
    const pool = this.sim.pools[s.nodePool[node]!]!;
    const billedMs = this.sim.env.now - s.nodeCreatedMs[node]!;
    pool.billedNodes--;
    pool.closedNodeMs += billedMs;
    pool.closedCostUsd += (billedMs / 3_600_000) * s.nodePriceHourly[node]!;
  }

  /** Billed node-ms and cost of a pool up to now, live nodes included. */
  pool(pool: PoolRuntime): { nodeMs: number; costUsd: number } {
    const s = this.sim.state;
    const now = this.sim.env.now;
    let nodeMs = pool.closedNodeMs;
    let costUsd = pool.closedCostUsd;
    for (let n = 0; n < s.nodeHighWater; n++) {
      if (s.nodePhase[n] === NodePhase.free || s.nodePool[n] !== pool.index) continue;
      const ms = now - s.nodeCreatedMs[n]!;
      nodeMs += ms;
      costUsd += (ms / 3_600_000) * s.nodePriceHourly[n]!;
    }
    return { nodeMs, costUsd };
  }
}
