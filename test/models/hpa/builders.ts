/** Fixture builders for the HPA model tests (options objects, defaults = a long-running ready pod). */
import { DEFAULT_HPA_CONTROLLER_CONFIG } from '../../../src/models/hpa/defaults.js';
import type {
  HpaBehavior,
  HpaControllerConfig,
  HpaMetricSpec,
  HpaPodObservation,
  HpaPodPhase,
  HpaSpec,
  HpaSyncInput,
} from '../../../src/models/hpa/types.js';

/** Simulated "now" used by the builders, ms. */
export const NOW_MS = 10_000_000;

/** 1 MiB in milli-bytes (memory quantities are milli-units). */
export const MIB_MILLI = 1024 * 1024 * 1000;

export interface PodOptions {
  name?: string;
  phase?: HpaPodPhase;
  ready?: boolean | null;
  deleting?: boolean;
  /** Seconds before NOW_MS; null = no start time. Default: an hour ago. */
  startedSecAgo?: number | null;
  readySecAgo?: number | null;
  cpuRequestMilli?: number | null;
  memoryRequestMilli?: number | null;
  /** CPU usage sample (milli-cores) taken at NOW_MS over 15 s; null/undefined = no sample. */
  cpuMilli?: number | null;
  memoryMilli?: number | null;
  podsMetrics?: Record<string, number>;
  nowMs?: number;
}

/** A pod as the HPA sees it. */
export function buildPod(o: PodOptions = {}): HpaPodObservation {
  const now = o.nowMs ?? NOW_MS;
  const ago = (sec: number | null | undefined, fallback: number | null) =>
    sec === undefined ? fallback : sec === null ? null : now - sec * 1000;
  const sample = (v: number | null | undefined) => (v === null || v === undefined ? null : { valueMilli: v, timestampMs: now, windowMs: 15_000 });
  return {
    name: o.name ?? 'pod',
    phase: o.phase ?? 'Running',
    ready: o.ready === undefined ? true : o.ready,
    deleting: o.deleting ?? false,
    startTimeMs: ago(o.startedSecAgo, now - 3_600_000),
    readyTransitionTimeMs: ago(o.readySecAgo, now - 3_600_000),
    requestsMilli: {
      cpu: o.cpuRequestMilli === undefined ? 1000 : o.cpuRequestMilli,
      memory: o.memoryRequestMilli === undefined ? 1024 * MIB_MILLI : o.memoryRequestMilli,
    },
    metrics: { cpu: sample(o.cpuMilli), memory: sample(o.memoryMilli), ...(o.podsMetrics ? { pods: o.podsMetrics } : {}) },
  };
}

/** n pods named p0..p(n-1) with the same options plus per-pod CPU usage. */
export function podsWithCpu(usagesMilli: readonly number[], o: PodOptions = {}): HpaPodObservation[] {
  return usagesMilli.map((cpuMilli, i) => buildPod({ ...o, name: `p${i}`, cpuMilli }));
}

export function cpuUtilization(percent: number): HpaMetricSpec {
  return { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: percent } } };
}

export function spec(o: Partial<HpaSpec> = {}): HpaSpec {
  return { minReplicas: o.minReplicas ?? 1, maxReplicas: o.maxReplicas ?? 10, metrics: o.metrics ?? [cpuUtilization(50)], behavior: o.behavior ?? null };
}

/** A sync input; config defaults to production flags. */
export function syncInput(o: Partial<Omit<HpaSyncInput, 'config'>> & { config?: Partial<HpaControllerConfig> } = {}): HpaSyncInput {
  const specReplicas = o.specReplicas ?? o.pods?.length ?? 1;
  return {
    nowMs: o.nowMs ?? NOW_MS,
    specReplicas,
    statusReplicas: o.statusReplicas ?? specReplicas,
    spec: o.spec ?? spec(),
    config: { ...DEFAULT_HPA_CONTROLLER_CONFIG, ...o.config },
    pods: o.pods ?? [],
    ...(o.objectMetrics ? { objectMetrics: o.objectMetrics } : {}),
    ...(o.externalMetrics ? { externalMetrics: o.externalMetrics } : {}),
  };
}

/** A behavior whose both directions are explicit. */
export function behavior(b: { scaleUp?: Partial<HpaBehavior['scaleUp']>; scaleDown?: Partial<HpaBehavior['scaleDown']> }): HpaBehavior {
  return {
    scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [], tolerance: null, ...b.scaleUp },
    scaleDown: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [], tolerance: null, ...b.scaleDown },
  };
}
