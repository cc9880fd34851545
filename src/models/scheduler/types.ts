/**
 * Plain-data views of nodes and pods as the scheduler and node autoscalers see them.
 * Field names follow the Kubernetes API where one exists. CPU in millicores, memory in bytes.
 */

export type TaintEffect = 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';

/** core/v1 Taint. */
export interface Taint {
  readonly key: string;
  readonly value?: string;
  readonly effect: TaintEffect;
}

/** core/v1 Toleration; an empty key with operator Exists tolerates every taint. */
export interface Toleration {
  readonly key?: string;
  /** @default 'Equal' */
  readonly operator?: 'Equal' | 'Exists';
  readonly value?: string;
  /** Absent = every effect. */
  readonly effect?: TaintEffect;
}

/** core/v1 NodeSelectorRequirement. Gt/Lt compare integers. */
export interface NodeSelectorRequirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
  readonly values?: readonly string[];
}

/** core/v1 NodeSelectorTerm: expressions are ANDed. */
export interface NodeSelectorTerm {
  readonly matchExpressions: readonly NodeSelectorRequirement[];
}

/** core/v1 NodeAffinity, flattened. */
export interface NodeAffinity {
  /** requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms; terms are ORed. */
  readonly requiredTerms?: readonly NodeSelectorTerm[];
  /** preferredDuringSchedulingIgnoredDuringExecution (weight 1-100). */
  readonly preferredTerms?: readonly { readonly weight: number; readonly preference: NodeSelectorTerm }[];
}

/** meta/v1 LabelSelectorRequirement. */
export interface LabelSelectorRequirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  readonly values?: readonly string[];
}

/** meta/v1 LabelSelector: matchLabels and matchExpressions ANDed; an empty selector matches everything. */
export interface LabelSelector {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: readonly LabelSelectorRequirement[];
}

/** core/v1 PodAffinityTerm. */
export interface PodAffinityTerm {
  /** null matches no pod (the API's nil selector). */
  readonly labelSelector: LabelSelector | null;
  /** Empty with a null namespaceSelector = the pod's own namespace. */
  readonly namespaces?: readonly string[];
  /** null = not set; an empty selector = every namespace. */
  readonly namespaceSelector?: LabelSelector | null;
  readonly topologyKey: string;
  /** KEP-3633: keys whose values are copied from the incoming pod into the selector (In). */
  readonly matchLabelKeys?: readonly string[];
  /** KEP-3633: keys whose values are copied from the incoming pod into the selector (NotIn). */
  readonly mismatchLabelKeys?: readonly string[];
}

/** core/v1 WeightedPodAffinityTerm (weight 1-100). */
export interface WeightedPodAffinityTerm {
  readonly weight: number;
  readonly podAffinityTerm: PodAffinityTerm;
}

/** core/v1 PodAffinity or PodAntiAffinity, flattened like {@link NodeAffinity}. */
export interface PodAffinityRules {
  /** requiredDuringSchedulingIgnoredDuringExecution. */
  readonly required?: readonly PodAffinityTerm[];
  /** preferredDuringSchedulingIgnoredDuringExecution. */
  readonly preferred?: readonly WeightedPodAffinityTerm[];
}

/** core/v1 TopologySpreadConstraint. */
export interface TopologySpreadConstraint {
  readonly maxSkew: number;
  readonly topologyKey: string;
  readonly whenUnsatisfiable: 'DoNotSchedule' | 'ScheduleAnyway';
  readonly labelSelector: LabelSelector | null;
  /** Only with DoNotSchedule; absent = 1. */
  readonly minDomains?: number;
  /** @default 'Honor' */
  readonly nodeAffinityPolicy?: 'Honor' | 'Ignore';
  /** @default 'Ignore' */
  readonly nodeTaintsPolicy?: 'Honor' | 'Ignore';
  readonly matchLabelKeys?: readonly string[];
}

/**
 * Pods that share one template (a workload's pods, or one pod in a test): what InterPodAffinity and
 * PodTopologySpread read of the pods already on a node. One object per workload, shared by all
 * its pods, so a node's content is a short list of (group, count) however many pods it runs.
 */
export interface PodGroup {
  /** Unique key (the workload name). */
  readonly key: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly podAffinity?: PodAffinityRules;
  readonly podAntiAffinity?: PodAffinityRules;
}

/** `count` pods of `group` on a node. */
export interface PodGroupCount {
  readonly group: PodGroup;
  readonly count: number;
}

export interface Resources {
  readonly cpuMilli: number;
  readonly memoryBytes: number;
}

export interface NodeResources extends Resources {
  readonly pods: number;
}

/** A node as seen by the scheduler (NodeInfo). */
export interface NodeView {
  readonly name: string;
  /** Node group / node pool name. */
  readonly pool: string;
  readonly instanceType: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly Taint[];
  readonly allocatable: NodeResources;
  /** Σ requests of pods bound to the node (including DaemonSet pods) and their count. */
  readonly requested: NodeResources;
  /**
   * Σ requests with the scoring non-zero defaults (100 m / 200 MiB for a pod without requests);
   * defaults to `requested` when absent.
   */
  readonly nonZeroRequested?: Resources;
  /**
   * Number of pods per workload on the node, for default topology spreading (a Map: scoring looks
   * one workload up on every node of the cluster for every pod it places).
   */
  readonly workloadPodCounts?: ReadonlyMap<string, number>;
  /** The pods on the node by template (labels, namespace, pod (anti-)affinity), for InterPodAffinity and PodTopologySpread. */
  readonly podGroups?: readonly PodGroupCount[];
  readonly ready: boolean;
  readonly createdMs: number;
  /** spec.unschedulable (cordoned). */
  readonly unschedulable: boolean;
  /** Marked for deletion by an autoscaler (tainted ToBeDeleted / disrupted). */
  readonly deleting: boolean;
  readonly spot: boolean;
  readonly annotations?: Readonly<Record<string, string>>;
}

/** PodDisruptionBudget status that covers a pod. */
export interface PdbInfo {
  readonly name: string;
  /** status.disruptionsAllowed. */
  readonly disruptionsAllowed: number;
}

/** A pod as seen by the scheduler and autoscalers. */
export interface PodView {
  readonly name: string;
  readonly namespace: string;
  /** Owning workload name (Deployment/StatefulSet...), the equivalence key. */
  readonly workload: string;
  /** Kind of the controller owner: ReplicaSet, StatefulSet, Job, ReplicationController, DaemonSet; null = bare pod. */
  readonly ownerKind: string | null;
  readonly requests: Resources;
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /** metadata.labels (the pod template's). */
  readonly labels?: Readonly<Record<string, string>>;
  readonly affinity?: { readonly nodeAffinity?: NodeAffinity; readonly podAffinity?: PodAffinityRules; readonly podAntiAffinity?: PodAffinityRules };
  /** spec.topologySpreadConstraints; absent or empty = the cluster's default constraints apply. */
  readonly topologySpreadConstraints?: readonly TopologySpreadConstraint[];
  /**
   * The pod's template group, shared by the workload's pods, which the pod joins on the node it is
   * bound to (PlacementSnapshot.bindPod). Absent = derived from namespace, workload, labels and
   * pod (anti-)affinity by {@link podGroupOf}.
   */
  readonly group?: PodGroup;
  /** spec.preemptionPolicy. @default 'PreemptLowerPriority' */
  readonly preemptionPolicy?: 'PreemptLowerPriority' | 'Never';
  readonly tolerations?: readonly Toleration[];
  /** spec.priority. @default 0 */
  readonly priority?: number;
  readonly isDaemonSet?: boolean;
  readonly isMirror?: boolean;
  /** PDB matching the pod, if any. */
  readonly pdb?: PdbInfo | null;
  readonly annotations?: Readonly<Record<string, string>>;
  /** hostPath or non-memory emptyDir volumes. */
  readonly hasLocalStorage?: boolean;
  readonly nodeName: string | null;
  /** Creation time, ms of simulated time. */
  readonly createdMs?: number;
}
