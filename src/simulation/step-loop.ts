import { Periodic } from '../engine/index.js';
import type { Simulation } from './simulation.js';
import type { WorkloadAccumulators } from './workload-accumulators.js';
import { offerLoad } from './offered-load.js';
import { createCpuStep, type Colocation, type CpuStepOptions } from './cpu-step.js';

/**
 * The fixed-step part of a run: each step, the offered load, then the CPU step on every node.
 * Returns what must run before the run's totals are read.
 */
export function startStepLoop(sim: Simulation, interval: WorkloadAccumulators, colocation: Colocation, options: CpuStepOptions = {}): { readonly settle: () => void } {
  const stepMs = sim.scenario.stepMs;
  const cpuStep = createCpuStep(sim, interval, colocation, options);
  new Periodic(sim.env, 'cpu-step', stepMs, (now) => {
    offerLoad(sim.workloads, sim.state, interval, now, stepMs);
    cpuStep.step(now);
  }).start(stepMs);
  return { settle: cpuStep.settle };
}
