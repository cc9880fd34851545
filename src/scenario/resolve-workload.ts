import type { z } from 'zod';
import type { workloadSchema } from './schema/workload.js';
import type { loadSchema } from './schema/load.js';
import type { ContainerConfig, LoadConfig, Toleration, WorkloadConfig } from './types.js';
import { resolveContainers } from './resolve-containers.js';
import { resolvePodPlacement } from './resolve-pod-placement.js';
import { resolvePodPriority, SYSTEM_PRIORITY_CLASSES, type PriorityClassConfig } from './resolve-priority.js';
import type { NodeAffinity, NodeSelectorRequirement } from '../models/scheduler/types.js';
import * as D from './defaults.js';
import { cpuMilli, ms } from './resolve-quantities.js';
import { resolveHpa } from './resolve-hpa.js';
import { WEEKDAYS } from './schema/load.js';
import { recordedLoad } from '../models/load/recorded-load.js';
import { toTimeSeries } from '../models/load/time-series.js';
import { medianSpacingMs } from '../models/load/resample-series.js';
import { overLimit } from './limits.js';
import { seedFromName } from '../models/load/random-walk-shape.js';
import * as L from '../models/load/defaults.js';
import type { Path, ResolveContext } from './resolve-context.js';

type WorkloadInput = z.output<typeof workloadSchema>;
type LoadInput = z.output<typeof loadSchema>;

export function resolveWorkload(w: WorkloadInput, path: Path, ctx: ResolveContext, priorityClasses: readonly PriorityClassConfig[] = SYSTEM_PRIORITY_CLASSES): WorkloadConfig {
  const pod = resolveContainers(w, path, ctx);
  const serving = pod.serving;
  const requestCpu = pod.requests.cpuMilli;
  const hpa = w.hpa ? resolveHpa(w.hpa, [...path, 'hpa'], ctx, pod.containers) : null;
  if (hpa && requestCpu === 0 && hpa.metrics.some((m) => m.type === 'Resource' && m.resource.name === 'cpu' && m.resource.target.type === 'Utilization')) {
    ctx.error([...path, 'resources', 'requests', 'cpu'], 'a CPU Utilization HPA needs a CPU request (the controller reports FailedGetResourceMetric: missing request for cpu)');
  }
  const replicas = w.replicas ?? (hpa ? hpa.minReplicas : D.DEFAULT_REPLICAS);
  const startup = w.podStartup ?? {};
  const pdb = w.podDisruptionBudget;
  const placement = resolvePodPlacement(w, path, ctx);
  const priority = resolvePodPriority(w, priorityClasses, path, ctx);
  return {
    name: w.name,
    namespace: w.namespace ?? D.DEFAULT_NAMESPACE,
    kind: w.kind ?? 'Deployment',
    replicas,
    requests: pod.requests,
    limits: pod.limits,
    containers: pod.containers,
    ...placement,
    preemptionPolicy: priority.preemptionPolicy,
    nodeSelector: w.nodeSelector ?? {},
    tolerations: (w.tolerations ?? []).map(resolveToleration),
    nodeAffinity: resolveNodeAffinity(w.affinity),
    hpa,
    load: w.load ? resolveLoad(w, serving, w.load, [...path, 'load'], ctx) : { type: 'constant', rps: 0, noise: 'none' },
    cpuPerRequestMs: serving.cpuPerRequestMs,
    cpuPerRequestCv: serving.cpuPerRequestCv,
    fanout: serving.fanout,
    workerThreads: serving.workerThreads,
    idleCpuMilli: serving.idleCpuMilli,
    memoryUsageBytes: serving.memoryUsageBytes,
    slo: w.slo ? { latencyMs: ms(w.slo.latency), percentile: w.slo.percentile ?? D.DEFAULT_SLO_PERCENTILE } : null,
    podStartup: {
      imagePullMs: startup.imagePull !== undefined ? ms(startup.imagePull) : D.DEFAULT_IMAGE_PULL_MS,
      containerStartMs: startup.containerStart !== undefined ? ms(startup.containerStart) : D.DEFAULT_CONTAINER_START_MS,
      readinessDelayMs: startup.readinessDelay !== undefined ? ms(startup.readinessDelay) : D.DEFAULT_READINESS_DELAY_MS,
    },
    terminationGracePeriodMs: w.terminationGracePeriodSeconds !== undefined ? w.terminationGracePeriodSeconds * 1000 : D.DEFAULT_TERMINATION_GRACE_PERIOD_MS,
    podDisruptionBudget: pdb
      ? {
          minAvailable: pdb.minAvailable === undefined ? null : typeof pdb.minAvailable === 'string' ? pdb.minAvailable : pdb.minAvailable,
          maxUnavailable: pdb.maxUnavailable === undefined ? null : pdb.maxUnavailable,
        }
      : null,
    priority: priority.priority,
    priorityClassName: priority.priorityClassName,
  };
}

function resolveNodeAffinity(a: WorkloadInput['affinity']): NodeAffinity | null {
  const n = a?.nodeAffinity;
  if (!n) return null;
  const term = (t: { matchExpressions?: { key: string; operator: NodeSelectorRequirement['operator']; values?: string[] }[] }) => ({
    matchExpressions: (t.matchExpressions ?? []).map((e) => ({ key: e.key, operator: e.operator, ...(e.values ? { values: e.values } : {}) })),
  });
  const required = n.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms.map(term);
  const preferred = n.preferredDuringSchedulingIgnoredDuringExecution?.map((p) => ({ weight: p.weight, preference: term(p.preference) }));
  if (!required && !preferred) return null;
  return { ...(required ? { requiredTerms: required } : {}), ...(preferred ? { preferredTerms: preferred } : {}) };
}

function resolveToleration(t: NonNullable<WorkloadInput['tolerations']>[number]): Toleration {
  return { key: t.key ?? null, operator: t.operator ?? 'Equal', value: t.value ?? '', effect: t.effect ?? null };
}

function resolveLoad(w: WorkloadInput, serving: ContainerConfig, l: LoadInput, path: Path, ctx: ResolveContext): LoadConfig {
  const noise = l.noise ?? 'poisson';
  switch (l.type) {
    case 'constant':
      return { type: 'constant', rps: l.rps, noise };
    case 'diurnal': {
      const peakAtMs = l.peakAt ? clockMs(l.peakAt) : D.DEFAULT_DIURNAL_PEAK_MS;
      return { type: 'diurnal', minRps: l.minRps, maxRps: l.maxRps, peakAtMs, noise };
    }
    case 'weekly': {
      const peakAtMs = l.peakAt ? clockMs(l.peakAt) : D.DEFAULT_DIURNAL_PEAK_MS;
      const startDay = l.startDay ? WEEKDAYS.indexOf(l.startDay) : 0;
      return { type: 'weekly', minRps: l.minRps, maxRps: l.maxRps, peakAtMs, weekendFactor: l.weekendFactor ?? L.DEFAULT_WEEKEND_FACTOR, startDay, noise };
    }
    case 'step':
      return { type: 'step', steps: l.steps.map((s) => ({ atMs: ms(s.at), rps: s.rps })).sort((a, b) => a.atMs - b.atMs), noise };
    case 'ramp':
      return { type: 'ramp', fromRps: l.fromRps, toRps: l.toRps, startMs: l.start !== undefined ? ms(l.start) : 0, endMs: ms(l.end), noise };
    case 'spike':
      return { type: 'spike', baseRps: l.baseRps, peakRps: l.peakRps, atMs: ms(l.at), durationMs: ms(l.duration), noise };
    case 'randomWalk': {
      if (l.minRps > l.maxRps) ctx.error([...path, 'minRps'], `minRps (${l.minRps}) is greater than maxRps (${l.maxRps})`);
      if (l.startRps < l.minRps || l.startRps > l.maxRps) ctx.error([...path, 'startRps'], `must be within [minRps, maxRps] = [${l.minRps}, ${l.maxRps}]`);
      const intervalMs = l.interval !== undefined ? ms(l.interval) : L.DEFAULT_RANDOM_WALK_INTERVAL_MS;
      if (intervalMs <= 0) ctx.error([...path, 'interval'], 'must be longer than 0');
      const seed = l.seed ?? seedFromName(w.name);
      return { type: 'randomWalk', startRps: l.startRps, minRps: l.minRps, maxRps: l.maxRps, volatility: l.volatility, intervalMs: Math.max(1, intervalMs), seed, noise };
    }
    case 'replay':
      return resolveReplay(w, serving, l, path, ctx);
  }
}

/** A recorded load; the loader has already read `file` into `samples` ([unixSeconds, value] pairs). */
function resolveReplay(w: WorkloadInput, serving: ContainerConfig, l: Extract<LoadInput, { type: 'replay' }>, path: Path, ctx: ResolveContext): LoadConfig {
  const quantity = l.quantity ?? 'requestRate';
  const servingInput = w.containers?.find((c) => c.name === serving.name);
  if (quantity === 'cpuUsage' && w.cpuPerRequest === undefined && servingInput?.cpuPerRequest === undefined) {
    ctx.error([...path, 'quantity'], 'a cpuUsage recording needs the workload\'s cpuPerRequest to turn CPU into requests', { allowed: 'cpuPerRequest: 20ms (for example) on the workload' });
  }
  const samples = l.samples ?? [];
  if (samples.length < 2) ctx.error(l.file === undefined ? path : [...path, 'file'], 'a replayed load needs at least two samples (give file or samples)');
  const resampleMs = l.resample !== undefined ? ms(l.resample) : null;
  if (resampleMs === 0) ctx.error([...path, 'resample'], 'must be longer than 0');
  let usable = samples.length <= ctx.limits.recordedPoints.value;
  if (!usable) ctx.error(l.file === undefined ? [...path, 'samples'] : [...path, 'file'], `${samples.length} samples: ${overLimit(ctx.limits.recordedPoints)}`);
  // Inline times may be relative (0, 30, 60); a span too long is caught by the grid check below.
  samples.forEach(([, v], i) => {
    if (v < 0) ctx.error([...path, 'samples', i, 1], 'a rate or a CPU usage cannot be negative', { value: String(v) });
    if (v < 0) usable = false;
  });
  const series = usable ? toTimeSeries(samples.map(([t, v]) => [Math.round(t * 1000), v] as const)) : { timesMs: [], values: [] };
  // The grid spans the recording at the resample step: check its size before it is allocated.
  const n = series.timesMs.length;
  const step = resampleMs || (n > 1 ? medianSpacingMs(series) : 1);
  const gridPoints = n > 1 ? Math.floor((series.timesMs[n - 1]! - series.timesMs[0]!) / Math.max(1, step)) + 1 : 0;
  if (gridPoints > ctx.limits.recordedPoints.value) {
    ctx.error(resampleMs ? [...path, 'resample'] : l.file === undefined ? [...path, 'samples'] : [...path, 'file'], `the recording spans ${gridPoints} steps of ${step} ms: ${overLimit(ctx.limits.recordedPoints)}`);
    return recordedLoad({ timesMs: [], values: [] }, { quantity, intervalMs: 1, scale: 1, cpuPerRequestMs: 1, baselineCores: 0, shiftMs: 0, loop: true, source: l.file ?? 'inline samples', noise: 'none' });
  }
  return recordedLoad(series, {
    quantity,
    intervalMs: resampleMs || null,
    scale: l.scale ?? 1,
    cpuPerRequestMs: serving.cpuPerRequestMs,
    baselineCores: l.baselineCpu !== undefined ? cpuMilli(l.baselineCpu) / 1000 : L.DEFAULT_BASELINE_CPU_CORES,
    shiftMs: l.shift !== undefined ? ms(l.shift) : 0,
    loop: l.loop ?? L.DEFAULT_REPLAY_LOOP,
    source: l.file ?? 'inline samples',
    noise: l.noise ?? 'poisson',
  });
}

function clockMs(text: string): number {
  const [h, m] = text.split(':').map(Number) as [number, number];
  return (h * 60 + m) * 60_000;
}

