/**
 * Static bounds of a configuration change, from the configuration alone (no simulation): what
 * each workload may request at its minimum and maximum scale, how many nodes of each pool that
 * needs (the Cluster Autoscaler's binpacking estimator on template nodes) and what those nodes
 * cost, which pools each workload can land on (the scheduler's filters) and who else shares them,
 * and how many pods each CPU HPA wants at the peak of its load.
 */
import { workloadPodTemplate } from '../scenario/pod-template.js';
import type { LoadedScenario } from '../scenario/load-scenario.js';
import type { ChangedField } from '../scenario/config-diff.js';
import type { NodePoolConfig, Scenario, WorkloadConfig } from '../scenario/types.js';
import { nodeGroupOf, poolInstanceTypes, templateNodeView } from '../scenario/pool-template.js';
import { projectMonthlyCostUsd } from '../models/cost/cost-attribution.js';
import { filterNode, fitsResources } from '../models/scheduler/filter-node.js';
import { PlacementSnapshot } from '../models/scheduler/placement-snapshot.js';
import type { NodeView, PodView } from '../models/scheduler/types.js';
import { estimateNodeCount } from '../models/node-autoscaler/estimator.js';
import type { NodeGroup } from '../models/node-autoscaler/types.js';
import { loadShapeFor } from '../models/load/shapes.js';
import { steadyStateReplicas } from '../scenario/steady-state-replicas.js';

/** What one workload may request, and what its HPA wants at the load's peak. */
export interface WorkloadBounds {
  readonly name: string;
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly requestCpuMilli: number;
  readonly requestMemoryBytes: number;
  /** Σ requests at maxReplicas. */
  readonly maxCpuMilli: number;
  readonly maxMemoryBytes: number;
  /** maxReplicas x limits.cpu: the most CPU the pods can use under their CFS quotas; null = no limit. */
  readonly maxCpuLimitMilli: number | null;
  /** Pools whose nodes pass the scheduler's taint, selector and affinity filters for the pod. */
  readonly pools: readonly string[];
  /** Pools where a pod passes those filters but does not fit an empty node. */
  readonly tooBigFor: readonly string[];
  /** Steady-state replicas a CPU Utilization HPA wants at the peak rate; null without one. */
  readonly peak: {
    readonly rps: number;
    readonly cpuCores: number;
    readonly targetPercent: number;
    /** null = no finite count: the idle CPU alone is at or above the target, so the HPA goes to maxReplicas. */
    readonly wantedReplicas: number | null;
  } | null;
}

/** Nodes and cost of one pool with every workload at its minimum and at its maximum scale. */
export interface PoolBounds {
  readonly name: string;
  readonly instanceType: string;
  readonly minNodes: number;
  readonly maxNodes: number;
  readonly hourlyUsd: number;
  /** Workloads placed on this pool (each on the first pool it can land on). */
  readonly workloads: readonly string[];
  readonly nodesAtMin: number;
  /** Nodes needed at maxReplicas, not capped by maxNodes. */
  readonly neededAtMax: number;
  /** Nodes at maxReplicas, within [minNodes, maxNodes]. */
  readonly nodesAtMax: number;
  /** Pods that would stay Pending at maxReplicas because the pool stops at maxNodes. */
  readonly pendingAtMax: number;
  readonly monthlyUsdAtMin: number;
  readonly monthlyUsdAtMax: number;
}

export interface ConfigBounds {
  readonly workloads: readonly WorkloadBounds[];
  readonly pools: readonly PoolBounds[];
}

/** The static explanation of a scenario's change; `after` is null for a scenario without one. */
export interface Explanation {
  readonly scenario: string;
  readonly description: string;
  readonly fields: readonly ChangedField[];
  /** Workloads with a changed field. */
  readonly changed: readonly string[];
  readonly before: ConfigBounds;
  readonly after: ConfigBounds | null;
}

/** Bounds of the before and after configurations of a loaded scenario. */
export function explainChange(loaded: LoadedScenario): Explanation {
  const changed = [...new Set(loaded.change.fields.map((f) => /^workloads\.([^.]+)(\.|$)/.exec(f.path)?.[1]).filter((n): n is string => n !== undefined))];
  return {
    scenario: loaded.before.name,
    description: loaded.change.description,
    fields: loaded.change.fields,
    changed,
    before: configBounds(loaded.before),
    after: loaded.after ? configBounds(loaded.after) : null,
  };
}

/** Bounds of one configuration. */
export function configBounds(s: Scenario): ConfigBounds {
  const templates = s.cluster.nodePools.map((p) => templateOf(s, p));
  const workloads = s.workloads.map((w): WorkloadBounds => {
    const pod = podOf(w, 0);
    const pools: string[] = [];
    const tooBigFor: string[] = [];
    for (const t of templates) {
      const empty = { ...t.node, requested: { cpuMilli: 0, memoryBytes: 0, pods: 0 } };
      if (!filterNode({ ...pod, requests: { cpuMilli: 0, memoryBytes: 0 } }, empty).fits) continue;
      (fitsResources(pod, t.node) ? pools : tooBigFor).push(t.pool.name);
    }
    const minReplicas = w.hpa ? w.hpa.minReplicas : w.replicas;
    const maxReplicas = w.hpa ? w.hpa.maxReplicas : w.replicas;
    return {
      name: w.name,
      minReplicas,
      maxReplicas,
      requestCpuMilli: w.requests.cpuMilli,
      requestMemoryBytes: w.requests.memoryBytes,
      maxCpuMilli: maxReplicas * w.requests.cpuMilli,
      maxMemoryBytes: maxReplicas * w.requests.memoryBytes,
      maxCpuLimitMilli: w.limits.cpuMilli === null ? null : maxReplicas * w.limits.cpuMilli,
      pools,
      tooBigFor,
      peak: peakOf(w),
    };
  });
  const pools = templates.map((t): PoolBounds => {
    const here = s.workloads.filter((w, i) => workloads[i]!.pools[0] === t.pool.name);
    const count = (pick: (b: WorkloadBounds) => number) => {
      const pods = here.flatMap((w) => {
        const b = workloads[s.workloads.indexOf(w)]!;
        return Array.from({ length: pick(b) }, (_, k) => podOf(w, k));
      });
      return estimateNodeCount(new PlacementSnapshot([]), pods, t.group, Number.MAX_SAFE_INTEGER).nodeCount;
    };
    const needed = count((b) => b.maxReplicas);
    const nodesAtMax = Math.min(t.pool.maxNodes, Math.max(t.pool.minNodes, needed));
    const nodesAtMin = Math.min(t.pool.maxNodes, Math.max(t.pool.minNodes, count((b) => b.minReplicas)));
    const pending = needed > t.pool.maxNodes ? pendingWithin(t, here, workloads, s) : 0;
    return {
      name: t.pool.name,
      instanceType: t.node.instanceType,
      minNodes: t.pool.minNodes,
      maxNodes: t.pool.maxNodes,
      hourlyUsd: t.group.priceUsdPerHour,
      workloads: here.map((w) => w.name),
      nodesAtMin,
      neededAtMax: needed,
      nodesAtMax,
      pendingAtMax: pending,
      monthlyUsdAtMin: projectMonthlyCostUsd(nodesAtMin * t.group.priceUsdPerHour),
      monthlyUsdAtMax: projectMonthlyCostUsd(nodesAtMax * t.group.priceUsdPerHour),
    };
  });
  return { workloads, pools };
}

interface Template {
  readonly pool: NodePoolConfig;
  readonly node: NodeView;
  readonly group: NodeGroup;
}

/** A fresh node of the pool's first instance type with the DaemonSet pods on it (CA's template node). */
function templateOf(s: Scenario, pool: NodePoolConfig): Template {
  const types = poolInstanceTypes(pool, s.cluster);
  return { pool, node: templateNodeView(s.cluster, pool, types[0]!, 0), group: nodeGroupOf(s.cluster, pool, types, 0) };
}

function podOf(w: WorkloadConfig, k: number): PodView {
  return { ...workloadPodTemplate(w), name: `${w.name}-${k}`, nodeName: null };
}

/** Pods left over when the pool's maxNodes stops the packing at maxReplicas. */
function pendingWithin(t: Template, here: readonly WorkloadConfig[], bounds: readonly WorkloadBounds[], s: Scenario): number {
  const pods = here.flatMap((w) => Array.from({ length: bounds[s.workloads.indexOf(w)]!.maxReplicas }, (_, k) => podOf(w, k)));
  return estimateNodeCount(new PlacementSnapshot([]), pods, t.group, t.pool.maxNodes).unschedulablePods.length;
}

/** The HPA's steady state at the load's peak rate (steady-state-replicas.ts). */
function peakOf(w: WorkloadConfig): WorkloadBounds['peak'] {
  const rps = loadShapeFor(w.load).peakRps;
  const steady = steadyStateReplicas(w, rps);
  return steady && { rps, cpuCores: steady.cpuMilli / 1000, targetPercent: steady.targetPercent, wantedReplicas: steady.wanted };
}
