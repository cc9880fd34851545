import type { PathProblem } from './resolve-context.js';
import type { Scenario } from './types.js';
import { overLimit, type LimitSpec, type Limits } from './limits.js';

/**
 * Checks a resolved configuration against the limits on work (src/scenario/limits.ts), before
 * anything is simulated: every problem names the field, the limit and the variable that raises it.
 */
export function checkLimits(scenario: Scenario, limits: Limits): PathProblem[] {
  const problems: PathProblem[] = [];
  const check = (path: readonly (string | number)[], spec: LimitSpec, got: number): void => {
    if (got > spec.value) problems.push({ path, message: overLimit(spec), severity: 'error', value: String(got) });
  };
  check(['spec', 'workloads'], limits.workloads, scenario.workloads.length);
  let pods = 0;
  scenario.workloads.forEach((w, i) => {
    const at = ['spec', 'workloads', i];
    check([...at, 'replicas'], limits.replicas, w.replicas);
    if (w.hpa) check([...at, 'hpa', 'maxReplicas'], limits.replicas, w.hpa.maxReplicas);
    pods += Math.max(w.replicas, w.hpa?.maxReplicas ?? 0);
  });
  let nodes = 0;
  scenario.cluster.nodePools.forEach((p, j) => {
    const at = ['spec', 'cluster', 'nodePools', j];
    check([...at, 'minNodes'], limits.nodesPerPool, p.minNodes);
    check([...at, 'maxNodes'], limits.nodesPerPool, p.maxNodes);
    if (p.initialNodes !== null) check([...at, 'initialNodes'], limits.nodesPerPool, p.initialNodes);
    nodes += Math.max(p.minNodes, p.maxNodes, p.initialNodes ?? 0);
  });
  const cap = scenario.cluster.nodeAutoscaler.maxNodesTotal;
  if (cap > 0) nodes = Math.min(nodes, Math.max(cap, ...scenario.cluster.nodePools.map((p) => p.minNodes)));
  check(['spec', 'cluster', 'nodePools'], limits.nodes, nodes);
  // Every node runs one pod of each DaemonSet.
  pods += scenario.cluster.daemonSets.length * nodes;
  check(['spec', 'workloads'], limits.pods, pods);
  check(['spec', 'duration'], limits.durationSeconds, Math.ceil(scenario.durationMs / 1000));
  check(['spec', 'simulation', 'step'], limits.steps, Math.ceil(scenario.durationMs / scenario.stepMs));
  check(['spec', 'seeds'], limits.seeds, scenario.seeds);
  // Seeds become part of a string key of the random streams; above 2^53 neighbours collide.
  if (scenario.seed > Number.MAX_SAFE_INTEGER - (scenario.seeds - 1)) {
    problems.push({ path: ['spec', 'seed'], message: 'seed + seeds - 1 must stay a safe integer, so that every seed is distinct', severity: 'error', value: String(scenario.seed), allowed: `<= ${Number.MAX_SAFE_INTEGER - scenario.seeds + 1}` });
  }
  return problems;
}
