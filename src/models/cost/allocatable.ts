/**
 * Node allocatable from the managed-service reservation formulas (docs/models/allocatable-and-prices.md#allocatable):
 * allocatable = capacity − kube-reserved − system-reserved − hard-eviction threshold.
 */
import { allocatableDefaults as D } from './defaults.js';
import type { InstanceTypeInfo, Provider } from './types.js';

const MiB = 2 ** 20;
const GiB = 2 ** 30;

/** Inputs for {@link computeAllocatable}. */
export interface AllocatableInput {
  readonly provider: Provider;
  readonly vcpu: number;
  /** Nominal VM memory, bytes. */
  readonly memoryBytes: number;
  /** Max pods; default per provider (GKE/generic 110, AKS 30, EKS from eni-max-pods or 110). */
  readonly maxPods?: number;
  /** GKE: subtract CA's COS kernel-overhead estimate before reserving (real nodes do). @default true */
  readonly gkeKernelOverhead?: boolean;
  /** AKS: kubelet ≥ 1.29 reservation rules. @default true */
  readonly aksAtLeast129?: boolean;
  /** EKS: subtract Karpenter's 7.5 % VM memory overhead from nominal memory. @default false */
  readonly karpenterVmOverhead?: boolean;
  /** Replace the provider's kube-reserved CPU, millicores. */
  readonly kubeReservedCpuMilli?: number;
  /** Replace the provider's kube-reserved memory, bytes. */
  readonly kubeReservedMemoryBytes?: number;
}

/** Capacity, reservations and allocatable of one node. CPU in millicores, memory in bytes. */
export interface NodeAllocatable {
  readonly capacity: { readonly cpuMilli: number; readonly memoryBytes: number; readonly pods: number };
  readonly allocatable: { readonly cpuMilli: number; readonly memoryBytes: number; readonly pods: number };
  readonly kubeReservedCpuMilli: number;
  readonly kubeReservedMemoryBytes: number;
  readonly evictionMemoryBytes: number;
}

/** Share of the span [lo, hi) covered by x (in the span's own unit). */
function within(x: number, lo: number, hi: number): number {
  return Math.max(0, Math.min(x, hi) - lo);
}

/** GKE/EKS CPU reservation: 6 % of core 1, 1 % of core 2, 0.5 % of cores 3-4, 0.25 % above 4 (docs/models/allocatable-and-prices.md#allocatable). */
export function tieredCpuReservedMilli(vcpu: number): number {
  const m = 1000 * (0.06 * within(vcpu, 0, 1) + 0.01 * within(vcpu, 1, 2) + 0.005 * within(vcpu, 2, 4) + 0.0025 * within(vcpu, 4, Infinity));
  // Quantities round up to whole millicores (resource.Quantity MilliValue).
  return Math.ceil(m - 1e-9);
}

/** AKS CPU kube-reserved table (docs/models/allocatable-and-prices.md#allocatable); counts between rows use the row at or below. */
const AKS_CPU_TABLE: readonly (readonly [number, number])[] = [
  [1, 60], [2, 100], [4, 140], [8, 180], [16, 260], [32, 420], [64, 740],
];

export function aksCpuReservedMilli(vcpu: number): number {
  let reserved = AKS_CPU_TABLE[0]![1];
  for (const [cores, milli] of AKS_CPU_TABLE) if (vcpu >= cores) reserved = milli;
  return reserved;
}

/** GKE memory reservation of a node with `memoryBytes` (docs/models/allocatable-and-prices.md#allocatable): 255 MiB below 1 GiB, else 25/20/10/6/2 % tiers. */
export function tieredMemoryReservedBytes(memoryBytes: number): number {
  if (memoryBytes < GiB) return 255 * MiB;
  const g = memoryBytes / GiB;
  const gib = 0.25 * within(g, 0, 4) + 0.2 * within(g, 4, 8) + 0.1 * within(g, 8, 16) + 0.06 * within(g, 16, 128) + 0.02 * within(g, 128, Infinity);
  return gib * GiB;
}

/**
 * CA's estimate of memory the COS kernel keeps before the kubelet reports capacity (docs/models/allocatable-and-prices.md#allocatable,
 * gce_reserved.go): memory/64 + 16 MiB, + 64 MiB above 3 GiB, + 8 MiB up to 8 GiB, + min(0.175 %, 248 MiB).
 */
export function gkeKernelReservedBytes(memoryBytes: number): number {
  let r = memoryBytes / 64 + 16 * MiB;
  if (memoryBytes > 3 * GiB) r += 64 * MiB;
  if (memoryBytes <= 8 * GiB) r += 8 * MiB;
  return r + Math.min(0.00175 * memoryBytes, 248 * MiB);
}

function defaultMaxPods(provider: Provider): number {
  if (provider === 'aks') return D.aksDefaultMaxPods;
  if (provider === 'eks') return D.eksFallbackMaxPods;
  return D.defaultMaxPods;
}

/**
 * Capacity and allocatable of a node from its provider's reservation formulas.
 * `generic` reserves nothing but the kubelet's default 100 MiB eviction threshold.
 */
export function computeAllocatable(input: AllocatableInput): NodeAllocatable {
  const pods = input.maxPods ?? defaultMaxPods(input.provider);
  let capacityMemory = input.memoryBytes;
  let cpuReserved = 0;
  let memReserved = 0;
  let eviction = D.evictionHardMemoryMiB * MiB;
  switch (input.provider) {
    case 'gke':
      // Real GKE reserves on the kubelet capacity, which is below nominal by the kernel overhead;
      // checked against a real n2-highmem-4 node (docs/models/allocatable-and-prices.md#allocatable, 2i2c-org/infrastructure#2121).
      if (input.gkeKernelOverhead ?? true) capacityMemory -= gkeKernelReservedBytes(input.memoryBytes);
      cpuReserved = tieredCpuReservedMilli(input.vcpu);
      memReserved = tieredMemoryReservedBytes(capacityMemory);
      break;
    case 'eks':
      if (input.karpenterVmOverhead ?? false) capacityMemory *= 1 - D.karpenterVmMemoryOverheadFraction;
      cpuReserved = tieredCpuReservedMilli(input.vcpu);
      memReserved = (D.eksKubeReservedMiBPerPod * pods + D.eksKubeReservedBaseMiB) * MiB;
      break;
    case 'aks':
      cpuReserved = aksCpuReservedMilli(input.vcpu);
      if (input.aksAtLeast129 ?? true) {
        memReserved = Math.min(D.aksKubeReservedBytesPerPod * pods + D.aksKubeReservedBaseBytes, D.aksKubeReservedMaxFraction * capacityMemory);
      } else {
        memReserved = tieredMemoryReservedBytes(capacityMemory);
        eviction = D.aksLegacyEvictionHardMemoryMiB * MiB;
      }
      break;
    case 'generic':
      break;
  }
  cpuReserved = input.kubeReservedCpuMilli ?? cpuReserved;
  memReserved = input.kubeReservedMemoryBytes ?? memReserved;
  const capacityCpu = input.vcpu * 1000;
  const capMem = Math.floor(capacityMemory);
  return {
    capacity: { cpuMilli: capacityCpu, memoryBytes: capMem, pods },
    allocatable: {
      cpuMilli: Math.max(0, capacityCpu - cpuReserved),
      memoryBytes: Math.max(0, Math.floor(capacityMemory - memReserved - eviction)),
      pods,
    },
    kubeReservedCpuMilli: cpuReserved,
    kubeReservedMemoryBytes: memReserved,
    evictionMemoryBytes: eviction,
  };
}

/** {@link computeAllocatable} for a price-table entry (uses its EKS max pods when present). */
export function allocatableForInstanceType(
  info: InstanceTypeInfo,
  options: Omit<AllocatableInput, 'provider' | 'vcpu' | 'memoryBytes'> = {},
): NodeAllocatable {
  const maxPods = options.maxPods ?? info.eksMaxPods;
  return computeAllocatable({
    ...options,
    provider: info.provider,
    vcpu: info.vcpu,
    memoryBytes: info.memoryGiB * GiB,
    ...(maxPods === undefined ? {} : { maxPods }),
  });
}
