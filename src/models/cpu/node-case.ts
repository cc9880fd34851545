/**
 * Node case: containers sharing one node, with requests/limits and a CPU load pattern, predicted by
 * the model or run for real in cgroups (docs/node-cases.md). Written types mirror
 * the file (snake_case, optional fields); resolved types have every default filled in.
 */
import type { CpuDist } from './cpu-distribution.js';

/** `busy`: N threads spin for the whole window. */
export interface BusyLoad {
  readonly type: 'busy';
  readonly threads: number;
}
/** `periodic`: each thread gets a job of busy_ms CPU every period_ms. */
export interface PeriodicLoad {
  readonly type: 'periodic';
  readonly threads: number;
  readonly period_ms: number;
  readonly busy_ms: number;
  readonly stagger: 'aligned' | 'spread' | 'random';
  readonly seed?: number;
}
/** `poisson`: open-loop arrivals split into `fanout` pieces run by a FIFO pool of `workers`. */
export interface PoissonLoad {
  readonly type: 'poisson';
  readonly rate_per_s: number;
  readonly cpu_ms: number;
  readonly dist: CpuDist;
  readonly cv?: number;
  readonly fanout: number;
  readonly workers: number;
  readonly seed?: number;
}
/** `idle`: no load. */
export interface IdleLoad {
  readonly type: 'idle';
}
/** One of the four load types. */
export type NodeCaseLoad = BusyLoad | PeriodicLoad | PoissonLoad | IdleLoad;

/** A container as written in the case file. */
export interface NodeCaseContainerInput {
  readonly name: string;
  readonly requests_millicores?: number;
  readonly shares?: number;
  readonly limit_millicores?: number;
  readonly quota_us?: number;
  readonly burst_us?: number;
  readonly cpus?: string;
  readonly pod?: string;
  readonly load: NodeCaseLoad;
}

/** A node case as written (docs/node-cases.md). */
export interface NodeCaseInput {
  readonly name: string;
  readonly duration_s: number;
  readonly cores?: number;
  readonly cpus?: string;
  readonly period_us?: number;
  readonly seed?: number;
  readonly containers: readonly NodeCaseContainerInput[];
}

/** A container with its cgroup knobs resolved. */
export interface NodeCaseContainer {
  readonly name: string;
  /** cpu.shares of the container cgroup. */
  readonly shares: number;
  /** cpu.cfs_quota_us, −1 = none. */
  readonly quotaMicros: number;
  /** cpu.cfs_burst_us (0 = none). */
  readonly burstMicros: number;
  /** CPU ids it may run on (the cpuset), or undefined = all. */
  readonly cpus: readonly number[] | undefined;
  /** Index into NodeCase.pods, or −1 when the container has no pod cgroup. */
  readonly podIndex: number;
  /** Load with its seed resolved (seed + container index unless given). */
  readonly load: NodeCaseLoad;
  readonly seed: number;
}

/** A pod cgroup grouping containers with the same `pod`. */
export interface NodeCasePod {
  readonly name: string;
  /** Σ requests → shares, or Σ container shares when given as shares. */
  readonly shares: number;
  /** Σ container quotas if every container has one, else −1. */
  readonly quotaMicros: number;
}

/** A node case with all defaults resolved. */
export interface NodeCase {
  readonly name: string;
  readonly durationSeconds: number;
  readonly cores: number;
  readonly cpus: readonly number[] | undefined;
  readonly periodMicros: number;
  readonly seed: number;
  readonly pods: readonly NodeCasePod[];
  readonly containers: readonly NodeCaseContainer[];
}

/** Result per container; the model and a real run use the same names (docs/node-cases.md). */
export interface NodeCaseContainerResult {
  readonly name: string;
  /** CPU-seconds used / duration. */
  readonly cores_used: number;
  /** nr_throttled / nr_periods; null without a quota. */
  readonly throttled_ratio: number | null;
  /** Throttled time, seconds summed over CPUs. */
  readonly throttled_s: number;
  /** Latency percentiles in ms; null for busy and idle loads. */
  readonly latency_ms: { readonly p50: number; readonly p90: number; readonly p99: number } | null;
}

/** Result of a node case. */
export interface NodeCaseResult {
  readonly name: string;
  readonly containers: readonly NodeCaseContainerResult[];
}
