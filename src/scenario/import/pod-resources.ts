/**
 * Pod-level requests and limits as the scheduler and the kubelet count them, from per-container
 * values (CPU in millicores, memory in bytes; undefined = not set).
 */

export interface ResourceValues {
  readonly cpu?: number;
  readonly memory?: number;
}

export interface ContainerResources {
  readonly name: string;
  /** An init container with `restartPolicy: Always` (a sidecar, KEP-753). */
  readonly sidecar?: boolean;
  readonly requests: ResourceValues;
  readonly limits: ResourceValues;
}

/** LimitRange `type: Container` defaults after the API's own defaulting of the LimitRange. */
export interface ContainerDefaults {
  /** `default`: limits for containers that set none. */
  readonly limits: ResourceValues;
  /** `defaultRequest`: requests for containers that set none. */
  readonly requests: ResourceValues;
}

export interface PodResources {
  readonly requests: { readonly cpuMilli: number; readonly memoryBytes: number };
  /** null = no pod-level limit (some container has none, so the pod cgroup gets no quota). */
  readonly limits: { readonly cpuMilli: number | null; readonly memoryBytes: number | null };
}

const KEYS = ['cpu', 'memory'] as const;

/**
 * Fills a container's missing values as the API server does on create: API defaulting first
 * (a limit without a request makes the request equal the limit, core/v1 SetDefaults_Container via
 * `SetDefaults_ResourceList`), then the LimitRanger admission plugin (missing limits from
 * `default`, missing requests from `defaultRequest`; plugin/pkg/admission/limitranger).
 * Returns the container and the names of the values the LimitRange set.
 */
export function applyContainerDefaults(c: ContainerResources, defaults: ContainerDefaults | null): { container: ContainerResources; set: string[] } {
  const requests: { cpu?: number; memory?: number } = { ...c.requests };
  const limits: { cpu?: number; memory?: number } = { ...c.limits };
  const set: string[] = [];
  for (const k of KEYS) if (requests[k] === undefined && limits[k] !== undefined) requests[k] = limits[k];
  for (const k of KEYS) {
    const limit = defaults?.limits[k];
    if (limits[k] === undefined && limit !== undefined) {
      limits[k] = limit;
      set.push(`${k} limit`);
    }
    const request = defaults?.requests[k];
    if (requests[k] === undefined && request !== undefined) {
      requests[k] = request;
      set.push(`${k} request`);
    }
  }
  return { container: { ...c, requests, limits }, set };
}

/**
 * LimitRange item defaulting (core/v1 SetDefaults_LimitRangeItem): a missing `default` takes
 * `max`, a missing `defaultRequest` takes `default`, then `min`.
 */
export function limitRangeContainerDefaults(item: { default?: ResourceValues; defaultRequest?: ResourceValues; max?: ResourceValues; min?: ResourceValues }): ContainerDefaults {
  const limits: { cpu?: number; memory?: number } = {};
  const requests: { cpu?: number; memory?: number } = {};
  for (const k of KEYS) {
    limits[k] = item.default?.[k] ?? item.max?.[k];
    requests[k] = item.defaultRequest?.[k] ?? limits[k] ?? item.min?.[k];
  }
  return { limits: prune(limits), requests: prune(requests) };
}

/**
 * The pod's effective requests as the scheduler counts them (k8s.io/component-helpers resource
 * PodRequests; docs/models/scheduler.md#requests-as-the-scheduler-counts-them): the sum over app containers and sidecars, or, if larger,
 * the largest init container plus the sidecars started before it. Limits follow the same rule
 * (PodLimits), but only when every app container and sidecar has that limit: otherwise the
 * kubelet sets no pod-level quota (pkg/kubelet/cm ResourceConfigForPod; docs/models/cpu.md#from-requests-and-limits-to-cgroup-settings).
 * The kubelet also drops the pod quota when a plain init container has no limit; it is kept here
 * because it caps nothing then: the running containers each have their own quota, and their sum is
 * at most this value.
 */
export function podResources(containers: readonly ContainerResources[], initContainers: readonly ContainerResources[] = []): PodResources {
  const total = (pick: (c: ContainerResources) => number): number => {
    let sum = 0;
    for (const c of containers) sum += pick(c);
    let sidecars = 0;
    let init = 0;
    for (const c of initContainers) {
      if (c.sidecar) {
        sum += pick(c);
        sidecars += pick(c);
        init = Math.max(init, sidecars);
      } else {
        init = Math.max(init, pick(c) + sidecars);
      }
    }
    return Math.max(sum, init);
  };
  const running = [...containers, ...initContainers.filter((c) => c.sidecar)];
  const limited = (k: 'cpu' | 'memory'): number | null => (running.every((c) => c.limits[k] !== undefined) ? total((c) => c.limits[k] ?? 0) : null);
  return {
    requests: { cpuMilli: total((c) => c.requests.cpu ?? 0), memoryBytes: total((c) => c.requests.memory ?? 0) },
    limits: { cpuMilli: limited('cpu'), memoryBytes: limited('memory') },
  };
}

function prune(values: { cpu?: number; memory?: number }): ResourceValues {
  const out: { cpu?: number; memory?: number } = {};
  if (values.cpu !== undefined) out.cpu = values.cpu;
  if (values.memory !== undefined) out.memory = values.memory;
  return out;
}
