import type { z } from 'zod';
import type { namespacesSchema, quotaHardSchema, limitRangeItemSchema } from './schema/namespace.js';
import { bytes, cpuMilli } from './resolve-quantities.js';
import type { Path, ResolveContext } from './resolve-context.js';

type NamespacesInput = z.output<typeof namespacesSchema>;
type HardInput = z.output<typeof quotaHardSchema>;
type LimitItemInput = z.output<typeof limitRangeItemSchema>;

/** cpu and memory amounts; null = not given. */
export interface ResourceBounds {
  readonly cpuMilli: number | null;
  readonly memoryBytes: number | null;
}

/** A ResourceQuota's hard limits on compute resources; null = not limited. */
export interface ResourceQuotaConfig {
  readonly name: string;
  readonly hard: {
    readonly requestsCpuMilli: number | null;
    readonly requestsMemoryBytes: number | null;
    readonly limitsCpuMilli: number | null;
    readonly limitsMemoryBytes: number | null;
    readonly pods: number | null;
  };
}

/**
 * A LimitRange, with the API server's defaulting of its items already applied
 * (pkg/apis/core/v1/defaults.go SetDefaults_LimitRangeItem: default <- max, defaultRequest <-
 * default, then defaultRequest <- min, each only where unset).
 */
export interface LimitRangeConfig {
  readonly name: string;
  readonly container: {
    readonly default: ResourceBounds;
    readonly defaultRequest: ResourceBounds;
    readonly max: ResourceBounds;
    readonly min: ResourceBounds;
    readonly maxLimitRequestRatio: LimitRequestRatios;
  } | null;
  readonly pod: { readonly max: ResourceBounds; readonly min: ResourceBounds; readonly maxLimitRequestRatio: LimitRequestRatios } | null;
}

export interface NamespaceConfig {
  readonly name: string;
  readonly resourceQuota: ResourceQuotaConfig | null;
  readonly limitRange: LimitRangeConfig | null;
}

/** maxLimitRequestRatio per resource as a plain number ("2": limit <= 2 x request); null = unbounded. */
export interface LimitRequestRatios {
  readonly cpu: number | null;
  readonly memory: number | null;
}

function ratios(list: { cpu?: string | number | undefined; memory?: string | number | undefined } | undefined): LimitRequestRatios {
  return {
    cpu: list?.cpu !== undefined ? cpuMilli(list.cpu) / 1000 : null,
    memory: list?.memory !== undefined ? cpuMilli(list.memory) / 1000 : null,
  };
}

function bounds(list: { cpu?: string | number | undefined; memory?: string | number | undefined } | undefined): ResourceBounds {
  return {
    cpuMilli: list?.cpu !== undefined ? cpuMilli(list.cpu) : null,
    memoryBytes: list?.memory !== undefined ? bytes(list.memory) : null,
  };
}

const or = (a: number | null, b: number | null): number | null => (a !== null ? a : b);

function resolveHard(h: HardInput, path: Path, ctx: ResolveContext): ResourceQuotaConfig['hard'] {
  if (h.cpu !== undefined && h['requests.cpu'] !== undefined) ctx.error([...path, 'cpu'], 'give cpu or requests.cpu (the same quota), not both');
  if (h.memory !== undefined && h['requests.memory'] !== undefined) ctx.error([...path, 'memory'], 'give memory or requests.memory (the same quota), not both');
  const reqCpu = h['requests.cpu'] ?? h.cpu;
  const reqMem = h['requests.memory'] ?? h.memory;
  return {
    requestsCpuMilli: reqCpu !== undefined ? cpuMilli(reqCpu) : null,
    requestsMemoryBytes: reqMem !== undefined ? bytes(reqMem) : null,
    limitsCpuMilli: h['limits.cpu'] !== undefined ? cpuMilli(h['limits.cpu']) : null,
    limitsMemoryBytes: h['limits.memory'] !== undefined ? bytes(h['limits.memory']) : null,
    pods: h.pods !== undefined ? bytes(h.pods) : null,
  };
}

function containerItem(i: LimitItemInput): NonNullable<LimitRangeConfig['container']> {
  const max = bounds(i.max);
  const min = bounds(i.min);
  const def = { cpuMilli: or(bounds(i.default).cpuMilli, max.cpuMilli), memoryBytes: or(bounds(i.default).memoryBytes, max.memoryBytes) };
  const given = bounds(i.defaultRequest);
  const defaultRequest = {
    cpuMilli: or(or(given.cpuMilli, def.cpuMilli), min.cpuMilli),
    memoryBytes: or(or(given.memoryBytes, def.memoryBytes), min.memoryBytes),
  };
  return { default: def, defaultRequest, max, min, maxLimitRequestRatio: ratios(i.maxLimitRequestRatio) };
}

/** Resolves `spec.namespaces`; problems go to `ctx` by document path. */
export function resolveNamespaces(input: NamespacesInput, path: Path, ctx: ResolveContext): NamespaceConfig[] {
  const seen = new Set<string>();
  return input.map((ns, i): NamespaceConfig => {
    const at = [...path, i];
    if (seen.has(ns.name)) ctx.error([...at, 'name'], `duplicate namespace "${ns.name}"`);
    seen.add(ns.name);
    let limitRange: LimitRangeConfig | null = null;
    if (ns.limitRange) {
      const items = ns.limitRange.limits;
      for (const type of ['Container', 'Pod'] as const) {
        if (items.filter((x) => x.type === type).length > 1) ctx.error([...at, 'limitRange', 'limits'], `more than one ${type} item`);
      }
      items.forEach((x, k) => {
        if (x.type === 'Pod' && (x.default !== undefined || x.defaultRequest !== undefined)) {
          // ValidateLimitRange: "may not be specified when `type` is 'Pod'".
          ctx.error([...at, 'limitRange', 'limits', k], 'default and defaultRequest may not be specified when type is Pod');
        }
      });
      const container = items.find((x) => x.type === 'Container');
      const pod = items.find((x) => x.type === 'Pod');
      limitRange = {
        name: ns.limitRange.name ?? `${ns.name}-limits`,
        container: container ? containerItem(container) : null,
        pod: pod ? { max: bounds(pod.max), min: bounds(pod.min), maxLimitRequestRatio: ratios(pod.maxLimitRequestRatio) } : null,
      };
    }
    return {
      name: ns.name,
      resourceQuota: ns.resourceQuota
        ? { name: ns.resourceQuota.name ?? `${ns.name}-quota`, hard: resolveHard(ns.resourceQuota.hard, [...at, 'resourceQuota', 'hard'], ctx) }
        : null,
      limitRange,
    };
  });
}
