/**
 * Scenario-level defaults: what a scenario gets when it does not say. Model defaults (HPA, node
 * autoscaler, CPU) live in each model's defaults.ts; these are the simulation's own choices.
 */

/** One full day, so a diurnal load shows its peak and its trough. */
export const DEFAULT_DURATION_MS = 24 * 3_600_000;

export const DEFAULT_SEED = 1;

/**
 * Seeds per configuration in `compare`. Five paired runs give a t-interval with 4 degrees of
 * freedom; a sensible default between speed and noise (more with `seeds:` or --seeds).
 */
export const DEFAULT_SEEDS = 5;

/**
 * Step of the load and CPU loop. Throttling inside a step is estimated per 100 ms CFS period by
 * the burst model (docs/models/cpu.md#the-per-step-model-used-in-cluster-runs) and queueing by a stationary model per step, so the step
 * only needs to resolve load changes and the HPA's metric samples: 15 s equals the metrics-server
 * resolution and the HPA sync period, so every sample window holds whole steps. Events (pods
 * starting, nodes joining, controller syncs) keep their exact times whatever the step.
 */
export const DEFAULT_STEP_MS = 15_000;

/** Interval of the recorded time series in results and charts. */
export const DEFAULT_SAMPLE_INTERVAL_MS = 60_000;

/** apps/v1 Deployment `spec.replicas` API default. */
export const DEFAULT_REPLICAS = 1;

/** core/v1 Pod `terminationGracePeriodSeconds` API default: 30 s. */
export const DEFAULT_TERMINATION_GRACE_PERIOD_MS = 30_000;

/**
 * Pod startup when the scenario does not say: a cached image pulls in about a second, the
 * container starts in a few, and a readiness probe with the API defaults (initialDelaySeconds 0,
 * periodSeconds 10) first succeeds up to 10 s after start.
 */
export const DEFAULT_IMAGE_PULL_MS = 1_000;
export const DEFAULT_CONTAINER_START_MS = 4_000;
export const DEFAULT_READINESS_DELAY_MS = 10_000;

/**
 * Workload traffic model defaults. Manifests do not carry these, so a scenario that relies on
 * them gets a warning: they are assumptions, not facts about the service.
 */
export const DEFAULT_CPU_PER_REQUEST_MS = 10;
/** Exponential service demand (cv 1): the M/M/c assumption when nothing better is known. */
export const DEFAULT_CPU_PER_REQUEST_CV = 1;
export const DEFAULT_FANOUT = 1;
export const DEFAULT_WORKER_THREADS = 4;
export const DEFAULT_IDLE_CPU_MILLI = 5;

/** When no memory usage is given, a pod is assumed to use half of its memory request. */
export const DEFAULT_MEMORY_USAGE_FRACTION_OF_REQUEST = 0.5;

/** A diurnal load peaks at 14:00 unless told otherwise (a business-hours service). */
export const DEFAULT_DIURNAL_PEAK_MS = 14 * 3_600_000;

export const DEFAULT_SLO_PERCENTILE = 99;

/** The namespace kubectl uses when none is given. */
export const DEFAULT_NAMESPACE = 'default';

/**
 * Pod template labels when a workload gives none: `app: <workload name>`, the label
 * `kubectl create deployment <name>` puts on the pod template and its selector, so that a
 * spread constraint or an anti-affinity term written `matchLabels: {app: <name>}` selects the
 * workload's own pods.
 */
export const DEFAULT_POD_LABEL_KEY = 'app';

/**
 * Load terms of a container that is not the serving one (a proxy or log-shipping sidecar) when
 * the scenario does not say. From Istio's published performance summary (istio.io, Performance
 * and Scalability, Istio 1.12 to 1.16): the Envoy sidecar uses 0.35 vCPU per 1000 requests per
 * second through it, i.e. 0.35 ms of CPU per request. Envoy runs 2 worker threads in an Istio
 * sidecar (proxy `concurrency` default 2). The idle baseline (stats, xDS updates, health checks)
 * is the app's default. Guessed for any other kind of sidecar, hence a warning.
 */
export const DEFAULT_SIDECAR_CPU_PER_REQUEST_MS = 0.35;
export const DEFAULT_SIDECAR_WORKER_THREADS = 2;
export const DEFAULT_SIDECAR_IDLE_CPU_MILLI = DEFAULT_IDLE_CPU_MILLI;

/** A pod's priority when it names no class and no PriorityClass is globalDefault (pkg/apis/scheduling DefaultPriorityWhenNoDefaultClassExists). */
export const DEFAULT_POD_PRIORITY = 0;

/** The largest value a user-defined PriorityClass may have (pkg/apis/scheduling HighestUserDefinablePriority). */
export const HIGHEST_USER_DEFINABLE_PRIORITY = 1_000_000_000;

/**
 * The PriorityClasses every cluster has (pkg/apis/scheduling SystemPriorityClasses):
 * system-cluster-critical at SystemCriticalPriority (2 x HighestUserDefinablePriority) and
 * system-node-critical 1000 above it. Both preempt lower priorities; neither is the global default.
 */
export const SYSTEM_PRIORITY_CLASSES = [
  { name: 'system-node-critical', value: 2 * HIGHEST_USER_DEFINABLE_PRIORITY + 1000, globalDefault: false, preemptionPolicy: 'PreemptLowerPriority' },
  { name: 'system-cluster-critical', value: 2 * HIGHEST_USER_DEFINABLE_PRIORITY, globalDefault: false, preemptionPolicy: 'PreemptLowerPriority' },
] as const;
