/**
 * Plain data for the Cluster Autoscaler model. Node and pod views are the scheduler's
 * (`models/scheduler/types.ts`); times are integer ms of simulated time.
 */
import type { NodeResources, NodeView, PodView, Resources, Taint } from '../scheduler/types.js';

export type { NodeResources, NodeView, PodView, Resources, Taint };

/** Distribution of node provisioning latency (request → Ready). */
export interface ProvisioningDelayDistribution {
  readonly kind: 'uniform';
  readonly minMs: number;
  readonly maxMs: number;
}

/** Shape of a fresh node of a group (CA's template NodeInfo). */
export interface NodeTemplate {
  readonly instanceType: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly Taint[];
  /** Node capacity (least-waste compares against capacity). */
  readonly capacity: Resources;
  readonly allocatable: NodeResources;
  /** Requests and count of the DaemonSet/static pods expected on a fresh node. */
  readonly daemonSetOverhead: NodeResources;
}

/** A node group / node pool as the autoscaler manages it. */
export interface NodeGroup {
  readonly name: string;
  readonly minNodes: number;
  readonly maxNodes: number;
  /** Current target size, including requested nodes that are not Ready yet. */
  readonly targetSize: number;
  readonly provider: 'gke' | 'eks' | 'aks' | 'generic';
  readonly capacityType: 'on-demand' | 'spot';
  readonly template: NodeTemplate;
  /** Hourly price of one node, USD (price expander). */
  readonly priceUsdPerHour: number;
  /** Scale-up backoff after a failed scale-up: no scale-up before this time. */
  readonly backoffUntilMs?: number;
  /** False for a group that would be auto-created (price expander doubles its score). @default true */
  readonly exists?: boolean;
}

/** One way to satisfy pending pods (CA `expander.Option`). */
export interface ExpansionOption {
  readonly nodeGroup: NodeGroup;
  readonly nodeCount: number;
  /** Pods the new nodes would take. */
  readonly pods: readonly PodView[];
}
