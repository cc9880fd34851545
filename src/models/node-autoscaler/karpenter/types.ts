/**
 * Plain data for the Karpenter model (kubernetes-sigs/karpenter v1.6 words). Times in ms of
 * simulated time; CPU in millicores, memory in bytes.
 */
import type { NodeResources, NodeView, PodView, Resources, Taint } from '../../scheduler/types.js';

export type { NodeResources, NodeView, PodView, Resources, Taint };

export type CapacityType = 'on-demand' | 'spot';

/** One purchasable (instance type, capacity type) pair with its node shape. */
export interface InstanceOffering {
  readonly instanceType: string;
  readonly capacityType: CapacityType;
  readonly priceUsdPerHour: number;
  readonly capacity: Resources;
  readonly allocatable: NodeResources;
  /** Labels that depend on the type (kubernetes.io/arch, instance-type); absent = the pool's. */
  readonly labels?: Readonly<Record<string, string>>;
}

/** Disruption reasons a budget can be scoped to (NodePool spec.disruption.budgets[].reasons). */
export type DisruptionReason = 'Empty' | 'Drifted' | 'Underutilized';

/** spec.disruption.budgets[]: `nodes` is "10%" or an absolute count such as "5". */
export interface DisruptionBudget {
  readonly nodes: string;
  /** Absent = applies to every reason. */
  readonly reasons?: readonly DisruptionReason[];
  /** Whether the budget's cron schedule is active now (the caller evaluates schedule + duration). @default true */
  readonly active?: boolean;
}

export type ConsolidationPolicy = 'WhenEmpty' | 'WhenEmptyOrUnderutilized';

/** A NodePool: what it may launch, its limits and its disruption settings. */
export interface NodePool {
  readonly name: string;
  /** Higher weight is tried first. @default 0 */
  readonly weight?: number;
  /** Allowed offerings (instance types × capacity types from the pool's requirements). */
  readonly offerings: readonly InstanceOffering[];
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly Taint[];
  /** Requests of the DaemonSet pods every node of the pool runs. */
  readonly daemonSetOverhead: NodeResources;
  /** spec.limits on the pool's total node capacity; absent = unlimited. */
  readonly limits?: { readonly cpuMilli?: number; readonly memoryBytes?: number };
  readonly consolidationPolicy: ConsolidationPolicy;
  /** spec.disruption.consolidateAfter; null = Never. */
  readonly consolidateAfterMs: number | null;
  readonly budgets: readonly DisruptionBudget[];
  /** spec.template.spec.expireAfter; null = Never. */
  readonly expireAfterMs: number | null;
}

/** A node launched by Karpenter (node + NodeClaim facts). `pool` is the NodePool name. */
export interface KarpenterNodeView extends NodeView {
  readonly capacityType: CapacityType;
  readonly priceUsdPerHour: number;
  /** When the NodeClaim became Initialized; null while launching/registering. */
  readonly initializedMs: number | null;
  /** Last time a pod was bound to or removed from the node (or its initialization), for consolidateAfter. */
  readonly lastPodEventMs: number;
}
