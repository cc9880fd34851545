import type { Scenario } from '../scenario/types.js';
import { Simulation } from './simulation.js';
import { buildInitialCluster } from './initial-cluster.js';
import { MetricsPipeline } from './metrics-pipeline.js';
import { startHpaController } from './hpa-controller.js';
import type { HpaDecisionRecord } from './run-result.js';
import { startStepLoop } from './step-loop.js';
import type { CpuStepOptions } from './cpu-step.js';
import { Recorder } from './recorder.js';
import { startClusterAutoscaler } from './cluster-autoscaler-controller.js';
import { startKarpenter } from './karpenter-controller.js';
import { attachNodeAutoscaling } from './node-autoscaling-result.js';
import { summarizeRun } from './summarize-run.js';
import type { RunResult } from './run-result.js';
import type { HpaSyncResult } from '../models/hpa/types.js';
import { indexOfCondition } from '../models/hpa/set-condition.js';
import type { WorkloadRuntime } from './workload-runtime.js';

/** Options of {@link runSimulation}. */
export interface RunSimulationOptions {
  /** Called with the simulated time reached, about every 1 % of the run (for a progress line). */
  readonly onProgress?: (simulatedMs: number) => void;
  /** See {@link CpuStepOptions}: off only to check that replaying quiet nodes changes no byte. */
  readonly replayQuietNodes?: boolean;
  /** Off only to check that reusing the node autoscalers' view of an unchanged cluster changes no byte (cluster-view-reuse.ts). @default true */
  readonly reuseClusterViews?: boolean;
  /** Pods a new node's CPU state has room for before it grows; changed only to check that growing changes no byte. @default INITIAL_CPU_ROOM_PODS */
  readonly initialCpuRoomPods?: number;
}

/** Slices of a run reported to `onProgress`. */
const PROGRESS_SLICES = 100;

/**
 * Runs one configuration with one seed from t=0 to the scenario's duration. Deterministic: with
 * `onProgress` the clock is advanced in slices, which processes the same events in the same order.
 */
export function runSimulation(scenario: Scenario, seed: number = scenario.seed, options: RunSimulationOptions = {}): RunResult {
  const sim = new Simulation(scenario, seed);
  if (options.initialCpuRoomPods !== undefined) sim.nodes.cpuRoomPods = options.initialCpuRoomPods;
  attachNodeAutoscaling(sim);
  buildInitialCluster(sim);
  const metrics = new MetricsPipeline(sim);
  metrics.start();
  const recorder = new Recorder(sim);
  const decisions: HpaDecisionRecord[][] = sim.workloads.map(() => []);
  const limitedMs: Record<string, number>[] = sim.workloads.map(() => ({}));
  const onSync = (w: WorkloadRuntime, result: HpaSyncResult, before: number): void => {
    const at = indexOfCondition(result.conditions, 'ScalingLimited');
    const limited = at < 0 ? undefined : result.conditions[at]!;
    const limitedReason = limited && limited.status === 'True' ? limited.reason : 'DesiredWithinRange';
    const bucket = limitedMs[w.index]!;
    bucket[limitedReason] = (bucket[limitedReason] ?? 0) + scenario.cluster.hpaController.syncPeriodMs;
    if (result.desiredReplicas !== before) {
      const record = { timeMs: sim.env.now, from: before, to: result.desiredReplicas, reason: result.reason, message: result.message, limitedReason };
      decisions[w.index]!.push(record);
      sim.log.add({ timeMs: sim.env.now, source: 'hpa', subject: w.config.name, reason: result.reason, message: `${before} -> ${result.desiredReplicas}: ${result.message}` });
    }
  };
  for (const w of sim.workloads) startHpaController(sim, metrics, w, onSync);
  const steps = startStepLoop(sim, recorder.interval, recorder.colocation, options);
  recorder.start();
  if (scenario.cluster.nodeAutoscaler.type === 'cluster-autoscaler') startClusterAutoscaler(sim, options.reuseClusterViews ?? true);
  else if (scenario.cluster.nodeAutoscaler.type === 'karpenter') startKarpenter(sim, options.reuseClusterViews ?? true);
  if (options.onProgress) {
    const slice = Math.max(1, Math.ceil(scenario.durationMs / PROGRESS_SLICES));
    for (let t = slice; t < scenario.durationMs; t += slice) {
      sim.env.run(t);
      options.onProgress(t);
    }
  }
  sim.env.run(scenario.durationMs);
  options.onProgress?.(scenario.durationMs);
  steps.settle();
  return summarizeRun(sim, recorder, decisions, limitedMs);
}
