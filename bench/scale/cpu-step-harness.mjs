// The CPU step alone on a built cluster, for the bench tools that time or profile it
// (step-allocation.mjs, ab-same-process.mjs). Plain JavaScript, so it can load a copy of dist/
// taken before a change.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The build at `dist` (a module importer for it and its runSimulation) and `file` loaded by its
 * loader; exits 2 when the file does not load.
 */
export async function loadBuild(dist, file) {
  const from = (path) => import(pathToFileURL(resolve(dist, path)).href);
  const { loadScenario } = await from('scenario/load-scenario.js');
  const { runSimulation } = await from('simulation/run-simulation.js');
  const loaded = loadScenario(file);
  if (!loaded.ok) {
    process.stderr.write(`cannot load ${file}\n`);
    process.exit(2);
  }
  return { from, loaded, runSimulation };
}

/**
 * Runs `file`'s `after` configuration (its only one when it has no change) for `hours` from
 * `dist` to build a cluster, then returns a bare CPU step on it and `vary(factors, i)`, which
 * sets every workload's arrivals for step i from `arrivalFactors`. Exits 2 when the file does
 * not load.
 */
export async function cpuStepHarness(dist, file, hours) {
  const { from, loaded, runSimulation } = await loadBuild(dist, file);
  const { simulationDebugHooks } = await from('simulation/simulation.js');
  const { createCpuStep } = await from('simulation/cpu-step.js');
  const { WorkloadAccumulators } = await from('simulation/workload-accumulators.js');
  const config = loaded.value.after ?? loaded.value.before;
  let sim;
  simulationDebugHooks.onCreate = (s) => (sim = s);
  runSimulation({ ...config, durationMs: Number(hours) * 3_600_000 });
  simulationDebugHooks.onCreate = null;
  const workloads = sim.workloads;
  const W = workloads.length;
  let containerTypes = 0;
  for (const w of workloads) for (const c of w.containers) containerTypes = Math.max(containerTypes, c.globalIndex + 1);
  const colocation = { podSeconds: new Float64Array(W), withSeconds: Array.from({ length: W }, () => new Float64Array(W)) };
  // Builds that predate the option ignore it and recompute every node, as this one does with it off.
  const step = createCpuStep(sim, new WorkloadAccumulators(W, containerTypes), colocation, { replayQuietNodes: false });
  const base = Float64Array.from(workloads, (w) => w.arrivals);
  const vary = (factors, i) => {
    for (let k = 0; k < W; k++) workloads[k].arrivals = base[k] * factors[i * W + k];
  };
  return { sim, loaded, step, vary, workloads: W };
}

/**
 * Factors up to ±10 % for `steps` steps of `workloads` workloads, drawn before measuring so that
 * the measured loop allocates nothing of its own; with them the throttle and latency memos miss as
 * in a run.
 */
export function arrivalFactors(steps, workloads) {
  const factor = new Float64Array(steps * workloads);
  let seed = 12345;
  for (let i = 0; i < factor.length; i++) {
    seed = (seed * 16807) % 2147483647;
    factor[i] = 0.9 + 0.2 * (seed / 2147483647);
  }
  return factor;
}
