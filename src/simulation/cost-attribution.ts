import type { Simulation } from './simulation.js';
import { NodePhase } from './pod-phase.js';
import { attributeCost, type CostNodeSegment, type CostPodRequests } from '../models/cost/cost-attribution.js';

/** Key prefix of DaemonSet pods in the attribution (workload names are DNS-1123, so no clash). */
const DAEMONSET_KEY = 'DaemonSet/';

/** Node cost of one pool split by requested share (OpenCost-style), USD over the run so far. */
export interface PoolCostAttribution {
  /** Σ node-hours × hourly price. */
  readonly totalUsd: number;
  readonly nodeHours: number;
  /** Charged to each workload by its share of requested CPU and memory over time. */
  readonly byWorkloadUsd: Readonly<Record<string, number>>;
  /** Charged to the DaemonSet pods every node runs. */
  readonly daemonSetsUsd: number;
  /** Not requested by any pod (kube-reserved room included); total = Σ workloads + DaemonSets + idle. */
  readonly idleUsd: number;
}

interface OpenSegment {
  startMs: number;
  readonly pool: number;
  readonly segment: Omit<CostNodeSegment, 'startMs' | 'endMs' | 'pods'>;
  /** Bound pods per workload index. */
  readonly pods: Map<number, number>;
}

interface Totals {
  totalUsd: number;
  nodeHours: number;
  byKeyUsd: Record<string, number>;
}

/**
 * Records node segments (a node and the pods it held, unchanged over an interval) as pods bind and
 * leave, and charges each closed segment with the cost model's `attributeCost`.
 */
export class CostAttributionTracker {
  private readonly open: (OpenSegment | undefined)[] = [];
  private readonly closed: Totals[];

  constructor(private readonly sim: Simulation) {
    this.closed = sim.pools.map(() => ({ totalUsd: 0, nodeHours: 0, byKeyUsd: {} }));
    sim.observers.push({
      nodeAdded: (n) => this.startNode(n),
      nodeRemoved: (n) => this.endNode(n),
      podBound: (p, n) => this.change(n, sim.state.podWorkload[p]!, +1),
      podUnbound: (p, n) => this.change(n, sim.state.podWorkload[p]!, -1),
    });
    // Nodes that exist before the tracker was attached.
    const s = sim.state;
    for (let n = 0; n < s.nodeHighWater; n++) if (s.nodePhase[n] !== NodePhase.free) this.startNode(n);
  }

  private startNode(n: number): void {
    const { state: s, pools } = this.sim;
    const pool = pools[s.nodePool[n]!]!;
    const type = pool.types.find((t) => t.info.name === s.nodeType[n])!;
    this.open[n] = {
      startMs: s.nodeCreatedMs[n]!,
      pool: pool.index,
      segment: {
        nodeName: s.nodeName[n]!,
        hourlyPriceUsd: s.nodePriceHourly[n]!,
        capacityCpuMilli: type.allocatable.capacity.cpuMilli,
        capacityMemoryBytes: type.allocatable.capacity.memoryBytes,
      },
      pods: new Map(),
    };
  }

  private endNode(n: number): void {
    const seg = this.open[n];
    if (!seg) return;
    this.charge(seg, this.sim.env.now, this.closed[seg.pool]!);
    this.open[n] = undefined;
  }

  private change(n: number, workload: number, delta: 1 | -1): void {
    const seg = this.open[n];
    if (!seg) return;
    const now = this.sim.env.now;
    this.charge(seg, now, this.closed[seg.pool]!);
    seg.startMs = now;
    const count = (seg.pods.get(workload) ?? 0) + delta;
    if (count === 0) seg.pods.delete(workload);
    else seg.pods.set(workload, count);
  }

  /** Adds segment [seg.startMs, endMs) to `into`. */
  private charge(seg: OpenSegment, endMs: number, into: Totals): void {
    if (endMs <= seg.startMs) return;
    const pods: CostPodRequests[] = this.sim.scenario.cluster.daemonSets.map((d) => ({
      workload: DAEMONSET_KEY + d.name,
      cpuMilli: d.requests.cpuMilli,
      memoryBytes: d.requests.memoryBytes,
    }));
    for (const [w, count] of seg.pods) {
      const config = this.sim.workloads[w]!.config;
      pods.push({ workload: config.name, cpuMilli: count * config.requests.cpuMilli, memoryBytes: count * config.requests.memoryBytes });
    }
    const a = attributeCost([{ ...seg.segment, startMs: seg.startMs, endMs, pods }]);
    into.totalUsd += a.totalUsd;
    into.nodeHours += a.nodeHours;
    for (const [k, usd] of Object.entries(a.byWorkloadUsd)) into.byKeyUsd[k] = (into.byKeyUsd[k] ?? 0) + usd;
  }

  /** Attribution per pool up to now, open segments included (nothing is mutated). */
  byPool(): Record<string, PoolCostAttribution> {
    const now = this.sim.env.now;
    const totals: Totals[] = this.closed.map((t) => ({ totalUsd: t.totalUsd, nodeHours: t.nodeHours, byKeyUsd: { ...t.byKeyUsd } }));
    for (const seg of this.open) if (seg) this.charge(seg, now, totals[seg.pool]!);
    const out: Record<string, PoolCostAttribution> = {};
    for (const pool of this.sim.pools) {
      const t = totals[pool.index]!;
      const byWorkloadUsd: Record<string, number> = {};
      let daemonSetsUsd = 0;
      let charged = 0;
      for (const [k, usd] of Object.entries(t.byKeyUsd).sort(([a], [b]) => a.localeCompare(b))) {
        charged += usd;
        if (k.startsWith(DAEMONSET_KEY)) daemonSetsUsd += usd;
        else byWorkloadUsd[k] = usd;
      }
      out[pool.config.name] = { totalUsd: t.totalUsd, nodeHours: t.nodeHours, byWorkloadUsd, daemonSetsUsd, idleUsd: Math.max(0, t.totalUsd - charged) };
    }
    return out;
  }
}

const trackers = new WeakMap<Simulation, CostAttributionTracker>();

/** Starts recording cost segments for `sim` (call before the initial cluster is built). */
export function attachCostAttribution(sim: Simulation): CostAttributionTracker {
  const tracker = new CostAttributionTracker(sim);
  trackers.set(sim, tracker);
  return tracker;
}

/** The tracker attached to `sim`, if any. */
export function costAttributionOf(sim: Simulation): CostAttributionTracker | undefined {
  return trackers.get(sim);
}
