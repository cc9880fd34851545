// One process of the `steady` bench (steady-bench.ts): loads a scenario with the build in the
// given dist/ directory and runs it `runs` times in a row, seeds `seed`, `seed + 1`, ..., printing
// one JSON line with each run's CPU seconds (user + system, every thread, so the compiler's and
// the collector's helper threads count) and the throttle cache's Monte Carlo runs so far.
// Plain JavaScript, so it can import a copy of dist/ taken before a change.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [dist, file, config, hours, runs, seed] = process.argv.slice(2);
const from = (path) => import(pathToFileURL(resolve(dist, path)).href);
const { loadScenario } = await from('scenario/load-scenario.js');
const { runSimulation } = await from('simulation/run-simulation.js');
const { sharedThrottleCache } = await from('simulation/cpu-step.js');
const loaded = loadScenario(file);
const scenario = loaded.ok ? loaded.value[config] : undefined;
if (!scenario) {
  process.stderr.write(`cannot load ${config} of ${file}\n`);
  process.exit(2);
}
const out = { cpuSeconds: [], monteCarloRuns: [] };
for (let i = 0; i < Number(runs); i++) {
  const t0 = process.cpuUsage();
  const result = runSimulation({ ...scenario, durationMs: Number(hours) * 3_600_000 }, Number(seed) + i);
  const used = process.cpuUsage(t0);
  // A run that placed nothing would post a fast time: refuse it.
  if (!(result.cost.totalUsd > 0)) {
    process.stderr.write(`run ${i} cost nothing: not a real run\n`);
    process.exit(1);
  }
  out.cpuSeconds.push((used.user + used.system) / 1e6);
  out.monteCarloRuns.push(sharedThrottleCache().misses);
}
process.stdout.write(`${JSON.stringify(out)}\n`);
