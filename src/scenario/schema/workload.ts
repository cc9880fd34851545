import { z } from 'zod';
import { duration, labels, name, nonNegativeInt, resources, toleration, percent } from './primitives.js';
import { hpaSchema } from './hpa.js';
import { loadSchema } from './load.js';
import { containerSchema, initContainerSchema, loadTerms } from './container.js';
import { podAffinitySchema, topologySpreadConstraintSchema } from './pod-placement.js';

const files = z.union([z.string(), z.array(z.string()).min(1)]);

/** Scenario field -> dotted values path; defaults are the `helm create` keys (import/helm-values.ts). */
const helmMapping = z.strictObject({
  replicas: z.string().optional(),
  resources: z.string().optional(),
  'resources.requests.cpu': z.string().optional(),
  'resources.requests.memory': z.string().optional(),
  'resources.limits.cpu': z.string().optional(),
  'resources.limits.memory': z.string().optional(),
  'hpa.enabled': z.string().optional(),
  'hpa.minReplicas': z.string().optional(),
  'hpa.maxReplicas': z.string().optional(),
  'hpa.targetCPUUtilizationPercentage': z.string().optional(),
  'hpa.targetMemoryUtilizationPercentage': z.string().optional(),
  nodeSelector: z.string().optional(),
  tolerations: z.string().optional(),
  affinity: z.string().optional(),
});

/**
 * A workload's settings read from a chart's values files (as `helm -f a -f b` merges them), paths
 * relative to the scenario. The after configuration reads `valuesAfter` instead, or `values` plus
 * `overlay` on top.
 */
export const helmSchema = z.strictObject({
  values: files,
  valuesAfter: files.optional(),
  overlay: files.optional(),
  /** Key the chart's values sit under (an umbrella chart's subchart name); mapping paths are below it. */
  root: z.string().optional(),
  mapping: helmMapping.optional(),
});

/** core/v1 NodeSelectorTerm (matchExpressions; matchFields is not modelled). */
const nodeSelectorTerm = z.strictObject({
  matchExpressions: z
    .array(z.strictObject({ key: z.string(), operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt']), values: z.array(z.string()).optional() }))
    .optional(),
});

/** core/v1 Affinity: node affinity, pod affinity and pod anti-affinity. */
export const affinitySchema = z.strictObject({
  nodeAffinity: z
    .strictObject({
      requiredDuringSchedulingIgnoredDuringExecution: z.strictObject({ nodeSelectorTerms: z.array(nodeSelectorTerm).min(1) }).optional(),
      preferredDuringSchedulingIgnoredDuringExecution: z.array(z.strictObject({ weight: z.number().int().min(1).max(100), preference: nodeSelectorTerm })).optional(),
    })
    .optional(),
  podAffinity: podAffinitySchema.optional(),
  podAntiAffinity: podAffinitySchema.optional(),
});

export const workloadSchema = z.strictObject({
  name,
  namespace: z.string().optional(),
  kind: z.enum(['Deployment', 'StatefulSet']).optional(),
  replicas: nonNegativeInt.optional(),
  /** The pod's one container's resources; give `containers` instead for several. */
  resources: resources.optional(),
  /** The pod template's metadata.labels; default `app: <name>`. */
  labels: labels.optional(),
  /** spec.containers with their own resources and load terms. */
  containers: z.array(containerSchema).min(1).optional(),
  /** spec.initContainers; restartPolicy Always = a native sidecar. */
  initContainers: z.array(initContainerSchema).optional(),
  topologySpreadConstraints: z.array(topologySpreadConstraintSchema).optional(),
  preemptionPolicy: z.enum(['PreemptLowerPriority', 'Never']).optional(),
  nodeSelector: labels.optional(),
  tolerations: z.array(toleration).optional(),
  affinity: affinitySchema.optional(),
  hpa: hpaSchema.optional(),
  load: loadSchema.optional(),
  /** Load terms of the serving container (all of the pod's with a single `resources`); schema/container.ts. */
  ...loadTerms,
  slo: z.strictObject({ latency: duration, percentile: z.number().min(50).max(99.99).optional() }).optional(),
  podStartup: z
    .strictObject({ imagePull: duration.optional(), containerStart: duration.optional(), readinessDelay: duration.optional() })
    .optional(),
  terminationGracePeriodSeconds: nonNegativeInt.optional(),
  podDisruptionBudget: z
    .strictObject({ minAvailable: z.union([nonNegativeInt, percent]).optional(), maxUnavailable: z.union([nonNegativeInt, percent]).optional() })
    .optional(),
  priorityClassName: z.string().optional(),
  helm: helmSchema.optional(),
});
