import type { z } from 'zod';
import type { workloadSchema } from './schema/workload.js';
import type { ContainerConfig, Limits, Resources } from './types.js';
import * as D from './defaults.js';
import { bytes, cpuMilli, msExact } from './resolve-quantities.js';
import { podResources, type ContainerResources } from './import/pod-resources.js';
import type { Path, ResolveContext } from './resolve-context.js';

type WorkloadInput = z.output<typeof workloadSchema>;
type ResourcesInput = WorkloadInput['resources'];
type TermsInput = Pick<WorkloadInput, 'cpuPerRequest' | 'cpuPerRequestCv' | 'fanout' | 'workerThreads' | 'idleCpu' | 'memoryUsage'>;

const TERMS = ['cpuPerRequest', 'cpuPerRequestCv', 'fanout', 'workerThreads', 'idleCpu', 'memoryUsage'] as const;

/** A workload's containers and the pod totals the scheduler and the kubelet count. */
export interface ResolvedPod {
  readonly containers: readonly ContainerConfig[];
  readonly requests: Resources;
  readonly limits: Limits;
  /** The serving container (its load terms are the workload's). */
  readonly serving: ContainerConfig;
}

/**
 * The pod's containers from a workload as written. A workload with a single `resources` block
 * (and no `containers`) has one app container named after it carrying the workload-level load
 * terms, exactly as before containers could be written. With `containers`, each has its own
 * resources and load terms; workload-level load terms are the serving container's. Init
 * containers with `restartPolicy: Always` are sidecars (KEP-753).
 */
export function resolveContainers(w: WorkloadInput, path: Path, ctx: ResolveContext): ResolvedPod {
  const listed = w.containers !== undefined;
  // With one app container, the workload's `resources` are that container's (an imported pod
  // keeps its container's name, and a change can still patch `resources`); with several, the
  // container must be named.
  const single = (w.containers?.length ?? 1) === 1;
  if (listed && !single && w.resources !== undefined) {
    ctx.error([...path, 'resources'], 'the pod has several containers: give resources on each of `containers`, not on the workload', { hint: 'move this block into the container it belongs to' });
  }
  const apps = (w.containers ?? [{ name: w.name }]).map((c) => (single ? { ...c, resources: overlay(c.resources, w.resources) } : c));
  const servingIndex = pickServing(w, path, ctx);
  const out: ContainerConfig[] = [];
  (w.initContainers ?? []).forEach((c, i) => {
    const at = [...path, 'initContainers', i];
    const sidecar = c.restartPolicy === 'Always';
    if (!sidecar) {
      for (const t of TERMS) if (c[t] !== undefined) ctx.error([...at, t], 'a plain init container runs to completion before the app starts and serves no requests', { hint: 'set restartPolicy: Always to make it a sidecar (KEP-753)' });
    }
    out.push(container(c.name, sidecar ? 'sidecar' : 'init', c.resources, c, at, ctx, w.load !== undefined, false));
  });
  apps.forEach((c, i) => {
    const at = listed ? [...path, 'containers', i] : path;
    const serving = i === servingIndex;
    let terms: TermsInput = listed ? (c as TermsInput) : w;
    if (listed && serving) {
      for (const t of TERMS) if (w[t] !== undefined && terms[t] !== undefined) ctx.error([...path, t], `given on the workload and on its serving container "${c.name}"`, { hint: `keep one of them (containers[${i}].${t})` });
      terms = { ...pickTerms(w), ...pickTerms(terms) };
    }
    // Resources given on the workload are reported there.
    const resourcesAt = single && w.resources !== undefined ? path : at;
    out.push(container(c.name, 'app', c.resources, terms, at, ctx, w.load !== undefined, serving, resourcesAt));
  });
  checkNames(out, w, path, ctx);
  const pod = podResources(
    out.filter((c) => c.kind === 'app').map(asResources),
    out.filter((c) => c.kind !== 'app').map(asResources),
  );
  // Report order: init containers and sidecars as written, then the app containers.
  return { containers: out, requests: pod.requests, limits: pod.limits, serving: out.find((c) => c.serving)! };
}

/** The pod totals of containers (after a LimitRange filled some of their values). */
export function podTotals(containers: readonly ContainerConfig[]): { requests: Resources; limits: Limits } {
  const pod = podResources(containers.filter((c) => c.kind === 'app').map(asResources), containers.filter((c) => c.kind !== 'app').map(asResources));
  return { requests: pod.requests, limits: pod.limits };
}

function asResources(c: ContainerConfig): ContainerResources {
  const defined = (v: number | null) => (v === null ? undefined : v);
  return {
    name: c.name,
    sidecar: c.kind === 'sidecar',
    requests: { cpu: c.requests.cpuMilli, memory: c.requests.memoryBytes },
    limits: { ...(c.limits.cpuMilli !== null ? { cpu: defined(c.limits.cpuMilli) } : {}), ...(c.limits.memoryBytes !== null ? { memory: defined(c.limits.memoryBytes) } : {}) },
  };
}

function overlay(base: ResourcesInput, top: ResourcesInput): ResourcesInput {
  if (!top) return base;
  if (!base) return top;
  return { requests: { ...base.requests, ...top.requests }, limits: { ...base.limits, ...top.limits } };
}

function pickTerms(t: TermsInput): TermsInput {
  const out: Record<string, unknown> = {};
  for (const k of TERMS) if (t[k] !== undefined) out[k] = t[k];
  return out as TermsInput;
}

/** Index among the app containers of the serving one: the one marked, else the first. */
function pickServing(w: WorkloadInput, path: Path, ctx: ResolveContext): number {
  const marked = (w.containers ?? []).flatMap((c, i) => (c.serving ? [i] : []));
  for (const i of marked.slice(1)) ctx.error([...path, 'containers', i, 'serving'], `only one container serves the requests; containers[${marked[0]}] is already marked`);
  return marked[0] ?? 0;
}

function checkNames(containers: readonly ContainerConfig[], w: WorkloadInput, path: Path, ctx: ResolveContext): void {
  // Container names are unique across containers and initContainers (core validation).
  const seen = new Set<string>();
  const at = (k: number): Path => {
    const inits = w.initContainers?.length ?? 0;
    return k < inits ? [...path, 'initContainers', k, 'name'] : [...path, 'containers', k - inits, 'name'];
  };
  containers.forEach((c, k) => {
    if (seen.has(c.name)) ctx.error(at(k), `duplicate container name "${c.name}" (names are unique across containers and initContainers)`);
    seen.add(c.name);
  });
}

function container(name: string, kind: ContainerConfig['kind'], r: ResourcesInput, terms: TermsInput, path: Path, ctx: ResolveContext, hasLoad: boolean, serving: boolean, resourcesAt: Path = path): ContainerConfig {
  const { requests, limits } = resolveResources(r, resourcesAt, ctx);
  if (kind === 'init') {
    return { name, kind, requests, limits, cpuPerRequestMs: 0, cpuPerRequestCv: 0, idleCpuMilli: 0, workerThreads: 1, fanout: 1, memoryUsageBytes: 0, serving: false };
  }
  if (serving) {
    if (hasLoad && terms.cpuPerRequest === undefined) ctx.warn([...path, 'cpuPerRequest'], `not given; assuming ${D.DEFAULT_CPU_PER_REQUEST_MS}ms of CPU per request`);
    if (hasLoad && terms.workerThreads === undefined) ctx.warn([...path, 'workerThreads'], `not given; assuming ${D.DEFAULT_WORKER_THREADS} worker threads per pod`);
  } else if (hasLoad && (terms.cpuPerRequest === undefined || terms.workerThreads === undefined || terms.idleCpu === undefined)) {
    ctx.warn(
      [...path, 'cpuPerRequest'],
      `load terms of container "${name}" not all given; assuming an Envoy-like proxy sidecar (${D.DEFAULT_SIDECAR_CPU_PER_REQUEST_MS}ms of CPU per request, ${D.DEFAULT_SIDECAR_WORKER_THREADS} worker threads, ${D.DEFAULT_SIDECAR_IDLE_CPU_MILLI}m idle) where not given`,
      { hint: 'set cpuPerRequest, workerThreads and idleCpu on the container (0 for one off the request path)' },
    );
  }
  return {
    name,
    kind,
    requests,
    limits,
    cpuPerRequestMs: terms.cpuPerRequest !== undefined ? msExact(terms.cpuPerRequest) : serving ? D.DEFAULT_CPU_PER_REQUEST_MS : D.DEFAULT_SIDECAR_CPU_PER_REQUEST_MS,
    cpuPerRequestCv: terms.cpuPerRequestCv ?? D.DEFAULT_CPU_PER_REQUEST_CV,
    idleCpuMilli: terms.idleCpu !== undefined ? cpuMilli(terms.idleCpu) : serving ? D.DEFAULT_IDLE_CPU_MILLI : D.DEFAULT_SIDECAR_IDLE_CPU_MILLI,
    workerThreads: terms.workerThreads ?? (serving ? D.DEFAULT_WORKER_THREADS : D.DEFAULT_SIDECAR_WORKER_THREADS),
    fanout: terms.fanout ?? D.DEFAULT_FANOUT,
    memoryUsageBytes: terms.memoryUsage !== undefined ? bytes(terms.memoryUsage) : Math.round(requests.memoryBytes * D.DEFAULT_MEMORY_USAGE_FRACTION_OF_REQUEST),
    serving,
  };
}

/** A container's requests and limits with the API's defaulting (an unset request takes the limit). */
function resolveResources(r: ResourcesInput, path: Path, ctx: ResolveContext): { requests: Resources; limits: Limits } {
  const req = r?.requests ?? {};
  const lim = r?.limits ?? {};
  const limitCpu = lim.cpu !== undefined ? cpuMilli(lim.cpu) : null;
  const limitMemory = lim.memory !== undefined ? bytes(lim.memory) : null;
  // core/v1 SetDefaults_Container: a container with a limit and no request gets request = limit.
  const requestCpu = req.cpu !== undefined ? cpuMilli(req.cpu) : (limitCpu ?? 0);
  const requestMemory = req.memory !== undefined ? bytes(req.memory) : (limitMemory ?? 0);
  if (limitCpu !== null && requestCpu > limitCpu) {
    ctx.error([...path, 'resources', 'requests', 'cpu'], `request (${requestCpu}m) must be <= limit (${limitCpu}m)`, { allowed: `<= ${limitCpu}m` });
  }
  if (limitMemory !== null && requestMemory > limitMemory) {
    ctx.error([...path, 'resources', 'requests', 'memory'], 'request must be <= limit');
  }
  return { requests: { cpuMilli: requestCpu, memoryBytes: requestMemory }, limits: { cpuMilli: limitCpu, memoryBytes: limitMemory } };
}
