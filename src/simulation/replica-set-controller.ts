import type { Simulation } from './simulation.js';
import type { ClusterState } from './cluster-state.js';
import { PodPhase } from './pod-phase.js';
import type { WorkloadRuntime } from './workload-runtime.js';

/**
 * The ReplicaSet controller: keeps each workload's live pods at its desired replicas, creating
 * through admission (ResourceQuota) and deleting the least useful pods first.
 */
export class ReplicaSetController {
  constructor(private readonly sim: Simulation) {}

  /** Sets the Deployment's spec.replicas (the HPA's write) and reconciles. */
  scale(w: WorkloadRuntime, replicas: number): void {
    w.desiredReplicas = replicas;
    this.reconcile(w);
  }

  reconcile(w: WorkloadRuntime): void {
    const { state: s, env } = this.sim;
    const alive: number[] = [];
    for (const p of s.workloadPods[w.index]!) if (s.podPhase[p] !== PodPhase.terminating) alive.push(p);
    for (let n = alive.length; n < w.desiredReplicas; n++) {
      const admitted = this.sim.admission?.admit(w) ?? { allowed: true };
      if (!admitted.allowed) {
        // replica_set.go manageReplicas: the failed create is an event; the rest of the batch is skipped.
        this.sim.log.add({ timeMs: env.now, source: 'replicaset', subject: w.config.name, reason: 'FailedCreate', message: admitted.message });
        break;
      }
      this.sim.pods.create(w);
    }
    if (alive.length > w.desiredReplicas) {
      // ReplicaSet deletion order (controller_utils ActivePods): unassigned < assigned, then
      // not-ready < ready, then the newest first.
      alive.sort((a, b) => rank(s, a) - rank(s, b) || s.podCreatedMs[b]! - s.podCreatedMs[a]! || b - a);
      for (let k = 0; k < alive.length - w.desiredReplicas; k++) this.sim.pods.delete(alive[k]!);
    }
  }
}

function rank(s: ClusterState, p: number): number {
  const phase = s.podPhase[p]!;
  if (phase === PodPhase.pending) return 0;
  if (phase === PodPhase.starting || phase === PodPhase.running) return 1;
  return 2;
}
