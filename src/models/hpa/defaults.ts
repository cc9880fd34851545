/**
 * Every default of the HPA model, each with the upstream flag/field it mirrors.
 *
 * Paths are relative to kubernetes/kubernetes unless stated otherwise; the mechanisms are described
 * in docs/models/hpa.md.
 */
import type { HpaControllerConfig, HpaScalingPolicy, HpaScalingRules } from './types.js';

// ---------------------------------------------------------------------------------------------
// Controller flags (kube-controller-manager), pkg/controller/podautoscaler/config/v1alpha1/defaults.go
// ---------------------------------------------------------------------------------------------

/** `--horizontal-pod-autoscaler-sync-period`: each HPA is reconciled this often (docs/models/hpa.md#sync-loop-and-timing). */
export const DEFAULT_SYNC_PERIOD_MS = 15_000;

/** `--horizontal-pod-autoscaler-tolerance`: ratio band around 1.0 that causes no scaling (docs/models/hpa.md#tolerance). */
export const DEFAULT_TOLERANCE = 0.1;

/** `--horizontal-pod-autoscaler-cpu-initialization-period`: 5 min (docs/models/hpa.md#sync-loop-and-timing, docs/models/hpa.md#pod-grouping). */
export const DEFAULT_CPU_INITIALIZATION_PERIOD_MS = 5 * 60_000;

/** `--horizontal-pod-autoscaler-initial-readiness-delay`: 30 s (docs/models/hpa.md#sync-loop-and-timing, docs/models/hpa.md#pod-grouping). */
export const DEFAULT_INITIAL_READINESS_DELAY_MS = 30_000;

/** `--horizontal-pod-autoscaler-downscale-stabilization`: 5 min (docs/models/hpa.md#sync-loop-and-timing). */
export const DEFAULT_DOWNSCALE_STABILIZATION_WINDOW_MS = 5 * 60_000;

/** `scaleUpLimitFactor` in horizontal.go: legacy path caps one sync at factor × current (docs/models/hpa.md#legacy-normalization-no-behavior). */
export const DEFAULT_SCALE_UP_LIMIT_FACTOR = 2.0;

/** `scaleUpLimitMinimum` in horizontal.go: the legacy cap is never below 4 replicas (docs/models/hpa.md#legacy-normalization-no-behavior). */
export const DEFAULT_SCALE_UP_LIMIT_MINIMUM_REPLICAS = 4.0;

/**
 * Feature gate `HPAConfigurableTolerance` (per-HPA `behavior.*.tolerance`): alpha off in v1.33,
 * beta on by default from v1.35 (pkg/features/versioned_kube_features.go; docs/models/hpa.md#tolerance).
 */
export const DEFAULT_CONFIGURABLE_TOLERANCE_ENABLED = true;

/** The controller flags above as one resolved config. */
export const DEFAULT_HPA_CONTROLLER_CONFIG: HpaControllerConfig = Object.freeze({
  syncPeriodMs: DEFAULT_SYNC_PERIOD_MS,
  tolerance: DEFAULT_TOLERANCE,
  cpuInitializationPeriodMs: DEFAULT_CPU_INITIALIZATION_PERIOD_MS,
  initialReadinessDelayMs: DEFAULT_INITIAL_READINESS_DELAY_MS,
  downscaleStabilizationWindowMs: DEFAULT_DOWNSCALE_STABILIZATION_WINDOW_MS,
  scaleUpLimitFactor: DEFAULT_SCALE_UP_LIMIT_FACTOR,
  scaleUpLimitMinimum: DEFAULT_SCALE_UP_LIMIT_MINIMUM_REPLICAS,
  configurableToleranceEnabled: DEFAULT_CONFIGURABLE_TOLERANCE_ENABLED,
});

// ---------------------------------------------------------------------------------------------
// API defaulting, pkg/apis/autoscaling/v2/defaults.go (docs/models/hpa.md#behavior, docs/models/hpa.md#object-and-external-metrics)
// ---------------------------------------------------------------------------------------------

/** `SetDefaults_HorizontalPodAutoscaler`: minReplicas when unset. */
export const DEFAULT_MIN_REPLICAS = 1;

/** `autoscaling.DefaultCPUUtilization`: the CPU target used when `spec.metrics` is empty. */
export const DEFAULT_CPU_UTILIZATION_PERCENT = 80;

/** `scaleUpPeriod` / `scaleDownPeriod` in defaults.go: 15 s (the type doc's "60 s" is stale, docs/models/hpa.md#behavior). */
export const DEFAULT_POLICY_PERIOD_SECONDS = 15;

/** `scaleUpLimitMinimumPods`: default scale-up Pods policy adds 4 pods per period. */
export const DEFAULT_SCALE_UP_PODS_VALUE = 4;

/** `scaleUpLimitPercent` / `scaleDownLimitPercent`: default Percent policies are 100 % per period. */
export const DEFAULT_SCALE_PERCENT_VALUE = 100;

/** `scaleUpStabilizationSeconds`: no scale-up stabilization by default. */
export const DEFAULT_SCALE_UP_STABILIZATION_WINDOW_SECONDS = 0;

const defaultScaleUpPolicies: readonly HpaScalingPolicy[] = Object.freeze([
  Object.freeze({ type: 'Pods' as const, value: DEFAULT_SCALE_UP_PODS_VALUE, periodSeconds: DEFAULT_POLICY_PERIOD_SECONDS }),
  Object.freeze({ type: 'Percent' as const, value: DEFAULT_SCALE_PERCENT_VALUE, periodSeconds: DEFAULT_POLICY_PERIOD_SECONDS }),
]);

const defaultScaleDownPolicies: readonly HpaScalingPolicy[] = Object.freeze([
  Object.freeze({ type: 'Percent' as const, value: DEFAULT_SCALE_PERCENT_VALUE, periodSeconds: DEFAULT_POLICY_PERIOD_SECONDS }),
]);

/** `defaultHPAScaleUpRules`: 0 s window, Max of (4 pods, 100 %) per 15 s. */
export const DEFAULT_SCALE_UP_RULES: HpaScalingRules = Object.freeze({
  stabilizationWindowSeconds: DEFAULT_SCALE_UP_STABILIZATION_WINDOW_SECONDS,
  selectPolicy: 'Max' as const,
  policies: defaultScaleUpPolicies,
  tolerance: null,
});

/**
 * `defaultHPAScaleDownRules`: Max of 100 % per 15 s. The window stays null: the controller fills
 * in its downscale-stabilization flag at sync time (`maybeInitScaleDownStabilizationWindow`).
 */
export const DEFAULT_SCALE_DOWN_RULES: HpaScalingRules = Object.freeze({
  stabilizationWindowSeconds: null,
  selectPolicy: 'Max' as const,
  policies: defaultScaleDownPolicies,
  tolerance: null,
});

// ---------------------------------------------------------------------------------------------
// Metrics pipeline (what the simulator's metrics source should imitate)
// ---------------------------------------------------------------------------------------------

/**
 * metrics-server scrape interval: the upstream manifest (kubernetes-sigs/metrics-server
 * components.yaml) runs with `--metric-resolution=15s`; the binary's own default is 60 s.
 */
export const DEFAULT_METRICS_SCRAPE_INTERVAL_MS = 15_000;

/**
 * Window of the CPU rate a metrics-server sample reports, when written: `null` = the interval
 * between its two latest kubelet scrapes, as current metrics-server computes it from the kubelet's
 * cumulative `/metrics/resource` counters (pkg/storage: the rate between the previous and the last
 * point). Releases that read the kubelet Summary API instead served cAdvisor's own short-window
 * rate (its housekeeping interval, about 15 s) however rarely they scraped (60 s by default), so a
 * sample then described only the last 15 s of each minute: `metricsWindow: 15s` with
 * `metricResolution: 60s` models that.
 */
export const DEFAULT_METRICS_WINDOW_MS: number | null = null;

/** `metricServerDefaultMetricWindow` in metrics/client.go: window of a custom metric without one. */
export const DEFAULT_CUSTOM_METRIC_WINDOW_MS = 60_000;
