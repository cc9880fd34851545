import { loadScenario } from '../src/scenario/load-scenario.js';
import { runSimulation } from '../src/simulation/run-simulation.js';
import { sharedThrottleCache } from '../src/simulation/cpu-step.js';

/**
 * Whole-run timing of the flagship compare: one seed, before and after, cold (first run in the
 * process, Monte Carlo throttle cache empty) and warm (the same again). Checks that the change
 * raised cost, so a broken run cannot post a fast time.
 */
export function wholeRunBench(file = 'scenarios/payments-maxreplicas.yaml'): { label: string; ms: number; simulatedHours: number }[] {
  const loaded = loadScenario(file);
  if (!loaded.ok || !loaded.value.after) throw new Error(`cannot load ${file}`);
  const { before, after } = loaded.value;
  const out: { label: string; ms: number; simulatedHours: number }[] = [];
  for (const label of ['cold', 'warm']) {
    const t0 = performance.now();
    const b = runSimulation(before, before.seed);
    const a = runSimulation(after, before.seed);
    const ms = performance.now() - t0;
    if (!(a.cost.totalUsd > b.cost.totalUsd)) throw new Error('the flagship change should raise cost');
    out.push({ label: `compare, 1 seed, ${label}`, ms, simulatedHours: (2 * before.durationMs) / 3_600_000 });
  }
  const cache = sharedThrottleCache();
  out.push({ label: `throttle cache: ${cache.misses} Monte Carlo runs, ${cache.hits} hits`, ms: 0, simulatedHours: 0 });
  return out;
}
