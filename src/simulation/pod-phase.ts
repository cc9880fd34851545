/** Lifecycle of a pod slot in the simulation. */
export const PodPhase = {
  /** Slot unused. */
  free: 0,
  /** Created, not bound to a node (Pending, maybe Unschedulable). */
  pending: 1,
  /** Bound; image pulling and container starting (still phase Pending in the API). */
  starting: 2,
  /** Running, readiness probe not yet passed. */
  running: 3,
  /** Running and Ready: receives traffic. */
  ready: 4,
  /** Deletion requested: no traffic, resources held until the grace period ends. */
  terminating: 5,
} as const;
export type PodPhase = (typeof PodPhase)[keyof typeof PodPhase];

export const NodePhase = {
  free: 0,
  /** Requested from the cloud, not yet Ready: billed, not schedulable. */
  provisioning: 1,
  ready: 2,
  /** Being drained and deleted by an autoscaler: billed, not schedulable. */
  deleting: 3,
} as const;
export type NodePhase = (typeof NodePhase)[keyof typeof NodePhase];
