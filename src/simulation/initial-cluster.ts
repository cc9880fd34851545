import type { Simulation } from './simulation.js';
import { PodPhase } from './pod-phase.js';

/** How long before t=0 the initial pods are taken to have started: long past any HPA warm-up. */
const INITIAL_POD_AGE_MS = 3_600_000;

/**
 * The cluster as it runs before the change: each pool's initial nodes (or, when unset, as many as
 * the initial replicas need, at least minNodes), every initial replica Running and Ready.
 */
export function buildInitialCluster(sim: Simulation): void {
  for (const pool of sim.pools) {
    const count = pool.config.initialNodes ?? pool.config.minNodes;
    for (let i = 0; i < count; i++) sim.nodes.add(pool, 0, true);
  }
  for (const w of sim.workloads) sim.replicaSets.reconcile(w);
  sim.scheduler.schedulePending();
  const s = sim.state;
  for (let guard = 0; guard < 10_000; guard++) {
    let pending = -1;
    for (let p = 0; p < s.podHighWater; p++) {
      if (s.podPhase[p] === PodPhase.pending) {
        pending = p;
        break;
      }
    }
    if (pending < 0) break;
    const pod = sim.scheduler.podView(pending);
    const pool = sim.pools.find((pl) => pl.config.initialNodes === null && pl.billedNodes < pl.config.maxNodes && sim.scheduler.templateFits(pod, pl, 0));
    if (!pool) break;
    sim.nodes.add(pool, 0, true);
    sim.scheduler.schedulePending();
  }
  for (let p = 0; p < s.podHighWater; p++) {
    if (s.podPhase[p] !== PodPhase.starting) continue;
    const w = sim.workloads[s.podWorkload[p]!]!.config;
    s.podPhase[p] = PodPhase.ready;
    s.podStartMs[p] = -INITIAL_POD_AGE_MS;
    s.podReadyMs[p] = -INITIAL_POD_AGE_MS + w.podStartup.readinessDelayMs;
  }
}
