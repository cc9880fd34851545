/**
 * Limits on the work one input may ask for. kube-whatif runs in merge-request pipelines on files
 * anyone who can open a merge request controls, so every quantity that drives time or memory has a
 * ceiling, checked before the work starts. Each limit is raised with its environment variable
 * (`WHATIF_MAX_PODS=50000 whatif compare ...`); docs/security-and-limits.md lists them.
 */
import { availableParallelism } from 'node:os';

export interface LimitSpec {
  /** Environment variable that raises (or lowers) the limit. */
  readonly env: string;
  /** What is counted, for messages: "pods in total". */
  readonly what: string;
  readonly value: number;
}

function limit(env: string, what: string, value: number): LimitSpec {
  return { env, what, value };
}

/** Every limit with its default; the comment on each says why that value. */
export const LIMITS = {
  /**
   * Bytes of one input file (scenario, manifest, values, recording, node case). A rendered chart of
   * a large application is a few MB and a week of 15 s samples as CSV about 1.5 MB; 16 MiB leaves
   * room while a 50 MB or endless input (a device) is refused before it is read.
   */
  fileBytes: limit('WHATIF_MAX_FILE_BYTES', 'bytes per input file', 16 * 2 ** 20),
  /** YAML documents in one file: `helm template` of a whole platform gives a few thousand. */
  documentsPerFile: limit('WHATIF_MAX_DOCUMENTS', 'YAML documents per file', 10_000),
  /**
   * Alias expansions per YAML document, passed to the yaml library as `maxAliasCount`: its own
   * default of 100, which stops "billion laughs" documents that expand aliases of aliases.
   */
  aliases: limit('WHATIF_MAX_ALIASES', 'YAML alias expansions per document', 100),
  /** Files read from one manifest folder. */
  filesPerFolder: limit('WHATIF_MAX_FOLDER_FILES', 'files in one manifest folder', 10_000),
  /** Workloads in one configuration, imported ones included. */
  workloads: limit('WHATIF_MAX_WORKLOADS', 'workloads', 1_000),
  /**
   * Pods of one workload (replicas, HPA maxReplicas). The simulator keeps every pod as an object
   * and visits it each step; 5,000 is more than any single Deployment in a 5,000-node cluster
   * usually runs.
   */
  replicas: limit('WHATIF_MAX_REPLICAS', 'pods per workload', 5_000),
  /**
   * Pods in total, the sum of every workload's largest replica count and one DaemonSet pod per node
   * at the pools' maxima. Kubernetes' own scalability envelope is 150,000 pods; the default keeps
   * one configuration within about a gigabyte (docs/security-and-limits.md).
   */
  pods: limit('WHATIF_MAX_PODS', 'pods in total', 20_000),
  /** Nodes of one pool (minNodes, maxNodes, initialNodes): a cloud node group of 1,000 nodes is large. */
  nodesPerPool: limit('WHATIF_MAX_POOL_NODES', 'nodes per pool', 1_000),
  /** Nodes in total over every pool: 5,000 is the largest cluster Kubernetes is tested with. */
  nodes: limit('WHATIF_MAX_NODES', 'nodes in total', 5_000),
  /** Simulated time: a month covers weekly and monthly patterns. */
  durationSeconds: limit('WHATIF_MAX_DURATION_SECONDS', 'seconds of simulated time', 31 * 86_400),
  /** Steps of the load and CPU loop (duration / step): a month at the default 15 s step is 178,560. */
  steps: limit('WHATIF_MAX_STEPS', 'simulation steps (duration / step)', 500_000),
  /** Seeds per configuration in one compare. */
  seeds: limit('WHATIF_MAX_SEEDS', 'seeds per configuration', 1_000),
  /**
   * Points of one recorded load, as read and after resampling: a month at 15 s is 178,560 points;
   * a mistyped timestamp that stretches the recording over decades is stopped here.
   */
  recordedPoints: limit('WHATIF_MAX_RECORDED_POINTS', 'recorded-load points', 1_000_000),
  /** Containers in one node case: a node runs at most a few hundred pods (110 by default). */
  nodeCaseContainers: limit('WHATIF_MAX_NODE_CASE_CONTAINERS', 'containers per node case', 500),
  /** Threads or workers of one node-case container. */
  nodeCaseThreads: limit('WHATIF_MAX_NODE_CASE_THREADS', 'threads per node-case container', 10_000),
  /** Requests a node case simulates (rate x duration x fanout, summed), each an event in the fluid model. */
  nodeCaseRequests: limit('WHATIF_MAX_NODE_CASE_REQUESTS', 'requests per node case (rate x duration x fanout)', 10_000_000),
  /** Points of one sweep or values of one search: a typo in a range should not queue a week of work. */
  sweepPoints: limit('WHATIF_MAX_SWEEP_POINTS', 'sweep points', 100_000),
  /**
   * Worker threads `--workers` may ask for. The default is every core and never more; asking for a
   * few more is fine (a small CI runner), thousands of threads, each holding a simulation, is not.
   */
  workers: limit('WHATIF_MAX_WORKERS', 'worker threads', Math.max(16, availableParallelism())),
} as const;

export type LimitName = keyof typeof LIMITS;

/** The limits in force: the defaults, each possibly changed by its environment variable. */
export type Limits = { readonly [K in LimitName]: LimitSpec };

export const DEFAULT_LIMITS: Limits = LIMITS;

/**
 * The limits with the environment's overrides; a variable that is not a whole number >= 1 is an
 * error (a silent fallback to the default would hide the typo).
 */
export function limitsFromEnv(env: Readonly<Record<string, string | undefined>>): { ok: true; limits: Limits } | { ok: false; message: string } {
  const out: Record<string, LimitSpec> = {};
  for (const [name, spec] of Object.entries(LIMITS) as [LimitName, LimitSpec][]) {
    const raw = env[spec.env];
    if (raw === undefined || raw === '') {
      out[name] = spec;
      continue;
    }
    const n = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n < 1) {
      return { ok: false, message: `${spec.env}=${JSON.stringify(raw.slice(0, 40))}: expected a whole number >= 1 (the limit on ${spec.what}, default ${spec.value})` };
    }
    out[name] = { ...spec, value: n };
  }
  return { ok: true, limits: out as Limits };
}

/** "[got ]exceeds the limit of 5000 pods per workload (set WHATIF_MAX_REPLICAS to raise it)". */
export function overLimit(spec: LimitSpec, got?: number): string {
  return `${got !== undefined ? `${got} ` : ''}exceeds the limit of ${spec.value} ${spec.what} (set ${spec.env} to raise it)`;
}
