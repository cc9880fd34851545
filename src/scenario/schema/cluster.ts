import { z } from 'zod';
import { priorityClassSchema } from './priority-class.js';
import { duration, labels, name, nonNegativeInt, positiveInt, quantity, resources, taint } from './primitives.js';

/** Fixed (a duration) or uniform between min and max. */
export const delaySchema = z.union([duration, z.strictObject({ min: duration, max: duration })]);

const disruptionBudget = z.strictObject({
  nodes: z.union([z.string().regex(/^\d+%?$/, 'expected a count such as "1" or a percentage such as "10%"'), nonNegativeInt]),
});

export const nodePoolSchema = z.strictObject({
  name,
  /** Cluster Autoscaler node group: one machine type. */
  machineType: z.string().optional(),
  /** Karpenter NodePool: the allowed instance types (the cheapest that fits is launched). */
  instanceTypes: z.array(z.string()).min(1).optional(),
  capacityType: z.enum(['on-demand', 'spot']).optional(),
  minNodes: nonNegativeInt.optional(),
  maxNodes: positiveInt.optional(),
  initialNodes: nonNegativeInt.optional(),
  labels: labels.optional(),
  taints: z.array(taint).optional(),
  maxPods: positiveInt.optional(),
  /** topology.kubernetes.io/region of the nodes; default: the price table's region of the type. */
  region: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'expected a region name such as us-east-1').optional(),
  /** topology.kubernetes.io/zone values; nodes are created in the zones in turn. */
  zones: z.array(z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'expected a zone name such as us-east-1a')).min(1).optional(),
  provisioningDelay: delaySchema.optional(),
  /** Karpenter NodePool spec.disruption. */
  disruption: z
    .strictObject({
      consolidationPolicy: z.enum(['WhenEmpty', 'WhenEmptyOrUnderutilized']).optional(),
      consolidateAfter: z.union([duration, z.literal('Never')]).optional(),
      budgets: z.array(disruptionBudget).optional(),
    })
    .optional(),
  /** Karpenter NodePool spec.template.spec.expireAfter. */
  expireAfter: z.union([duration, z.literal('Never')]).optional(),
});

export const nodeAutoscalerSchema = z.strictObject({
  type: z.enum(['cluster-autoscaler', 'karpenter', 'none']).optional(),
  // Cluster Autoscaler flags, camel-cased (--scan-interval, --expander, ...).
  scanInterval: duration.optional(),
  expander: z.enum(['least-waste', 'price', 'most-pods', 'random', 'priority']).optional(),
  expanderPriorities: z.record(z.string(), z.array(z.string())).optional(),
  maxNodesTotal: nonNegativeInt.optional(),
  scaleDownEnabled: z.boolean().optional(),
  scaleDownUtilizationThreshold: z.number().min(0).max(1).optional(),
  scaleDownUnneededTime: duration.optional(),
  unremovableNodeRecheckTimeout: duration.optional(),
  scaleDownDelayAfterAdd: duration.optional(),
  scaleDownDelayAfterDelete: duration.optional(),
  scaleDownDelayAfterFailure: duration.optional(),
  maxEmptyBulkDelete: positiveInt.optional(),
  maxGracefulTerminationSec: nonNegativeInt.optional(),
  balanceSimilarNodeGroups: z.boolean().optional(),
  // Karpenter settings (BATCH_IDLE_DURATION, BATCH_MAX_DURATION).
  batchIdleDuration: duration.optional(),
  batchMaxDuration: duration.optional(),
});

export const daemonSetSchema = z.strictObject({
  name,
  namespace: z.string().optional(),
  resources: resources.optional(),
});

/**
 * Physical ranges of a machine: Linux runs on at most 8,192 CPUs (CONFIG_NR_CPUS), and the
 * largest cloud machines cost a few hundred USD an hour; 10,000 USD/h is a typo, not a price (and
 * summing it over a month must stay a finite number in the JSON).
 */
const MAX_VCPU = 8192;
const MAX_HOURLY_USD = 10_000;

export const instanceTypeSchema = z.strictObject({
  name: z.string(),
  provider: z.enum(['gke', 'eks', 'aks', 'generic']).optional(),
  vcpu: z.number().positive().max(MAX_VCPU),
  memory: quantity,
  onDemandHourly: z.number().min(0).max(MAX_HOURLY_USD),
  spotHourly: z.number().min(0).max(MAX_HOURLY_USD).optional(),
  maxPods: positiveInt.optional(),
  /** kubernetes.io/arch of the type; default from the type's name (Graviton, Tau T2A, Ampere: arm64). */
  arch: z.enum(['amd64', 'arm64']).optional(),
  /** Prices in zones where they differ from the region's, by topology.kubernetes.io/zone value. */
  zonePrices: z
    .record(z.string(), z.strictObject({ onDemandHourly: z.number().min(0).max(MAX_HOURLY_USD).optional(), spotHourly: z.number().min(0).max(MAX_HOURLY_USD).optional() }))
    .optional(),
});

/** kube-controller-manager's --horizontal-pod-autoscaler-* flags, camel-cased. */
export const hpaControllerSchema = z.strictObject({
  syncPeriod: duration.optional(),
  tolerance: z.number().min(0).max(1).optional(),
  cpuInitializationPeriod: duration.optional(),
  initialReadinessDelay: duration.optional(),
  downscaleStabilization: duration.optional(),
});

/** KubeSchedulerConfiguration fields: NodeResourcesFit scoringStrategy.type and percentageOfNodesToScore. */
export const schedulerSchema = z.strictObject({
  scoringStrategy: z.enum(['LeastAllocated', 'MostAllocated']).optional(),
  /** 0 (adaptive) or 1-100, as the API server's validation allows. */
  percentageOfNodesToScore: z.number().int().min(0).max(100).optional(),
});

export const clusterSchema = z.strictObject({
  provider: z.enum(['gke', 'eks', 'aks', 'generic']).optional(),
  nodeAutoscaler: nodeAutoscalerSchema.optional(),
  hpaController: hpaControllerSchema.optional(),
  scheduler: schedulerSchema.optional(),
  nodePools: z.array(nodePoolSchema).min(1),
  daemonSets: z.array(daemonSetSchema).optional(),
  instanceTypes: z.array(instanceTypeSchema).optional(),
  /** scheduling.k8s.io/v1 PriorityClasses beside the built-in system ones. */
  priorityClasses: z.array(priorityClassSchema).optional(),
  /** cgroup v2 cpu.weight conversion used on the nodes (docs/models/cpu.md#from-requests-and-limits-to-cgroup-settings). */
  cpuWeightConversion: z.enum(['cgroup-v1-shares', 'v2-legacy', 'v2-new']).optional(),
});
