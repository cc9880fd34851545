import { z } from 'zod';
import { duration, positiveInt, resources } from './primitives.js';

/**
 * The load terms of one container: what its CPU and memory do per request the pod serves. Written
 * on the workload for a one-container pod, on each container otherwise.
 */
export const loadTerms = {
  /** CPU time one request needs in this container (thread CPU time, so the same whether preempted or throttled). */
  cpuPerRequest: duration.optional(),
  /** Coefficient of variation of the per-request CPU time (0 = fixed, 1 = exponential). */
  cpuPerRequestCv: z.number().min(0).max(10).optional(),
  /** Pieces a request is split into and run in parallel. */
  fanout: positiveInt.optional(),
  /** Threads that serve requests in this container (its parallelism). */
  workerThreads: positiveInt.optional(),
  /** CPU the container uses with no traffic (background work, GC). */
  idleCpu: z.union([z.string(), z.number()]).optional(),
  /** Resident memory, for memory metrics. */
  memoryUsage: z.union([z.string(), z.number()]).optional(),
};

/** A core/v1 Container of the pod's `containers`: its name, resources and load terms. */
export const containerSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a DNS-1123 label (lower case letters, digits and "-"), as a container name'),
  resources: resources.optional(),
  /** The container whose queue is the request latency; default the first app container. */
  serving: z.boolean().optional(),
  ...loadTerms,
});

/**
 * A core/v1 Container of `initContainers`. `restartPolicy: Always` makes it a native sidecar
 * (KEP-753): it starts before the later init containers and keeps running beside the app
 * containers. Without it, it runs to completion before the app starts and counts for scheduling only.
 */
export const initContainerSchema = z.strictObject({
  name: containerSchema.shape.name,
  resources: resources.optional(),
  restartPolicy: z.literal('Always').optional(),
  ...loadTerms,
});
