/**
 * Types of one HPA sync: the observations it reads, the state the controller keeps between
 * syncs, and the result. Re-exported from `types.ts`.
 *
 * Units: quantities in milli-units, times in integer milliseconds of simulated time.
 */
import type { HpaControllerConfig, HpaMetricSourceType, HpaSpec } from './types.js';

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
  /**
   * Per running container (app containers and sidecars), for ContainerResource metrics: its own
   * requests and samples. Absent = the pod reports no container breakdown.
   */
  readonly containers?: Readonly<Record<string, HpaContainerObservation>>;
  /** Metric samples; a missing sample makes the pod a "missing" pod for that metric. */
  readonly metrics: {
    readonly cpu: HpaResourceSample | null;
    readonly memory: HpaResourceSample | null;
    /** Per-pod custom metric values (Pods metrics), milli-units, keyed by metric name. */
    readonly pods?: Readonly<Record<string, number>>;
  };
}

/** One container of a pod: its requests and its resource metric samples. */
export interface HpaContainerObservation {
  /** `null` = the container has no request for the resource. */
  readonly requestsMilli: { readonly cpu: number | null; readonly memory: number | null };
  readonly metrics: { readonly cpu: HpaResourceSample | null; readonly memory: HpaResourceSample | null };
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
  /**
   * The caller hands over the state's recommendation history: the sync may update it in place,
   * as upstream's controller updates its own, and returns it as the new state's. Only for a caller
   * that replaces its state with the result and keeps no other reference to the old one (the
   * simulation's controller). @default false (the input is left as it was)
   */
  readonly ownsHistory?: boolean;
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
