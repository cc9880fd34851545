/**
 * Written node case → resolved node case: shares/quota from requests/limits (kubelet formulas),
 * pod cgroups, cpusets, seeds, cores. Problems are returned as values, all at once.
 */
import { cfsPeriodMicros, maxShares, minShares, nodeCaseDefaultSeed } from './defaults.js';
import { milliToQuotaUs, milliToShares } from './kubelet-mapping.js';
import type { NodeCase, NodeCaseContainer, NodeCaseInput, NodeCasePod } from './node-case.js';

/** One resolution problem: field path, value and what is allowed. */
export interface NodeCaseIssue {
  readonly path: string;
  readonly value: unknown;
  readonly message: string;
}

/** Either the resolved case or every problem found. */
export type ResolveNodeCaseResult = { readonly ok: true; readonly value: NodeCase } | { readonly ok: false; readonly issues: readonly NodeCaseIssue[] };

/** Parses a cpuset list such as "0-1,3" into CPU ids; undefined when malformed. */
export function parseCpuList(s: string): number[] | undefined {
  const ids = new Set<number>();
  for (const part of s.split(',')) {
    const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
    if (!m) return undefined;
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (b < a) return undefined;
    for (let c = a; c <= b; c++) ids.add(c);
  }
  return [...ids].sort((x, y) => x - y);
}

/**
 * Resolves a written case. `cores` comes from the case, else the size of its `cpus`, else
 * `opts.cores` (the tool's --cores option), which must then be given.
 */
export function resolveNodeCase(input: NodeCaseInput, opts: { readonly cores?: number } = {}): ResolveNodeCaseResult {
  const issues: NodeCaseIssue[] = [];
  const periodMicros = input.period_us ?? cfsPeriodMicros;
  const seed = input.seed ?? nodeCaseDefaultSeed;
  const caseCpus = input.cpus === undefined ? undefined : parseCpuList(input.cpus);
  if (input.cpus !== undefined && caseCpus === undefined) issues.push({ path: 'cpus', value: input.cpus, message: 'a CPU list such as "0-1" or "0,2"' });
  const cores = input.cores ?? caseCpus?.length ?? opts.cores;
  if (cores === undefined || !(cores > 0)) {
    issues.push({ path: 'cores', value: cores, message: 'the node CPU count: set "cores" or "cpus" in the case, or pass --cores N' });
  }
  const podNames: string[] = [];
  for (const c of input.containers) if (c.pod !== undefined && !podNames.includes(c.pod)) podNames.push(c.pod);
  const containers: NodeCaseContainer[] = input.containers.map((c, i) => {
    const shares = c.shares ?? milliToShares(c.requests_millicores ?? 0);
    const quotaMicros = c.quota_us ?? (c.limit_millicores !== undefined ? milliToQuotaUs(c.limit_millicores, periodMicros) : -1);
    const cpus = c.cpus === undefined ? caseCpus : parseCpuList(c.cpus);
    if (c.cpus !== undefined && cpus === undefined) issues.push({ path: `containers.${i}.cpus`, value: c.cpus, message: 'a CPU list such as "0-1" or "0,2"' });
    const burst = c.burst_us ?? 0;
    if (burst > 0 && quotaMicros > 0 && burst > quotaMicros) {
      issues.push({ path: `containers.${i}.burst_us`, value: burst, message: `at most the quota (${quotaMicros} µs): the kernel enforces burst ≤ quota` });
    }
    const loadSeed = 'seed' in c.load && c.load.seed !== undefined ? c.load.seed : seed + i;
    return { name: c.name, shares, quotaMicros, burstMicros: burst, cpus, podIndex: c.pod === undefined ? -1 : podNames.indexOf(c.pod), load: c.load, seed: loadSeed };
  });
  const names = new Set<string>();
  input.containers.forEach((c, i) => {
    if (names.has(c.name)) issues.push({ path: `containers.${i}.name`, value: c.name, message: 'a name not used by another container' });
    names.add(c.name);
  });
  const pods: NodeCasePod[] = podNames.map((name) => {
    const members = input.containers.filter((c) => c.pod === name);
    const resolved = containers.filter((c) => c.podIndex === podNames.indexOf(name));
    const byRequests = members.every((c) => c.shares === undefined);
    const shares = byRequests
      ? milliToShares(members.reduce((s, c) => s + (c.requests_millicores ?? 0), 0))
      : Math.min(maxShares, Math.max(minShares, resolved.reduce((s, c) => s + c.shares, 0)));
    const allLimited = resolved.every((c) => c.quotaMicros > 0);
    const quotaMicros = allLimited ? resolved.reduce((s, c) => s + c.quotaMicros, 0) : -1;
    return { name, shares, quotaMicros };
  });
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    value: { name: input.name, durationSeconds: input.duration_s, cores: cores!, cpus: caseCpus, periodMicros, seed, pods, containers },
  };
}
