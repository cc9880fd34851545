import type { z } from 'zod';
import type { workloadSchema } from './schema/workload.js';
import type { loadSchema } from './schema/load.js';
import type { LoadConfig, Toleration, WorkloadConfig } from './types.js';
import * as D from './defaults.js';
import { bytes, cpuMilli, ms } from './resolve-quantities.js';
import { resolveHpa } from './resolve-hpa.js';
import type { Path, ResolveContext } from './resolve-context.js';

type WorkloadInput = z.output<typeof workloadSchema>;
type LoadInput = z.output<typeof loadSchema>;

export function resolveWorkload(w: WorkloadInput, path: Path, ctx: ResolveContext): WorkloadConfig {
  const req = w.resources?.requests ?? {};
  const lim = w.resources?.limits ?? {};
  const limitCpu = lim.cpu !== undefined ? cpuMilli(lim.cpu) : null;
  const limitMemory = lim.memory !== undefined ? bytes(lim.memory) : null;
  // API defaulting: a container with a limit and no request gets request = limit.
  const requestCpu = req.cpu !== undefined ? cpuMilli(req.cpu) : (limitCpu ?? 0);
  const requestMemory = req.memory !== undefined ? bytes(req.memory) : (limitMemory ?? 0);
  if (limitCpu !== null && requestCpu > limitCpu) {
    ctx.error([...path, 'resources', 'requests', 'cpu'], `request (${requestCpu}m) must be <= limit (${limitCpu}m)`, { allowed: `<= ${limitCpu}m` });
  }
  if (limitMemory !== null && requestMemory > limitMemory) {
    ctx.error([...path, 'resources', 'requests', 'memory'], 'request must be <= limit');
  }
  const hpa = w.hpa ? resolveHpa(w.hpa, [...path, 'hpa'], ctx) : null;
  if (hpa && requestCpu === 0 && hpa.metrics.some((m) => m.type === 'Resource' && m.resource.name === 'cpu' && m.resource.target.type === 'Utilization')) {
    ctx.error([...path, 'resources', 'requests', 'cpu'], 'a CPU Utilization HPA needs a CPU request (the controller reports FailedGetResourceMetric: missing request for cpu)');
  }
  if (w.load && w.cpuPerRequest === undefined) {
    ctx.warn([...path, 'cpuPerRequest'], `not given; assuming ${D.DEFAULT_CPU_PER_REQUEST_MS}ms of CPU per request`);
  }
  if (w.load && w.workerThreads === undefined) {
    ctx.warn([...path, 'workerThreads'], `not given; assuming ${D.DEFAULT_WORKER_THREADS} worker threads per pod`);
  }
  const replicas = w.replicas ?? (hpa ? hpa.minReplicas : D.DEFAULT_REPLICAS);
  const startup = w.podStartup ?? {};
  const pdb = w.podDisruptionBudget;
  return {
    name: w.name,
    namespace: w.namespace ?? D.DEFAULT_NAMESPACE,
    kind: w.kind ?? 'Deployment',
    replicas,
    requests: { cpuMilli: requestCpu, memoryBytes: requestMemory },
    limits: { cpuMilli: limitCpu, memoryBytes: limitMemory },
    nodeSelector: w.nodeSelector ?? {},
    tolerations: (w.tolerations ?? []).map(resolveToleration),
    hpa,
    load: w.load ? resolveLoad(w.load) : { type: 'constant', rps: 0, noise: 'none' },
    cpuPerRequestMs: w.cpuPerRequest !== undefined ? ms(w.cpuPerRequest) : D.DEFAULT_CPU_PER_REQUEST_MS,
    cpuPerRequestCv: w.cpuPerRequestCv ?? D.DEFAULT_CPU_PER_REQUEST_CV,
    fanout: w.fanout ?? D.DEFAULT_FANOUT,
    workerThreads: w.workerThreads ?? D.DEFAULT_WORKER_THREADS,
    idleCpuMilli: w.idleCpu !== undefined ? cpuMilli(w.idleCpu) : D.DEFAULT_IDLE_CPU_MILLI,
    memoryUsageBytes: w.memoryUsage !== undefined ? bytes(w.memoryUsage) : Math.round(requestMemory * D.DEFAULT_MEMORY_USAGE_FRACTION_OF_REQUEST),
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
    priority: 0,
  };
}

function resolveToleration(t: NonNullable<WorkloadInput['tolerations']>[number]): Toleration {
  return { key: t.key ?? null, operator: t.operator ?? 'Equal', value: t.value ?? '', effect: t.effect ?? null };
}

function resolveLoad(l: LoadInput): LoadConfig {
  const noise = l.noise ?? 'poisson';
  switch (l.type) {
    case 'constant':
      return { type: 'constant', rps: l.rps, noise };
    case 'diurnal': {
      const peakAtMs = l.peakAt ? clockMs(l.peakAt) : D.DEFAULT_DIURNAL_PEAK_MS;
      return { type: 'diurnal', minRps: l.minRps, maxRps: l.maxRps, peakAtMs, noise };
    }
    case 'step':
      return { type: 'step', steps: l.steps.map((s) => ({ atMs: ms(s.at), rps: s.rps })).sort((a, b) => a.atMs - b.atMs), noise };
    case 'ramp':
      return { type: 'ramp', fromRps: l.fromRps, toRps: l.toRps, startMs: l.start !== undefined ? ms(l.start) : 0, endMs: ms(l.end), noise };
    case 'spike':
      return { type: 'spike', baseRps: l.baseRps, peakRps: l.peakRps, atMs: ms(l.at), durationMs: ms(l.duration), noise };
  }
}

function clockMs(text: string): number {
  const [h, m] = text.split(':').map(Number) as [number, number];
  return (h * 60 + m) * 60_000;
}

