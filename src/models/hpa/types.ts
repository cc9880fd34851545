/**
 * Types of the HPA model: the resolved autoscaling/v2 spec (upstream field names), the controller
 * config, the observations one sync reads, the state the controller keeps between syncs, and the
 * sync result.
 *
 * Units: every quantity is a plain number in milli-units, exactly as the controller reads them
 * with `Quantity.MilliValue()` (CPU in millicores, memory in milli-bytes, custom metrics in
 * milli-units). Times are integer milliseconds of simulated time.
 */

// ---------------------------------------------------------------------------------------------
// Spec (resolved: every default already applied)
// ---------------------------------------------------------------------------------------------

/** Resource names a Resource metric may target. */
export type HpaResourceName = 'cpu' | 'memory';

/** `MetricTarget` with `type: Utilization`: percent of the pods' summed requests. */
export interface HpaUtilizationTarget {
  readonly type: 'Utilization';
  /** Target average utilization, integer percent of request. */
  readonly averageUtilization: number;
}

/** `MetricTarget` with `type: AverageValue`. */
export interface HpaAverageValueTarget {
  readonly type: 'AverageValue';
  /** Target per-pod value in milli-units (memory: milli-bytes). */
  readonly averageValue: number;
}

/** `MetricTarget` with `type: Value`. */
export interface HpaValueTarget {
  readonly type: 'Value';
  /** Target total value in milli-units. */
  readonly value: number;
}

/** `MetricIdentifier` (no label selector in this model). */
export interface HpaMetricIdentifier {
  readonly name: string;
}

/** `CrossVersionObjectReference` of an Object metric. */
export interface HpaDescribedObject {
  readonly kind: string;
  readonly name: string;
  readonly apiVersion?: string;
}

/** `spec.metrics[]` entry of type Resource. */
export interface HpaResourceMetricSpec {
  readonly type: 'Resource';
  readonly resource: {
    readonly name: HpaResourceName;
    readonly target: HpaUtilizationTarget | HpaAverageValueTarget;
  };
}

/** `spec.metrics[]` entry of type Pods (a per-pod custom metric, averaged). */
export interface HpaPodsMetricSpec {
  readonly type: 'Pods';
  readonly pods: {
    readonly metric: HpaMetricIdentifier;
    readonly target: HpaAverageValueTarget;
  };
}

/** `spec.metrics[]` entry of type Object (one value describing another object). */
export interface HpaObjectMetricSpec {
  readonly type: 'Object';
  readonly object: {
    readonly metric: HpaMetricIdentifier;
    /** Informational here; values are looked up by `metric.name` (see {@link HpaSyncInput.objectMetrics}). */
    readonly describedObject?: HpaDescribedObject;
    readonly target: HpaValueTarget | HpaAverageValueTarget;
  };
}

/** `spec.metrics[]` entry of type External (sum of all returned series). */
export interface HpaExternalMetricSpec {
  readonly type: 'External';
  readonly external: {
    readonly metric: HpaMetricIdentifier;
    readonly target: HpaValueTarget | HpaAverageValueTarget;
  };
}

/** One resolved `spec.metrics[]` entry. */
export type HpaMetricSpec = HpaResourceMetricSpec | HpaPodsMetricSpec | HpaObjectMetricSpec | HpaExternalMetricSpec;

/** Metric source types this model understands. */
export type HpaMetricSourceType = HpaMetricSpec['type'];

/** `HPAScalingPolicy`. */
export interface HpaScalingPolicy {
  readonly type: 'Pods' | 'Percent';
  /** Pods: replicas per period; Percent: percent of the replicas at the period start. */
  readonly value: number;
  /** Look-back period, seconds (API range 1–1800). */
  readonly periodSeconds: number;
}

/** `ScalingPolicySelect`. */
export type HpaSelectPolicy = 'Max' | 'Min' | 'Disabled';

/** Resolved `HPAScalingRules` (one direction of `spec.behavior`). */
export interface HpaScalingRules {
  /**
   * Stabilization window, seconds. `null` means "the controller default": 0 for scale-up (API
   * default) and the controller's downscale-stabilization flag for scale-down
   * (`maybeInitScaleDownStabilizationWindow`).
   */
  readonly stabilizationWindowSeconds: number | null;
  readonly selectPolicy: HpaSelectPolicy;
  readonly policies: readonly HpaScalingPolicy[];
  /** Per-HPA tolerance (fraction, e.g. 0.05); `null` = controller flag. Gate `HPAConfigurableTolerance`. */
  readonly tolerance: number | null;
}

/** Resolved `spec.behavior`. */
export interface HpaBehavior {
  readonly scaleUp: HpaScalingRules;
  readonly scaleDown: HpaScalingRules;
}

/** The resolved HPA spec the controller reads. */
export interface HpaSpec {
  /** `spec.minReplicas` (API default 1; 0 only with the HPAScaleToZero gate). */
  readonly minReplicas: number;
  readonly maxReplicas: number;
  /** At least one entry after resolution (API default: CPU at 80 % utilization). */
  readonly metrics: readonly HpaMetricSpec[];
  /** `null` = no behavior block: the legacy normalization path (hpa.md §5), NOT the documented defaults. */
  readonly behavior: HpaBehavior | null;
}

// ---------------------------------------------------------------------------------------------
// Controller config (kube-controller-manager flags), resolved
// ---------------------------------------------------------------------------------------------

/** Controller-wide settings; see `defaults.ts` for the upstream flag of each. */
export interface HpaControllerConfig {
  /** Sync period, ms. Not read by `syncHpa`; the simulation schedules syncs with it. */
  readonly syncPeriodMs: number;
  /** Tolerance, fraction of 1.0 (both directions unless overridden per HPA). */
  readonly tolerance: number;
  readonly cpuInitializationPeriodMs: number;
  readonly initialReadinessDelayMs: number;
  readonly downscaleStabilizationWindowMs: number;
  /** Legacy path only: per-sync scale-up cap factor (production 2, upstream unit tests 8). */
  readonly scaleUpLimitFactor: number;
  /** Legacy path only: the cap is never below this many replicas. */
  readonly scaleUpLimitMinimum: number;
  /** Feature gate `HPAConfigurableTolerance`. */
  readonly configurableToleranceEnabled: boolean;
}

// ---------------------------------------------------------------------------------------------
// Observations
// ---------------------------------------------------------------------------------------------

/** One resource-metrics sample of a pod (metrics-server `PodMetrics`, summed over containers). */
export interface HpaResourceSample {
  /** Usage in milli-units (CPU millicores, memory milli-bytes); non-integers are rounded up. */
  readonly valueMilli: number;
  /** End of the sample window, ms of simulated time. */
  readonly timestampMs: number;
  /** Length of the sample window, ms. */
  readonly windowMs: number;
}

/** Pod phase (`status.phase`). */
export type HpaPodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed';

/** A pod selected by the scale target's selector, as the controller's pod lister sees it. */
export interface HpaPodObservation {
  readonly name: string;
  readonly phase: HpaPodPhase;
  /** Status of the Ready condition; `null` when the pod has no Ready condition yet. */
  readonly ready: boolean | null;
  /** Has a deletionTimestamp. */
  readonly deleting: boolean;
  /** `status.startTime`, ms; `null` when not started. */
  readonly startTimeMs: number | null;
  /** `lastTransitionTime` of the Ready condition, ms. */
  readonly readyTransitionTimeMs: number | null;
  /** Summed container requests, milli-units; `null` = some container lacks a request ("missing request"). */
  readonly requestsMilli: { readonly cpu: number | null; readonly memory: number | null };
  /** Metric samples; a missing sample makes the pod a "missing" pod for that metric. */
  readonly metrics: {
    readonly cpu: HpaResourceSample | null;
    readonly memory: HpaResourceSample | null;
    /** Per-pod custom metric values (Pods metrics), milli-units, keyed by metric name. */
    readonly pods?: Readonly<Record<string, number>>;
  };
}

/** Everything one sync of one HPA reads. */
export interface HpaSyncInput {
  /** Simulated time of this sync, integer ms. */
  readonly nowMs: number;
  /** `spec.replicas` of the target's scale subresource: the controller's "current replicas". */
  readonly specReplicas: number;
  /** `status.replicas` of the scale subresource (used by Object/External AverageValue only). */
  readonly statusReplicas: number;
  readonly spec: HpaSpec;
  readonly config: HpaControllerConfig;
  /** Pods matching the target's selector. */
  readonly pods: readonly HpaPodObservation[];
  /** Object metric values, milli-units, keyed by metric name; absent key = fetch failed. */
  readonly objectMetrics?: Readonly<Record<string, number>>;
  /** External metric series values, milli-units, keyed by metric name; absent or empty = fetch failed. */
  readonly externalMetrics?: Readonly<Record<string, readonly number[]>>;
}

// ---------------------------------------------------------------------------------------------
// Controller state kept between syncs
// ---------------------------------------------------------------------------------------------

/** `timestampedRecommendation`: an unstabilized desired count. */
export interface HpaRecommendation {
  readonly timeMs: number;
  readonly replicas: number;
}

/** `timestampedScaleEvent`: an applied change of |new − old| replicas. */
export interface HpaScaleEvent {
  readonly timeMs: number;
  /** Absolute size of the change, > 0. */
  readonly change: number;
  /** Older than the direction's longest policy period when last checked: the slot may be reused. */
  readonly outdated: boolean;
}

/** Condition types the controller writes. */
export type HpaConditionType = 'AbleToScale' | 'ScalingActive' | 'ScalingLimited';

/** One `status.conditions[]` entry. */
export interface HpaCondition {
  readonly type: HpaConditionType;
  readonly status: 'True' | 'False';
  /** Upstream PascalCase reason, e.g. `ScaleDownStabilized`. */
  readonly reason: string;
  readonly message: string;
  /** Time the status last flipped, ms. */
  readonly lastTransitionTimeMs: number;
}

/** What survives from one sync to the next (controller memory plus the HPA status conditions). */
export interface HpaControllerState {
  /** `null` = the controller has no entry yet; the first sync seeds it with the current count. */
  readonly recommendations: readonly HpaRecommendation[] | null;
  readonly scaleUpEvents: readonly HpaScaleEvent[];
  readonly scaleDownEvents: readonly HpaScaleEvent[];
  /** `status.conditions`, carried forward as upstream's `setCondition` does. */
  readonly conditions: readonly HpaCondition[];
  /** `status.lastScaleTime`, ms. */
  readonly lastScaleTimeMs: number | null;
}

// ---------------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------------

/** Tolerance band for one HPA: within iff (1 − scaleDown) ≤ ratio ≤ (1 + scaleUp). */
export interface HpaTolerances {
  readonly scaleUp: number;
  readonly scaleDown: number;
}

/** The "current" values the controller reports in `status.currentMetrics[]`. */
export interface HpaMetricCurrent {
  /** Resource Utilization: integer percent of request. */
  readonly averageUtilization: number | null;
  /** Per-pod average, milli-units. */
  readonly averageValueMilli: number | null;
  /** Object/External Value targets: the total, milli-units. */
  readonly valueMilli: number | null;
}

/** A successful proposal of one metric, before it is combined with the others. */
export interface HpaMetricProposal {
  readonly replicas: number;
  readonly current: HpaMetricCurrent;
  /** Upstream `metricNameProposal`, used in "<description> above target". */
  readonly description: string;
}

/** Outcome of one metric in one sync. */
export interface HpaMetricResult {
  readonly type: HpaMetricSourceType;
  /** Resource name or metric name. */
  readonly name: string;
  /** Replica proposal; `null` when the metric failed. */
  readonly replicas: number | null;
  /** Upstream description, e.g. "cpu resource utilization (percentage of request)". */
  readonly description: string;
  readonly current: HpaMetricCurrent | null;
  /** `null` on success; otherwise the ScalingActive reason (e.g. `FailedGetResourceMetric`). */
  readonly failureReason: string | null;
  /** Error text on failure, empty on success. */
  readonly message: string;
}

/** A Kubernetes Event the controller would emit during the sync. */
export interface HpaEvent {
  readonly type: 'Normal' | 'Warning';
  readonly reason: string;
  readonly message: string;
}

/** The desired count at each step before it was written. */
export interface HpaProposal {
  /** Max over valid metrics, or the min/max jump target; `null` when nothing was computed. */
  readonly metricReplicas: number | null;
  /** Description of the metric that won ("" if none). */
  readonly metricName: string;
  /** After the stabilization window; `null` when normalization did not run. */
  readonly stabilizedReplicas: number | null;
  /** After rate limits and the min/max clamp; `null` when normalization did not run. */
  readonly normalizedReplicas: number | null;
}

/** Result of one sync. */
export interface HpaSyncResult {
  /** `spec.replicas` the target should have after this sync (= input.specReplicas when not rescaled). */
  readonly desiredReplicas: number;
  /** True when the controller writes a new `spec.replicas`. */
  readonly rescaled: boolean;
  /** PascalCase reason for the trace (`SuccessfulRescale`, `ScaleDownStabilized`, `ScalingDisabled`, ...). */
  readonly reason: string;
  /** Human-readable, upstream event style ("New size: 22; reason: ..."). */
  readonly message: string;
  /** State to pass into the next sync of this HPA. */
  readonly state: HpaControllerState;
  /** All conditions after this sync (= state.conditions). */
  readonly conditions: readonly HpaCondition[];
  /** One entry per `spec.metrics[]`, in order; empty when metrics were not read. */
  readonly metrics: readonly HpaMetricResult[];
  readonly proposal: HpaProposal;
  readonly events: readonly HpaEvent[];
}
