/**
 * Bundled instance-type price table (docs/models/allocatable-and-prices.md#prices): on-demand Linux list prices,
 * USD per hour; spot prices where the source lists them, else on-demand × the provider's default
 * spot factor from `costDefaults`.
 */
import { costDefaults } from './defaults.js';
import type { InstanceTypeInfo, InstanceTypeOverride, Provider } from './types.js';

const GCE_SOURCE =
  'kubernetes/autoscaler cluster-autoscaler/cloudprovider/gce/gce_price_info.go (tag cluster-autoscaler-1.34.0; us-central1 list price)';
const AWS_SOURCE =
  'aws/karpenter-provider-aws pkg/providers/pricing/zz_generated.pricing_aws.go (us-east-1); maxPods from awslabs/amazon-eks-ami eni-max-pods.txt';
const AZURE_SOURCE = 'Azure/karpenter-provider-azure pkg/providers/pricing/zz_generated.pricing.go (eastus)';

interface Row {
  name: string;
  provider: Provider;
  vcpu: number;
  memoryGiB: number;
  onDemandUsdPerHour: number;
  /** Listed spot price, if the source has one. */
  spotUsdPerHour?: number;
  eksMaxPods?: number;
  /** Source and date when they differ from the provider's. */
  source?: string;
  date?: string;
}

const GCE_DATE = '2025-09-26';
const AWS_DATE = '2026-07-20';
const AZURE_DATE = '2026-06-18';
// The Graviton rows come from the copy of the same generated file dated 2026-01-19 (us-east-1).
const AWS_GRAVITON = { source: AWS_SOURCE, date: '2026-01-19' };

const rows: readonly Row[] = [
  // GCE spot prices: `preemptiblePrices` of the same file (docs/models/allocatable-and-prices.md#prices).
  { name: 'e2-standard-2', provider: 'gke', vcpu: 2, memoryGiB: 8, onDemandUsdPerHour: 0.06701, spotUsdPerHour: 0.0201 },
  { name: 'e2-standard-4', provider: 'gke', vcpu: 4, memoryGiB: 16, onDemandUsdPerHour: 0.13402, spotUsdPerHour: 0.04021 },
  { name: 'e2-standard-8', provider: 'gke', vcpu: 8, memoryGiB: 32, onDemandUsdPerHour: 0.26805, spotUsdPerHour: 0.08041 },
  { name: 'n2-standard-2', provider: 'gke', vcpu: 2, memoryGiB: 8, onDemandUsdPerHour: 0.0971 },
  { name: 'n2-standard-4', provider: 'gke', vcpu: 4, memoryGiB: 16, onDemandUsdPerHour: 0.1942, spotUsdPerHour: 0.047 },
  { name: 'n2-standard-8', provider: 'gke', vcpu: 8, memoryGiB: 32, onDemandUsdPerHour: 0.3885, spotUsdPerHour: 0.094 },
  // maxPods = ENIs × (IPv4 per ENI − 1) + 2 (docs/models/allocatable-and-prices.md#allocatable); c5.2xlarge 4×(15−1)+2 = 58, m6i.large 3×(10−1)+2 = 29.
  { name: 'm5.large', provider: 'eks', vcpu: 2, memoryGiB: 8, onDemandUsdPerHour: 0.096, eksMaxPods: 29 },
  { name: 'm5.xlarge', provider: 'eks', vcpu: 4, memoryGiB: 16, onDemandUsdPerHour: 0.192, eksMaxPods: 58 },
  { name: 'm5.2xlarge', provider: 'eks', vcpu: 8, memoryGiB: 32, onDemandUsdPerHour: 0.384, eksMaxPods: 58 },
  { name: 'c5.xlarge', provider: 'eks', vcpu: 4, memoryGiB: 8, onDemandUsdPerHour: 0.17, eksMaxPods: 58 },
  { name: 'c5.2xlarge', provider: 'eks', vcpu: 8, memoryGiB: 16, onDemandUsdPerHour: 0.34, eksMaxPods: 58 },
  { name: 'm6i.large', provider: 'eks', vcpu: 2, memoryGiB: 8, onDemandUsdPerHour: 0.096, eksMaxPods: 29 },
  // arm64 (AWS Graviton3); ENI max pods as the same-size m5/c5 types.
  { name: 'm7g.large', provider: 'eks', vcpu: 2, memoryGiB: 8, onDemandUsdPerHour: 0.0816, eksMaxPods: 29, ...AWS_GRAVITON },
  { name: 'm7g.xlarge', provider: 'eks', vcpu: 4, memoryGiB: 16, onDemandUsdPerHour: 0.1632, eksMaxPods: 58, ...AWS_GRAVITON },
  { name: 'm7g.2xlarge', provider: 'eks', vcpu: 8, memoryGiB: 32, onDemandUsdPerHour: 0.3264, eksMaxPods: 58, ...AWS_GRAVITON },
  { name: 'c7g.xlarge', provider: 'eks', vcpu: 4, memoryGiB: 8, onDemandUsdPerHour: 0.145, eksMaxPods: 58, ...AWS_GRAVITON },
  { name: 'Standard_D2s_v5', provider: 'aks', vcpu: 2, memoryGiB: 8, onDemandUsdPerHour: 0.096 },
  { name: 'Standard_D4s_v5', provider: 'aks', vcpu: 4, memoryGiB: 16, onDemandUsdPerHour: 0.192 },
  { name: 'Standard_D8s_v5', provider: 'aks', vcpu: 8, memoryGiB: 32, onDemandUsdPerHour: 0.384 },
];

function toInfo(row: Row): InstanceTypeInfo {
  const meta =
    row.provider === 'gke'
      ? { region: 'us-central1', source: GCE_SOURCE, date: GCE_DATE }
      : row.provider === 'eks'
        ? { region: 'us-east-1', source: AWS_SOURCE, date: AWS_DATE }
        : { region: 'eastus', source: AZURE_SOURCE, date: AZURE_DATE };
  const listed = row.spotUsdPerHour !== undefined;
  const info: InstanceTypeInfo = {
    name: row.name,
    provider: row.provider,
    vcpu: row.vcpu,
    memoryGiB: row.memoryGiB,
    onDemandUsdPerHour: row.onDemandUsdPerHour,
    spotUsdPerHour: listed
      ? (row.spotUsdPerHour as number)
      : row.onDemandUsdPerHour * costDefaults.spotPriceFactorByProvider[row.provider],
    spotPriceSource: listed ? 'listed' : 'default-factor',
    ...meta,
    ...(row.source !== undefined ? { source: row.source } : {}),
    ...(row.date !== undefined ? { date: row.date } : {}),
  };
  return row.eksMaxPods === undefined ? info : { ...info, eksMaxPods: row.eksMaxPods };
}

/** The bundled table, keyed by instance-type name. */
export const priceTable: ReadonlyMap<string, InstanceTypeInfo> = new Map(rows.map((r) => [r.name, toInfo(r)]));

const REQUIRED: readonly (keyof InstanceTypeInfo)[] = ['provider', 'vcpu', 'memoryGiB', 'onDemandUsdPerHour'];

/**
 * Looks up an instance type, applying a scenario override on top of the bundled row.
 * An override for an unknown name defines a new type and must give `provider`, `vcpu`,
 * `memoryGiB` and `onDemandUsdPerHour`; a missing spot price is derived with the provider's
 * default factor. Returns `undefined` for an unknown name without override.
 * @throws Error when an override for a new type lacks a required field.
 */
export function lookupInstanceType(
  name: string,
  overrides?: Readonly<Record<string, InstanceTypeOverride>>,
): InstanceTypeInfo | undefined {
  const base = priceTable.get(name);
  const override = overrides?.[name];
  if (override === undefined) return base;
  if (base === undefined) {
    const missing = REQUIRED.filter((k) => override[k] === undefined);
    if (missing.length > 0) {
      throw new Error(`instance type override "${name}" is not in the bundled table and lacks: ${missing.join(', ')}`);
    }
  }
  const merged = { name, region: 'custom', source: 'scenario override', date: 'n/a', ...base, ...override } as InstanceTypeInfo;
  const spotGiven = override.spotUsdPerHour !== undefined;
  const keepBaseSpot = !spotGiven && base !== undefined && base.spotPriceSource === 'listed' && override.onDemandUsdPerHour === undefined;
  if (spotGiven || keepBaseSpot) {
    return { ...merged, spotPriceSource: spotGiven ? 'listed' : merged.spotPriceSource };
  }
  return {
    ...merged,
    spotUsdPerHour: merged.onDemandUsdPerHour * costDefaults.spotPriceFactorByProvider[merged.provider],
    spotPriceSource: 'default-factor',
  };
}

/**
 * Hourly price of one node of `info` for the given purchase option, USD/h: the zone's price where
 * `info.zonePrices` lists one for `zone`, else the region's.
 */
export function hourlyPriceUsd(info: InstanceTypeInfo, capacityType: 'on-demand' | 'spot', zone?: string): number {
  const z = zone === undefined ? undefined : info.zonePrices?.[zone];
  if (capacityType === 'spot') return z?.spotUsdPerHour ?? info.spotUsdPerHour;
  return z?.onDemandUsdPerHour ?? info.onDemandUsdPerHour;
}
