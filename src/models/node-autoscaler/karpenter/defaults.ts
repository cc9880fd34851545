/**
 * Karpenter defaults (kubernetes-sigs/karpenter v1.6.0; docs/models/karpenter.md).
 * Times in ms; each constant cites its source.
 */
import type { DisruptionBudget } from './types.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

export const karpenterDefaults = {
  /** --batch-idle-duration 1 s (pkg/operator/options/options.go). */
  batchIdleMs: 1 * SECOND,
  /** --batch-max-duration 10 s. */
  batchMaxMs: 10 * SECOND,
  /** spec.disruption.consolidationPolicy default (pkg/apis/v1/nodepool.go). */
  consolidationPolicy: 'WhenEmptyOrUnderutilized' as const,
  /** spec.disruption.consolidateAfter default 0 s (v1.1+). */
  consolidateAfterMs: 0,
  /** spec.disruption.budgets default: one budget `nodes: "10%"`. */
  budgets: [{ nodes: '10%' }] as readonly DisruptionBudget[],
  /** spec.template.spec.expireAfter default 720 h. */
  expireAfterMs: 720 * HOUR,
  /** Disruption controller poll period 10 s (pkg/controllers/disruption/controller.go). */
  disruptionPollMs: 10 * SECOND,
  /** Multi-node consolidation looks at most at 100 candidates (multinodeconsolidation.go). */
  multiNodeConsolidationMaxCandidates: 100,
  /** A consolidation command is re-validated after 15 s before it executes (consolidation.go). */
  consolidationValidationTtlMs: 15 * SECOND,
  /**
   * The cluster's consolidation state renews itself after 5 minutes without a change, so a
   * consolidation method that found nothing tries again at least that often (pkg/controllers/state/
   * cluster.go ConsolidationState).
   */
  consolidationStateTimeoutMs: 5 * MINUTE,
  /** Feature gate SpotToSpotConsolidation default false. */
  spotToSpotConsolidation: false,
  /** NodeClaims not registered within 15 min are replaced (nodeclaim/lifecycle/liveness.go registrationTTL). */
  registrationTtlMs: 15 * MINUTE,
  /** Instance types sent to the cloud per launch, cheapest first (pkg/cloudprovider/types.go MaxInstanceTypes). */
  maxInstanceTypes: 60,
  /**
   * Launch → Ready for EKS + Karpenter: uniform 45-60 s (docs/models/allocatable-and-prices.md#provisioning-delays; maintainer in
   * aws/karpenter-provider-aws#6165: ~30-40 s, users 40-120 s).
   */
  provisioningDelay: { kind: 'uniform' as const, minMs: 45 * SECOND, maxMs: 60 * SECOND },
} as const;

/** Pod/node annotation that blocks voluntary disruption. */
export const doNotDisruptAnnotation = 'karpenter.sh/do-not-disrupt';
/** Well-known labels Karpenter puts on its nodes. */
export const karpenterLabels = {
  nodePool: 'karpenter.sh/nodepool',
  capacityType: 'karpenter.sh/capacity-type',
  instanceType: 'node.kubernetes.io/instance-type',
} as const;
