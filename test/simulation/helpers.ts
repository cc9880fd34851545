/** Scenario builders and a run that also hands back the Simulation, for the simulation tests. */
import { loadScenario } from '../../src/scenario/load-scenario.js';
import type { Scenario } from '../../src/scenario/types.js';
import { runSimulation } from '../../src/simulation/run-simulation.js';
import type { RunResult } from '../../src/simulation/run-result.js';
import { simulationDebugHooks, type Simulation } from '../../src/simulation/simulation.js';
import { summarizeNodeAutoscaling } from '../../src/simulation/node-autoscaling-result.js';
import type { NodeAutoscalingResult } from '../../src/simulation/run-result.js';
import { namespacesSchema } from '../../src/scenario/schema/namespace.js';
import { resolveNamespaces, type NamespaceConfig } from '../../src/scenario/resolve-namespaces.js';
import { ResolveContext } from '../../src/scenario/resolve-context.js';

/** Resolves a written `spec` (a plain object; JSON is YAML) through the real loader. */
export function scenarioFrom(spec: Record<string, unknown>, name = 'test'): Scenario {
  const doc = { apiVersion: 'kube-whatif/v1', kind: 'Scenario', metadata: { name }, spec };
  const loaded = loadScenario(`${name}.yaml`, { readText: () => JSON.stringify(doc) });
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return loaded.value.before;
}

/** `workloads` for 10 minutes (seed 3) on one m5.large node (EKS), the Cluster Autoscaler held at that one node. */
export function oneNodeScenario(workloads: Record<string, unknown>[]): Scenario {
  return scenarioFrom({
    duration: '10m',
    seed: 3,
    cluster: {
      provider: 'eks',
      nodeAutoscaler: { type: 'cluster-autoscaler' },
      nodePools: [{ name: 'main', machineType: 'm5.large', minNodes: 1, maxNodes: 1, initialNodes: 1 }],
    },
    workloads,
  });
}

/** Adds written `spec.namespaces` (parsed and resolved by the namespace schema) to a scenario. */
export function withNamespaces(scenario: Scenario, written: unknown[]): Scenario & { namespaces: NamespaceConfig[] } {
  const ctx = new ResolveContext();
  const namespaces = resolveNamespaces(namespacesSchema.parse(written), ['spec', 'namespaces'], ctx);
  if (ctx.hasErrors) throw new Error(ctx.problems.map((p) => p.message).join('\n'));
  return { ...scenario, namespaces };
}

export interface CapturedRun {
  readonly result: RunResult;
  readonly sim: Simulation;
  readonly nodeAutoscaling: NodeAutoscalingResult;
}

/** Runs `scenario` and returns the Simulation too; `onCreate` may attach checkers before t = 0. */
export function runCapturing(scenario: Scenario, onCreate?: (sim: Simulation) => void, seed = scenario.seed): CapturedRun {
  let sim: Simulation | undefined;
  simulationDebugHooks.onCreate = (s) => {
    sim = s;
    onCreate?.(s);
  };
  try {
    const result = runSimulation(scenario, seed);
    return { result, sim: sim!, nodeAutoscaling: summarizeNodeAutoscaling(sim!) };
  } finally {
    simulationDebugHooks.onCreate = null;
  }
}

/** A workload that only holds requests (no traffic, no background CPU). */
export function idleWorkload(name: string, replicas: number, cpu: string, memory: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name,
    replicas,
    resources: { requests: { cpu, memory } },
    load: { type: 'constant', rps: 0, noise: 'none' },
    cpuPerRequest: '10ms',
    workerThreads: 2,
    idleCpu: 0,
    ...extra,
  };
}

/**
 * A node autoscaler that moves nodes within minutes, for twin runs that need churn: the Cluster
 * Autoscaler with 2-minute scale-down timers over one pool of `types[0]`, or Karpenter
 * consolidating after 1 minute over `types`. One pool, `main`, of at most `maxNodes` nodes
 * that boot in 40 s.
 */
export function churningAutoscaler(kind: 'cluster-autoscaler' | 'karpenter', types: readonly [string, string], maxNodes: number): Record<string, unknown> {
  return kind === 'karpenter'
    ? {
        nodeAutoscaler: { type: 'karpenter' },
        nodePools: [{ name: 'main', instanceTypes: [...types], maxNodes, provisioningDelay: '40s', disruption: { consolidateAfter: '1m' } }],
      }
    : {
        nodeAutoscaler: { type: 'cluster-autoscaler', scaleDownUnneededTime: '2m', scaleDownDelayAfterAdd: '2m' },
        nodePools: [{ name: 'main', machineType: types[0], minNodes: 1, maxNodes, initialNodes: 1, provisioningDelay: '40s' }],
      };
}
