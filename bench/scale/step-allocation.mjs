// Heap allocation of the CPU step per pod-step, and where it happens (V8's sampling heap profiler).
// Runs a scenario's `after` configuration (its only one when it has no change) to build a cluster, then the CPU step alone `steps` times
// on it with every workload's arrivals varied by up to 10 % each step (so the throttle and latency
// memos miss as in a run). Plain JavaScript, so it can load a copy of dist/ taken before a change:
//
//   node bench/scale/step-allocation.mjs [dist] [scenario] [hours] [steps]
//
// defaults: dist, scenarios/payments-maxreplicas.yaml, 14, 20000.
import { Session } from 'node:inspector';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [dist = 'dist', file = 'scenarios/payments-maxreplicas.yaml', hours = '14', stepsArg = '20000'] = process.argv.slice(2);
const from = (path) => import(pathToFileURL(resolve(dist, path)).href);
const { loadScenario } = await from('scenario/load-scenario.js');
const { runSimulation } = await from('simulation/run-simulation.js');
const { simulationDebugHooks } = await from('simulation/simulation.js');
const { createCpuStep } = await from('simulation/cpu-step.js');
const { WorkloadAccumulators } = await from('simulation/workload-accumulators.js');

const loaded = loadScenario(file);
if (!loaded.ok) {
  process.stderr.write(`cannot load ${file}\n`);
  process.exit(2);
}
const config = loaded.value.after ?? loaded.value.before;
let sim;
simulationDebugHooks.onCreate = (s) => (sim = s);
runSimulation({ ...config, durationMs: Number(hours) * 3_600_000 });
simulationDebugHooks.onCreate = null;

const workloads = sim.workloads;
const W = workloads.length;
let containerTypes = 0;
for (const w of workloads) for (const c of w.containers) containerTypes = Math.max(containerTypes, c.globalIndex + 1);
const interval = new WorkloadAccumulators(W, containerTypes);
const colocation = { podSeconds: new Float64Array(W), withSeconds: Array.from({ length: W }, () => new Float64Array(W)) };
// Builds that predate the option ignore it and recompute every node, as this one does with it off.
const step = createCpuStep(sim, interval, colocation, { replayQuietNodes: false });
const steps = Number(stepsArg);
const base = Float64Array.from(workloads, (w) => w.arrivals);
// The arrivals' factors, drawn before measuring so the loop below allocates nothing of its own.
const factor = new Float64Array(steps * W);
let seed = 12345;
for (let i = 0; i < factor.length; i++) {
  seed = (seed * 16807) % 2147483647;
  factor[i] = 0.9 + 0.2 * (seed / 2147483647);
}
let pods = 0;
for (let p = 0; p < sim.state.podHighWater; p++) if (sim.state.podNode[p] >= 0) pods++;

function run(from, to) {
  for (let i = from; i < to; i++) {
    for (let k = 0; k < W; k++) workloads[k].arrivals = base[k] * factor[i * W + k];
    step.step(0);
  }
}
// Warm-up: the JIT settles before the profile starts.
const warm = Math.min(2000, Math.floor(steps / 5));
run(0, warm);
const session = new Session();
session.connect();
session.post('HeapProfiler.enable');
session.post('HeapProfiler.startSampling', { samplingInterval: 1024, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
run(warm, steps);
let profile;
session.post('HeapProfiler.stopSampling', (error, result) => {
  if (error) throw error;
  profile = result.profile;
});
const byFunction = new Map();
const walk = (node) => {
  const frame = node.callFrame;
  const key = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop()}:${frame.lineNumber + 1}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + node.selfSize);
  for (const child of node.children) walk(child);
};
walk(profile.head);
const total = [...byFunction.values()].reduce((a, b) => a + b, 0);
const podSteps = pods * (steps - warm);
console.log(`${dist}: ${file}${loaded.value.after ? ' after' : ''}, ${hours} h, then ${steps - warm} CPU steps of ${pods} pods: ${(total / 1e6).toFixed(1)} MB sampled, ${(total / podSteps).toFixed(0)} bytes per pod-step`);
for (const [where, bytes] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 8)) {
  if (bytes > 0) console.log(`  ${(bytes / 1e6).toFixed(1).padStart(7)} MB  ${where}`);
}
