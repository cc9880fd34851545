/**
 * Types of the HPA model: the resolved autoscaling/v2 spec (upstream field names) and the
 * controller config. The observations, state and result of a sync live in `sync-types.ts` and
 * are re-exported here, so `types.js` is the one import for all of them.
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

/**
 * `spec.metrics[]` entry of type ContainerResource: the usage of one named container of each
 * pod, against that container's request (autoscaling/v2 ContainerResourceMetricSource).
 */
export interface HpaContainerResourceMetricSpec {
  readonly type: 'ContainerResource';
  readonly containerResource: {
    readonly name: HpaResourceName;
    readonly container: string;
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
export type HpaMetricSpec = HpaResourceMetricSpec | HpaContainerResourceMetricSpec | HpaPodsMetricSpec | HpaObjectMetricSpec | HpaExternalMetricSpec;

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
  /** `null` = no behavior block: the legacy normalization path (docs/models/hpa.md#legacy-normalization-no-behavior), NOT the documented defaults. */
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

export type * from './sync-types.js';
