import { z } from 'zod';
import { nonNegativeInt, percent, positiveInt, quantity } from './primitives.js';

// autoscaling/v2 HorizontalPodAutoscalerSpec, field names as upstream (k8s.io/api/autoscaling/v2).

const metricTarget = z.strictObject({
  type: z.enum(['Utilization', 'Value', 'AverageValue']),
  averageUtilization: positiveInt.optional(),
  averageValue: quantity.optional(),
  value: quantity.optional(),
});

const metricIdentifier = z.strictObject({
  name: z.string(),
  selector: z.record(z.string(), z.unknown()).optional(),
});

const metricSpec = z.strictObject({
  type: z.enum(['Resource', 'Pods', 'Object', 'External', 'ContainerResource']),
  resource: z.strictObject({ name: z.enum(['cpu', 'memory']), target: metricTarget }).optional(),
  containerResource: z
    .strictObject({ name: z.enum(['cpu', 'memory']), container: z.string(), target: metricTarget })
    .optional(),
  pods: z.strictObject({ metric: metricIdentifier, target: metricTarget }).optional(),
  object: z
    .strictObject({
      metric: metricIdentifier,
      describedObject: z.strictObject({ apiVersion: z.string().optional(), kind: z.string(), name: z.string() }).optional(),
      target: metricTarget,
    })
    .optional(),
  external: z.strictObject({ metric: metricIdentifier, target: metricTarget }).optional(),
});

const scalingPolicy = z.strictObject({
  type: z.enum(['Pods', 'Percent']),
  value: positiveInt,
  periodSeconds: z.number().int().min(1).max(1800),
});

const scalingRules = z.strictObject({
  stabilizationWindowSeconds: z.number().int().min(0).max(3600).optional(),
  selectPolicy: z.enum(['Max', 'Min', 'Disabled']).optional(),
  policies: z.array(scalingPolicy).optional(),
  tolerance: percent.optional(),
});

/**
 * A workload's HPA. `targetCPUUtilizationPercentage` is accepted as the autoscaling/v1 shorthand
 * (it becomes one Resource cpu Utilization metric).
 */
export const hpaSchema = z.strictObject({
  minReplicas: nonNegativeInt.optional(),
  maxReplicas: positiveInt,
  targetCPUUtilizationPercentage: positiveInt.optional(),
  metrics: z.array(metricSpec).optional(),
  behavior: z.strictObject({ scaleUp: scalingRules.optional(), scaleDown: scalingRules.optional() }).optional(),
});
