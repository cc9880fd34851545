// Heap allocation of the CPU step per pod-step, and where it happens (V8's sampling heap profiler).
// Runs a scenario's `after` configuration (its only one when it has no change) to build a cluster, then the CPU step alone `steps` times
// on it with every workload's arrivals varied by up to 10 % each step (so the throttle and latency
// memos miss as in a run). Plain JavaScript, so it can load a copy of dist/ taken before a change:
//
//   node bench/scale/step-allocation.mjs [dist] [scenario] [hours] [steps]
//
// defaults: dist, scenarios/payments-maxreplicas.yaml, 14, 20000.
import { Session } from 'node:inspector';
import { arrivalFactors, cpuStepHarness } from './cpu-step-harness.mjs';

const [dist = 'dist', file = 'scenarios/payments-maxreplicas.yaml', hours = '14', stepsArg = '20000'] = process.argv.slice(2);
const { sim, loaded, step, vary, workloads: W } = await cpuStepHarness(dist, file, hours);
const steps = Number(stepsArg);
const factor = arrivalFactors(steps, W);
let pods = 0;
for (let p = 0; p < sim.state.podHighWater; p++) if (sim.state.podNode[p] >= 0) pods++;

function run(from, to) {
  for (let i = from; i < to; i++) {
    vary(factor, i);
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
console.log(`${dist}: ${file}${loaded.value.after ? ' after' : ''}, ${hours} h, then ${steps - warm} CPU steps of ${pods} pods: ${(total / 1e6).toFixed(1)} MB sampled, ${(total / podSteps).toFixed(1)} bytes per pod-step`);
for (const [where, bytes] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 8)) {
  if (bytes > 0) console.log(`  ${(bytes / 1e6).toFixed(1).padStart(7)} MB  ${where}`);
}
