import { z } from 'zod';
import { nonNegativeInt, percent, positiveInt, quantity } from '../schema/primitives.js';

// The parts of upstream API objects the importer reads, with upstream field names. Objects are
// loose: every other field of a real manifest is accepted and ignored.

const stringMap = z.record(z.string(), z.string());

const resourceList = z.looseObject({ cpu: quantity.optional(), memory: quantity.optional() });

export const containerSchema = z.looseObject({
  name: z.string(),
  resources: z.looseObject({ requests: resourceList.nullish(), limits: resourceList.nullish() }).nullish(),
  /** `Always` on an init container makes it a sidecar (KEP-753). */
  restartPolicy: z.string().nullish(),
});

const toleration = z.looseObject({
  key: z.string().nullish(),
  operator: z.enum(['Exists', 'Equal']).nullish(),
  value: z.string().nullish(),
  effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']).nullish(),
});

export const podSpecSchema = z.looseObject({
  containers: z.array(containerSchema).min(1),
  initContainers: z.array(containerSchema).nullish(),
  nodeSelector: stringMap.nullish(),
  tolerations: z.array(toleration).nullish(),
  affinity: z.record(z.string(), z.unknown()).nullish(),
  topologySpreadConstraints: z.array(z.record(z.string(), z.unknown())).nullish(),
  terminationGracePeriodSeconds: nonNegativeInt.nullish(),
  priorityClassName: z.string().nullish(),
});

const podTemplate = z.looseObject({
  metadata: z.looseObject({ labels: stringMap.nullish() }).nullish(),
  spec: podSpecSchema,
});

/** apps/v1 Deployment, StatefulSet and DaemonSet: the fields that shape pods. */
export const workloadObjectSchema = z.looseObject({
  metadata: z.looseObject({ name: z.string().min(1), namespace: z.string().nullish() }),
  spec: z.looseObject({ replicas: nonNegativeInt.nullish(), template: podTemplate }),
});

/** autoscaling/v1, v2, v2beta2 and v2beta1 HorizontalPodAutoscaler. */
export const hpaObjectSchema = z.looseObject({
  metadata: z.looseObject({ name: z.string().min(1), namespace: z.string().nullish() }),
  spec: z.looseObject({
    scaleTargetRef: z.looseObject({ kind: z.string(), name: z.string(), apiVersion: z.string().nullish() }),
    minReplicas: nonNegativeInt.nullish(),
    maxReplicas: positiveInt,
    targetCPUUtilizationPercentage: positiveInt.nullish(),
    metrics: z.array(z.record(z.string(), z.unknown())).nullish(),
    behavior: z.record(z.string(), z.unknown()).nullish(),
  }),
});

const labelSelector = z.looseObject({
  matchLabels: stringMap.nullish(),
  matchExpressions: z.array(z.looseObject({ key: z.string(), operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']), values: z.array(z.string()).nullish() })).nullish(),
});

/** policy/v1 PodDisruptionBudget. */
export const pdbObjectSchema = z.looseObject({
  metadata: z.looseObject({ name: z.string().min(1), namespace: z.string().nullish() }),
  spec: z.looseObject({
    selector: labelSelector.nullish(),
    minAvailable: z.union([nonNegativeInt, percent]).nullish(),
    maxUnavailable: z.union([nonNegativeInt, percent]).nullish(),
  }),
});

/** core/v1 ResourceQuota: `hard` keeps every resource name; quantities are checked. */
const resourceQuotaObjectSchema = z.looseObject({
  metadata: z.looseObject({ name: z.string().min(1), namespace: z.string().nullish() }),
  spec: z.looseObject({ hard: z.record(z.string(), quantity).nullish() }),
});

const limitValues = z.looseObject({ cpu: quantity.optional(), memory: quantity.optional() }).nullish();

/** core/v1 LimitRange. */
const limitRangeObjectSchema = z.looseObject({
  metadata: z.looseObject({ name: z.string().min(1), namespace: z.string().nullish() }),
  spec: z.looseObject({
    limits: z.array(
      z.looseObject({ type: z.string(), default: limitValues, defaultRequest: limitValues, max: limitValues, min: limitValues, maxLimitRequestRatio: limitValues }),
    ),
  }),
});

/** The namespace guardrail kinds. */
export const limitResourceQuotaObjectSchemas = { limitRange: limitRangeObjectSchema, resourceQuota: resourceQuotaObjectSchema } as const;

export type ContainerInput = z.output<typeof containerSchema>;
export type PodSpecInput = z.output<typeof podSpecSchema>;
export type HpaObjectInput = z.output<typeof hpaObjectSchema>;
export type LabelSelectorInput = z.output<typeof labelSelector>;
