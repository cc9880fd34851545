import { clusterAutoscalerOptionsFrom } from './cluster-autoscaler-flags.js';
import type { z } from 'zod';
import type { clusterSchema, delaySchema } from './schema/cluster.js';
import type { ClusterConfig, NodeAutoscalerConfig, NodePoolConfig, Provider, Taint } from './types.js';
import type { InstanceTypeInfo, InstanceTypeOverride } from '../models/cost/types.js';
import { defaultZone, nodeTopologyDefaults } from './pool-template.js';
import { lookupInstanceType, priceTable } from '../models/cost/price-table.js';
import { provisioningDelayByProvider } from '../models/node-autoscaler/defaults.js';
import { karpenterDefaults } from '../models/node-autoscaler/karpenter/defaults.js';
import type { ProvisioningDelayDistribution } from '../models/node-autoscaler/types.js';
import { didYouMean } from './did-you-mean.js';
import { DEFAULT_HPA_CONTROLLER_CONFIG } from '../models/hpa/defaults.js';
import { schedulerDefaults } from '../models/scheduler/defaults.js';
import { bytes, cpuMilli, ms } from './resolve-quantities.js';
import type { Path, ResolveContext } from './resolve-context.js';

type ClusterInput = z.output<typeof clusterSchema>;
type DelayInput = z.output<typeof delaySchema>;

const GiB = 2 ** 30;

export function resolveCluster(c: ClusterInput, path: Path, ctx: ResolveContext): ClusterConfig {
  const overrides: Record<string, InstanceTypeOverride> = {};
  for (const t of c.instanceTypes ?? []) {
    overrides[t.name] = {
      name: t.name,
      ...(t.provider ? { provider: t.provider } : {}),
      vcpu: t.vcpu,
      memoryGiB: bytes(t.memory) / GiB,
      onDemandUsdPerHour: t.onDemandHourly,
      ...(t.spotHourly !== undefined ? { spotUsdPerHour: t.spotHourly } : {}),
      ...(t.maxPods !== undefined ? { eksMaxPods: t.maxPods } : {}),
      ...(t.arch !== undefined ? { arch: t.arch } : {}),
      ...(t.zonePrices !== undefined
        ? {
            zonePrices: Object.fromEntries(
              Object.entries(t.zonePrices).map(([zone, p]) => [zone, { ...(p.onDemandHourly !== undefined ? { onDemandUsdPerHour: p.onDemandHourly } : {}), ...(p.spotHourly !== undefined ? { spotUsdPerHour: p.spotHourly } : {}) }]),
            ),
          }
        : {}),
    };
    if (!priceTable.has(t.name) && !t.provider) overrides[t.name] = { ...overrides[t.name], provider: c.provider ?? 'generic' };
  }
  const autoscalerType = c.nodeAutoscaler?.type ?? 'cluster-autoscaler';
  const known = [...new Set([...priceTable.keys(), ...Object.keys(overrides)])];
  const typeOf = (name: string, at: Path): boolean => {
    if (lookupInstanceType(name, overrides)) return true;
    const suggestion = didYouMean(name, known);
    ctx.error(at, `unknown machine type "${name}"`, {
      allowed: 'a type of the bundled price table or one listed in spec.cluster.instanceTypes',
      hint: suggestion ? `did you mean "${suggestion}"?` : undefined,
    });
    return false;
  };
  const firstType = c.nodePools[0]?.machineType ?? c.nodePools[0]?.instanceTypes?.[0];
  const provider: Provider = c.provider ?? (firstType ? lookupInstanceType(firstType, overrides)?.provider : undefined) ?? 'generic';
  const pools = c.nodePools.map((p, i): NodePoolConfig => {
    const at = [...path, 'nodePools', i];
    let types: string[] = [];
    if (p.machineType && p.instanceTypes) ctx.error([...at, 'instanceTypes'], 'give machineType (one type) or instanceTypes (Karpenter), not both');
    if (p.machineType) types = [p.machineType];
    else if (p.instanceTypes) types = p.instanceTypes;
    else ctx.error([...at, 'machineType'], 'required field is missing', { allowed: 'a machine type such as e2-standard-4' });
    types.forEach((t, k) => typeOf(t, p.machineType ? [...at, 'machineType'] : [...at, 'instanceTypes', k]));
    if (autoscalerType === 'cluster-autoscaler' && types.length > 1) {
      ctx.error([...at, 'instanceTypes'], 'a Cluster Autoscaler node group has one machine type; use machineType or nodeAutoscaler.type: karpenter');
    }
    const minNodes = p.minNodes ?? (autoscalerType === 'karpenter' ? 0 : 1);
    const maxNodes = p.maxNodes ?? (autoscalerType === 'none' ? Math.max(minNodes, p.initialNodes ?? minNodes) : NaN);
    if (Number.isNaN(maxNodes)) ctx.error([...at, 'maxNodes'], 'required when a node autoscaler manages the pool', { allowed: 'a whole number >= minNodes' });
    else if (maxNodes < minNodes) ctx.error([...at, 'maxNodes'], `maxNodes (${maxNodes}) is less than minNodes (${minNodes})`);
    if (p.initialNodes !== undefined && (p.initialNodes < minNodes || p.initialNodes > maxNodes)) {
      ctx.error([...at, 'initialNodes'], `must be within [minNodes, maxNodes] = [${minNodes}, ${maxNodes}]`);
    }
    const region = p.region ?? defaultRegion(types[0] !== undefined ? lookupInstanceType(types[0], overrides) : undefined, provider);
    const delayDefault = delayRange(autoscalerType === 'karpenter' ? karpenterDefaults.provisioningDelay : provisioningDelayByProvider[provider]);
    return {
      name: p.name,
      instanceTypes: types,
      capacityType: p.capacityType ?? 'on-demand',
      minNodes,
      maxNodes: Number.isNaN(maxNodes) ? minNodes : maxNodes,
      initialNodes: p.initialNodes ?? null,
      labels: p.labels ?? {},
      taints: (p.taints ?? []).map((t): Taint => ({ key: t.key, value: t.value ?? '', effect: t.effect })),
      maxPods: p.maxPods ?? null,
      region,
      zones: p.zones ?? [defaultZone(region, provider)],
      provisioningDelayMs: p.provisioningDelay !== undefined ? delay(p.provisioningDelay) : delayDefault,
      consolidationPolicy: p.disruption?.consolidationPolicy ?? karpenterDefaults.consolidationPolicy,
      consolidateAfterMs: optionalDuration(p.disruption?.consolidateAfter, karpenterDefaults.consolidateAfterMs),
      disruptionBudgetNodes: String(p.disruption?.budgets?.[0]?.nodes ?? karpenterDefaults.budgets[0]?.nodes ?? '10%'),
      expireAfterMs: optionalDuration(p.expireAfter, karpenterDefaults.expireAfterMs),
    };
  });
  const names = new Set<string>();
  pools.forEach((p, i) => {
    if (names.has(p.name)) ctx.error([...path, 'nodePools', i, 'name'], `duplicate node pool name "${p.name}"`);
    names.add(p.name);
  });
  const a = c.nodeAutoscaler ?? {};
  // One rule from the written flags to the Cluster Autoscaler's options (cluster-autoscaler-flags.ts);
  // the named settings below are read from those options.
  const ca = clusterAutoscalerOptionsFrom(a);
  const nodeAutoscaler: NodeAutoscalerConfig = {
    type: autoscalerType,
    clusterAutoscaler: ca,
    scanIntervalMs: ca.scanIntervalMs,
    // The defaults list the expander chain; a scenario names one expander.
    expander: (ca.expanders[0] ?? 'least-waste') as NodeAutoscalerConfig['expander'],
    expanderPriorities: a.expanderPriorities ?? {},
    maxNodesTotal: ca.maxNodesTotal,
    scaleDownEnabled: a.scaleDownEnabled ?? true,
    scaleDownUtilizationThreshold: ca.scaleDownUtilizationThreshold,
    scaleDownUnneededTimeMs: ca.scaleDownUnneededTimeMs,
    scaleDownDelayAfterAddMs: ca.scaleDownDelayAfterAddMs,
    scaleDownDelayAfterDeleteMs: ca.scaleDownDelayAfterDeleteMs,
    scaleDownDelayAfterFailureMs: ca.scaleDownDelayAfterFailureMs,
    maxEmptyBulkDelete: ca.maxScaleDownParallelism,
    maxGracefulTerminationMs: ca.maxGracefulTerminationMs,
    balanceSimilarNodeGroups: ca.balanceSimilarNodeGroups,
    batchIdleDurationMs: a.batchIdleDuration !== undefined ? ms(a.batchIdleDuration) : karpenterDefaults.batchIdleMs,
    batchMaxDurationMs: a.batchMaxDuration !== undefined ? ms(a.batchMaxDuration) : karpenterDefaults.batchMaxMs,
  };

  const h = c.hpaController ?? {};
  const hpaController = {
    ...DEFAULT_HPA_CONTROLLER_CONFIG,
    ...(h.syncPeriod !== undefined ? { syncPeriodMs: ms(h.syncPeriod) } : {}),
    ...(h.tolerance !== undefined ? { tolerance: h.tolerance } : {}),
    ...(h.cpuInitializationPeriod !== undefined ? { cpuInitializationPeriodMs: ms(h.cpuInitializationPeriod) } : {}),
    ...(h.initialReadinessDelay !== undefined ? { initialReadinessDelayMs: ms(h.initialReadinessDelay) } : {}),
    ...(h.downscaleStabilization !== undefined ? { downscaleStabilizationWindowMs: ms(h.downscaleStabilization) } : {}),
  };
  if (hpaController.syncPeriodMs < 1000) ctx.error([...path, 'hpaController', 'syncPeriod'], 'must be at least 1s');
  return {
    provider,
    nodeAutoscaler,
    hpaController,
    scheduler: {
      scoringStrategy: c.scheduler?.scoringStrategy ?? schedulerDefaults.scoringStrategy,
      percentageOfNodesToScore: c.scheduler?.percentageOfNodesToScore ?? schedulerDefaults.percentageOfNodesToScore,
    },
    nodePools: pools,
    daemonSets: (c.daemonSets ?? []).map((d) => ({
      name: d.name,
      namespace: d.namespace ?? 'kube-system',
      requests: {
        cpuMilli: d.resources?.requests?.cpu !== undefined ? cpuMilli(d.resources.requests.cpu) : 0,
        memoryBytes: d.resources?.requests?.memory !== undefined ? bytes(d.resources.requests.memory) : 0,
      },
      limits: {
        cpuMilli: d.resources?.limits?.cpu !== undefined ? cpuMilli(d.resources.limits.cpu) : null,
        memoryBytes: d.resources?.limits?.memory !== undefined ? bytes(d.resources.limits.memory) : null,
      },
    })),
    instanceTypeOverrides: overrides,
    cpuWeightConversion: c.cpuWeightConversion ?? 'cgroup-v1-shares',
  };
}

/** The price table's region of the pool's type; a scenario-defined type takes the provider's usual first region. */
function defaultRegion(info: InstanceTypeInfo | undefined, provider: Provider): string {
  if (info !== undefined && info.region !== 'custom') return info.region;
  return nodeTopologyDefaults.regionByProvider[provider];
}

function delayRange(d: ProvisioningDelayDistribution): { min: number; max: number } {
  return { min: d.minMs, max: d.maxMs };
}

function delay(d: DelayInput): { min: number; max: number } {
  if (typeof d === 'object') return { min: ms(d.min), max: Math.max(ms(d.min), ms(d.max)) };
  const v = ms(d);
  return { min: v, max: v };
}

function optionalDuration(value: string | number | undefined, fallback: number | null): number | null {
  if (value === undefined) return fallback;
  return value === 'Never' ? null : ms(value);
}
