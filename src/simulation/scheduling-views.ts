import type { Simulation } from './simulation.js';
import type { PoolRuntime } from './pool-runtime.js';
import { NodePhase } from './pod-phase.js';
import type { NodeView, PodGroupCount, PodView } from '../models/scheduler/types.js';
import { templateNodeView as sharedTemplateNodeView } from '../scenario/pool-template.js';

/** A fresh node of `pool` with its DaemonSet pods, as CA's template NodeInfo. */
export function templateNodeView(sim: Simulation, pool: PoolRuntime, typeIndex: number): NodeView {
  return sharedTemplateNodeView(sim.scenario.cluster, pool.config, pool.types[typeIndex]!, sim.env.now);
}

export interface CachedNodeView {
  readonly view: NodeView;
  readonly version: number;
  readonly phase: number;
  readonly cordoned: boolean;
}

/**
 * Node slot `n` as the scheduler and the autoscalers see it. The view is rebuilt only when the
 * node's pods or requests changed (its version), its phase, or its cordon: each Cluster Autoscaler
 * scan reads every node, and building one walks every workload's count on it.
 */
export function liveNodeView(sim: Simulation, n: number, cache: (CachedNodeView | undefined)[]): NodeView {
  const s = sim.state;
  const hit = cache[n];
  const cordoned = sim.nodes.cordoned.has(n);
  if (hit !== undefined && hit.version === s.nodeVersion[n] && hit.phase === s.nodePhase[n] && hit.cordoned === cordoned) return hit.view;
  const view = buildNodeView(sim, n);
  store(cache, n, { view, version: s.nodeVersion[n]!, phase: s.nodePhase[n]!, cordoned });
  return view;
}

function buildNodeView(sim: Simulation, n: number): NodeView {
  const s = sim.state;
  const pool = sim.pools[s.nodePool[n]!]!;
  const counts = new Map<string, number>();
  const groups: PodGroupCount[] = [];
  const W = s.workloadCount;
  for (let w = 0; w < W; w++) {
    const count = s.nodeWorkloadPods[n * W + w]!;
    if (count === 0) continue;
    const runtime = sim.workloads[w]!;
    counts.set(runtime.config.name, count);
    groups.push({ group: runtime.podGroup, count });
  }
  return {
    name: s.nodeName[n]!,
    pool: pool.config.name,
    instanceType: s.nodeType[n]!,
    labels: sim.nodes.labels[n]!,
    taints: pool.config.taints,
    allocatable: { cpuMilli: s.nodeAllocCpu[n]!, memoryBytes: s.nodeAllocMem[n]!, pods: s.nodeAllocPods[n]! },
    requested: { cpuMilli: s.nodeReqCpu[n]!, memoryBytes: s.nodeReqMem[n]!, pods: s.nodePodCount[n]! },
    workloadPodCounts: counts,
    podGroups: groups,
    ready: s.nodePhase[n] === NodePhase.ready,
    createdMs: s.nodeCreatedMs[n]!,
    unschedulable: sim.nodes.cordoned.has(n),
    deleting: s.nodePhase[n] === NodePhase.deleting,
    spot: pool.config.capacityType === 'spot',
  };
}

/**
 * Pod slot `p` as the scheduler and the autoscalers see it. A pod's view changes only when it is
 * bound (its node) or its slot is reused (its name), so the last one built per slot is reused
 * while both still match: the autoscalers read every pod on every scan.
 */
export function livePodView(sim: Simulation, p: number, cache: (PodView | undefined)[]): PodView {
  const s = sim.state;
  const node = s.podNode[p]!;
  const nodeName = node >= 0 ? s.nodeName[node]! : null;
  const cached = cache[p];
  if (cached !== undefined && cached.name === s.podName[p] && cached.nodeName === nodeName) return cached;
  const w = sim.workloads[s.podWorkload[p]!]!;
  const view: PodView = {
    ...w.podTemplate,
    group: w.podGroup,
    name: s.podName[p]!,
    nodeName,
    createdMs: s.podCreatedMs[p]!,
  };
  store(cache, p, view);
  return view;
}

/**
 * cache[i] = value, the array grown densely first: V8 turns an array written far past its end
 * into a dictionary, and these caches are read for every pod on every autoscaler scan.
 */
function store<T>(cache: (T | undefined)[], i: number, value: T): void {
  while (cache.length < i) cache.push(undefined);
  cache[i] = value;
}
