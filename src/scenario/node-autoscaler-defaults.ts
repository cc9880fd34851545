// Temporary home of the node autoscaler defaults until models/node-autoscaler/defaults.ts lands;
// each value cites node-autoscaling.md.
import type { Provider } from './types.js';

export const NODE_AUTOSCALER_DEFAULTS = {
  scanIntervalMs: 10_000, // CA --scan-interval (1.1)
  expander: 'least-waste' as const, // CA --expander default since 1.33 (1.4)
  maxNodesTotal: 0, // CA --max-nodes-total, 0 = unlimited (1.5)
  scaleDownUtilizationThreshold: 0.5, // CA --scale-down-utilization-threshold (1.7)
  scaleDownUnneededTimeMs: 600_000, // CA --scale-down-unneeded-time 10m (1.7)
  scaleDownDelayAfterAddMs: 600_000, // CA --scale-down-delay-after-add 10m (1.7)
  scaleDownDelayAfterDeleteMs: 0, // CA --scale-down-delay-after-delete = scan interval (1.7)
  scaleDownDelayAfterFailureMs: 180_000, // CA --scale-down-delay-after-failure 3m (1.7)
  maxEmptyBulkDelete: 10, // CA --max-empty-bulk-delete (1.7)
  maxGracefulTerminationMs: 600_000, // CA --max-graceful-termination-sec (1.7)
  karpenterBatchIdleMs: 1_000, // Karpenter BATCH_IDLE_DURATION (2.1)
  karpenterBatchMaxMs: 10_000, // Karpenter BATCH_MAX_DURATION (2.1)
  karpenterConsolidationPolicy: 'WhenEmptyOrUnderutilized' as const, // NodePool default (2.3)
  karpenterConsolidateAfterMs: 0, // NodePool consolidateAfter default 0s (2.3)
  karpenterBudgetNodes: '10%', // NodePool disruption budget default (2.3)
  karpenterExpireAfterMs: 720 * 3_600_000, // NodePool expireAfter 720h (2.3)
};

export const PROVISIONING_DELAY_DEFAULTS_MS: Record<Provider | 'karpenter', { min: number; max: number }> = {
  gke: { min: 180_000, max: 240_000 }, // suggested GKE+CA 180-240 s (1.6)
  eks: { min: 90_000, max: 120_000 }, // suggested EKS+CA 90-120 s (1.6)
  aks: { min: 180_000, max: 240_000 }, // no AKS figure in the sheet: the GKE range, a VMSS boot of similar size
  generic: { min: 180_000, max: 240_000 }, // as GKE, the most conservative documented range
  karpenter: { min: 45_000, max: 60_000 }, // suggested EKS+Karpenter 45-60 s to Ready (1.6)
};
