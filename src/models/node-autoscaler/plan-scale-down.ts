/**
 * Scale-down decision of one Cluster Autoscaler loop (core/scaledown/planner, budgets;
 * core/static_autoscaler.go isScaleDownInCooldown). Unneeded-since times are tracked every loop,
 * also during cooldown; deletion needs the node unneeded for scale-down-unneeded-time (unready:
 * scale-down-unready-time), no cooldown, the group above min size and the cluster above the
 * minimum cores/memory. Empty nodes go in bulk (max-scale-down-parallelism), non-empty ones are
 * drained max-drain-parallelism at a time.
 */
import { sameElements } from '../../engine/same-elements.js';
import type { ClusterAutoscalerOptions } from './defaults.js';
import { boundPodsOf, type BoundPods } from './bound-pods.js';
import { findUnneededNodes, type FindUnneededResult, type Unremovable, type UnneededNode, type UnremovableReason } from './find-unneeded-nodes.js';
import type { NodeGroup, NodeView, PodView } from './types.js';
import { advanceUnneededLimitState, initialUnneededLimitState, unneededNodesLimit, type UnneededLimitState } from './unneeded-nodes-limit.js';

const GiB = 2 ** 30;

/** State carried between loops. Times in ms of simulated time; null = never. */
export interface ScaleDownState {
  readonly unneededSinceMs: Readonly<Record<string, number>>;
  /** Until when each node found unremovable in simulation is skipped (recheck timeout). */
  readonly unremovableUntilMs: Readonly<Record<string, number>>;
  readonly lastScaleUpMs: number | null;
  readonly lastScaleDownDeleteMs: number | null;
  readonly lastScaleDownFailureMs: number | null;
  /** What the limit on removable nodes per loop reads; null = start from the options' unneeded time. */
  readonly unneededLimit: UnneededLimitState | null;
  /** The previous loop's candidate search; null before the first. */
  readonly lastSearch: ScaleDownSearch | null;
}

/**
 * A candidate search with what it was given besides the cluster. A loop that sees the same
 * cluster (ScaleDownInput.clusterUnchanged) and the same three inputs gets the same answer, so it
 * takes this one instead of simulating every drain again.
 */
export interface ScaleDownSearch {
  readonly previouslyUnneeded: readonly string[];
  readonly recentlyUnremovable: readonly string[];
  readonly limit: number;
  readonly found: FindUnneededResult;
}

export const initialScaleDownState: ScaleDownState = {
  unneededSinceMs: {},
  unremovableUntilMs: {},
  lastScaleUpMs: null,
  lastScaleDownDeleteMs: null,
  lastScaleDownFailureMs: null,
  unneededLimit: null,
  lastSearch: null,
};

/** New state after a scale-up was applied at `nowMs`. */
export function recordScaleUp(state: ScaleDownState, nowMs: number): ScaleDownState {
  return { ...state, lastScaleUpMs: nowMs };
}

/** Input of {@link planScaleDown}. */
export interface ScaleDownInput {
  readonly nowMs: number;
  readonly nodes: readonly NodeView[];
  readonly pods: readonly PodView[];
  /** The same pods indexed by node, when the caller keeps them so; then `pods` is not read. */
  readonly boundPods?: BoundPods;
  readonly nodeGroups: readonly NodeGroup[];
  readonly options: ClusterAutoscalerOptions;
  /**
   * The caller's word that the nodes, their bound pods (with their PDB budgets) and the node groups
   * are those of the previous call: then the previous search may be reused.
   */
  readonly clusterUnchanged?: boolean;
}

/** Delete one node; drain first when it is not empty. The caller taints, evicts, then deletes. */
export interface ScaleDownCommand {
  readonly kind: 'DeleteNode';
  readonly nodeName: string;
  readonly nodeGroup: string;
  readonly empty: boolean;
  readonly podsToEvict: readonly string[];
  /** CA event reasons: ScaleDownEmpty for empty nodes, ScaleDown for drained ones. */
  readonly reason: 'ScaleDownEmpty' | 'ScaleDown';
  readonly message: string;
}

/** CA ScaleDownResult values. */
export type ScaleDownResult = 'ScaleDownNodeDeleteStarted' | 'ScaleDownNoUnneeded' | 'ScaleDownNoNodeDeleted' | 'ScaleDownInCooldown';

export type NodeScaleDownReason = UnremovableReason | 'Unneeded' | 'ScaleDownEmpty' | 'ScaleDown' | 'ScaleDownParallelismLimited';

/** Why a node is or is not being removed in this loop. */
export interface NodeScaleDownStatus {
  readonly reason: NodeScaleDownReason;
  readonly message: string;
  readonly blockingPod?: Unremovable['blockingPod'];
}

export interface ScaleDownPlan {
  readonly result: ScaleDownResult;
  readonly reason: ScaleDownResult;
  readonly message: string;
  readonly commands: readonly ScaleDownCommand[];
  readonly state: ScaleDownState;
  readonly nodeReasons: Readonly<Record<string, NodeScaleDownStatus>>;
}

function cooldown(state: ScaleDownState, nowMs: number, o: ClusterAutoscalerOptions): string | undefined {
  if (state.lastScaleUpMs !== null && state.lastScaleUpMs + o.scaleDownDelayAfterAddMs > nowMs) return 'scale-down-delay-after-add';
  if (state.lastScaleDownFailureMs !== null && state.lastScaleDownFailureMs + o.scaleDownDelayAfterFailureMs > nowMs) return 'scale-down-delay-after-failure';
  if (state.lastScaleDownDeleteMs !== null && state.lastScaleDownDeleteMs + o.scaleDownDelayAfterDeleteMs > nowMs) return 'scale-down-delay-after-delete';
  return undefined;
}

/** Plans node deletions; returns the commands and the next state. Pure. */
export function planScaleDown(input: ScaleDownInput, state: ScaleDownState): ScaleDownPlan {
  const o = input.options;
  const { nowMs } = input;
  // Timeouts still running for nodes still present (unremovable/nodes.go Update keeps ttl > now).
  const until: Record<string, number> = {};
  const running = Object.entries(state.unremovableUntilMs);
  if (running.length > 0) {
    const present = new Set(input.nodes.map((n) => n.name));
    for (const [name, t] of running) if (t > nowMs && present.has(name)) until[name] = t;
  }
  const limitState = advanceUnneededLimitState(state.unneededLimit ?? initialUnneededLimitState(o.scaleDownUnneededTimeMs), nowMs);
  const bound = input.boundPods ?? boundPodsOf(input.pods);
  const previouslyUnneeded = Object.keys(state.unneededSinceMs);
  const recentlyUnremovable = Object.keys(until);
  const limit = unneededNodesLimit(limitState, o.maxScaleDownParallelism, o.scaleDownUnneededTimeMs);
  const last = state.lastSearch;
  // A pure function of the cluster, these inputs and (through a drain rule) the time.
  const reuse =
    input.clusterUnchanged === true &&
    last !== null &&
    !last.found.readsTime &&
    last.limit === limit &&
    sameElements(last.previouslyUnneeded, previouslyUnneeded) &&
    sameElements(last.recentlyUnremovable, recentlyUnremovable);
  const found = reuse
    ? last.found
    : findUnneededNodes({ ...input, boundPods: bound, previouslyUnneeded, recentlyUnremovable: new Set(recentlyUnremovable), unneededLimit: limit });
  for (const name of found.simulationFailed) until[name] = nowMs + o.unremovableNodeRecheckTimeoutMs;
  // The unneeded nodes' reasons; the others' are the search's, merged only when read (a thousand
  // entries every loop otherwise, and a reused search must stay as it was).
  const nodeReasons: Record<string, NodeScaleDownStatus> = {};
  const lastSearch: ScaleDownSearch = reuse ? last : { previouslyUnneeded, recentlyUnremovable, limit, found };
  const since: Record<string, number> = {};
  for (const u of found.unneeded) since[u.nodeName] = state.unneededSinceMs[u.nodeName] ?? nowMs;
  // Every field written out rather than spread: every loop builds this, and a spread of states
  // built in different ways is V8's slow copy.
  const nextState: ScaleDownState = {
    unneededSinceMs: since,
    unremovableUntilMs: until,
    lastScaleUpMs: state.lastScaleUpMs,
    lastScaleDownDeleteMs: state.lastScaleDownDeleteMs,
    lastScaleDownFailureMs: state.lastScaleDownFailureMs,
    unneededLimit: { lastUpdateMs: limitState.lastUpdateMs, minUpdateIntervalMs: limitState.minUpdateIntervalMs, unneededCount: found.unneeded.length },
    lastSearch,
  };
  for (const u of found.unneeded) {
    nodeReasons[u.nodeName] = { reason: 'Unneeded', message: `unneeded since ${since[u.nodeName]} ms, ${u.utilization.resource} utilization ${u.utilization.utilization.toFixed(3)}` };
  }
  if (found.unneeded.length === 0) {
    return withReasons({ result: 'ScaleDownNoUnneeded', reason: 'ScaleDownNoUnneeded', message: 'no unneeded nodes', commands: [], state: nextState }, found, nodeReasons);
  }
  const cd = cooldown(state, nowMs, o);
  if (cd !== undefined) {
    return withReasons({ result: 'ScaleDownInCooldown', reason: 'ScaleDownInCooldown', message: `scale-down in cooldown (${cd})`, commands: [], state: nextState }, found, nodeReasons);
  }

  const commands = chooseDeletions(input, found, since, bound, nodeReasons);
  if (commands.length === 0) {
    return withReasons({ result: 'ScaleDownNoNodeDeleted', reason: 'ScaleDownNoNodeDeleted', message: 'unneeded nodes exist but none can be deleted now', commands, state: nextState }, found, nodeReasons);
  }
  const remainingSince = { ...since };
  for (const c of commands) delete remainingSince[c.nodeName];
  return withReasons(
    {
      result: 'ScaleDownNodeDeleteStarted',
      reason: 'ScaleDownNodeDeleteStarted',
      message: `deleting ${commands.length} node(s): ${commands.map((c) => c.nodeName).join(', ')}`,
      commands,
      state: { ...nextState, unneededSinceMs: remainingSince, lastScaleDownDeleteMs: nowMs },
    },
    found,
    nodeReasons,
  );
}

/**
 * The deletions of this loop among the unneeded nodes (budgets.go, planner): those unneeded long
 * enough, longest first and empty ones before drains, within the groups' min sizes, the cluster's
 * minimum cores and memory and the parallelism budgets. Writes each candidate's reason into
 * `nodeReasons`. Its own function: it runs only on loops with candidates past the cooldown, so the
 * branches first taken late in a run recompile it and not the whole planner.
 */
function chooseDeletions(
  input: ScaleDownInput,
  found: FindUnneededResult,
  since: Readonly<Record<string, number>>,
  bound: BoundPods,
  nodeReasons: Record<string, NodeScaleDownStatus>,
): ScaleDownCommand[] {
  const o = input.options;
  const { nowMs } = input;
  const nodeByName = new Map(input.nodes.map((n) => [n.name, n]));
  const groupByName = new Map(input.nodeGroups.map((g) => [g.name, g]));
  const removedPerGroup = new Map<string, number>();
  let cores = 0;
  let memGiB = 0;
  for (const n of input.nodes) {
    if (n.deleting) continue;
    const cap = groupByName.get(n.pool)?.template.capacity;
    cores += (cap?.cpuMilli ?? n.allocatable.cpuMilli) / 1000;
    memGiB += (cap?.memoryBytes ?? n.allocatable.memoryBytes) / GiB;
  }
  const deletingNodes = input.nodes.filter((n) => n.deleting);
  let parallelLeft = o.maxScaleDownParallelism - deletingNodes.length;
  let drainLeft = o.maxDrainParallelism - deletingNodes.filter((n) => bound.hasMovable(n.name)).length;

  const removable: UnneededNode[] = [];
  for (const u of found.unneeded) {
    const node = nodeByName.get(u.nodeName) as NodeView;
    const need = node.ready ? o.scaleDownUnneededTimeMs : o.scaleDownUnreadyTimeMs;
    const s = since[u.nodeName] as number;
    if (nowMs - s < need) {
      nodeReasons[u.nodeName] = {
        reason: node.ready ? 'NotUnneededLongEnough' : 'NotUnreadyLongEnough',
        message: `unneeded for ${nowMs - s} ms of the required ${need} ms`,
      };
      continue;
    }
    removable.push(u);
  }
  // Longest-unneeded first; empty nodes before drains (budgets.go crops empty then drain lists).
  removable.sort((a, b) => Number(b.empty) - Number(a.empty) || (since[a.nodeName] as number) - (since[b.nodeName] as number));
  const commands: ScaleDownCommand[] = [];
  for (const u of removable) {
    const g = groupByName.get(u.nodeGroup) as NodeGroup;
    const removed = removedPerGroup.get(g.name) ?? 0;
    if (g.targetSize - removed <= g.minNodes) {
      nodeReasons[u.nodeName] = { reason: 'NodeGroupMinSizeReached', message: `node group ${g.name} min size ${g.minNodes} reached` };
      continue;
    }
    const nodeCores = g.template.capacity.cpuMilli / 1000;
    const nodeMem = g.template.capacity.memoryBytes / GiB;
    if (cores - nodeCores < o.minCoresTotal || memGiB - nodeMem < o.minMemoryGiBTotal) {
      nodeReasons[u.nodeName] = { reason: 'MinimalResourceLimitExceeded', message: 'minimal resource limit (cores-total/memory-total) exceeded' };
      continue;
    }
    if (parallelLeft <= 0 || (!u.empty && drainLeft <= 0)) {
      nodeReasons[u.nodeName] = { reason: 'ScaleDownParallelismLimited', message: 'max-scale-down-parallelism / max-drain-parallelism budget used' };
      continue;
    }
    parallelLeft--;
    if (!u.empty) drainLeft--;
    cores -= nodeCores;
    memGiB -= nodeMem;
    removedPerGroup.set(g.name, removed + 1);
    const util = `${u.utilization.resource} utilization ${u.utilization.utilization.toFixed(3)}`;
    const cmd: ScaleDownCommand = u.empty
      ? { kind: 'DeleteNode', nodeName: u.nodeName, nodeGroup: g.name, empty: true, podsToEvict: [], reason: 'ScaleDownEmpty', message: `Scale-down: removing empty node ${u.nodeName}` }
      : {
          kind: 'DeleteNode', nodeName: u.nodeName, nodeGroup: g.name, empty: false, podsToEvict: u.podsToEvict, reason: 'ScaleDown',
          message: `Scale-down: removing node ${u.nodeName}, ${util}, pods to reschedule: ${u.podsToEvict.join(',')}`,
        };
    commands.push(cmd);
    nodeReasons[u.nodeName] = { reason: cmd.reason, message: cmd.message };
  }
  return commands;
}

/**
 * The plan with its `nodeReasons`: the search's unremovable nodes, then the planner's unneeded
 * ones, merged when first read (only tests and debugging read them).
 */
function withReasons(plan: Omit<ScaleDownPlan, 'nodeReasons'>, found: FindUnneededResult, unneeded: Record<string, NodeScaleDownStatus>): ScaleDownPlan {
  // A literal with a getter, not a property defined on the plan: one shape for every loop's plan.
  let reasons: Readonly<Record<string, NodeScaleDownStatus>> | undefined;
  return {
    result: plan.result,
    reason: plan.reason,
    message: plan.message,
    commands: plan.commands,
    state: plan.state,
    get nodeReasons(): Readonly<Record<string, NodeScaleDownStatus>> {
      if (reasons === undefined) reasons = { ...found.unremovable, ...unneeded };
      return reasons;
    },
  };
}
