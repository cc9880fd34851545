/**
 * Cost model defaults. Every constant names its unit and source.
 * Reference: docs/models/allocatable-and-prices.md.
 */
import type { Provider } from './types.js';

export const costDefaults = {
  /**
   * Hours per month used to project a monthly bill: 8760 h/year / 12. The convention of GCP's and
   * AWS's pricing calculators and of OpenCost's monthly rate (`hoursPerMonth = 730`).
   */
  hoursPerMonth: 730,
  /**
   * Spot price as a fraction of on-demand when the table lists no spot price.
   * GCP 0.3: docs/models/allocatable-and-prices.md#prices (CA's GCE list is 70-76 % off).
   * AWS/Azure 0.4: inside the doc's suggested 0.35-0.5 range (AWS example c5.2xlarge ≈ 0.5-0.56).
   */
  spotPriceFactorByProvider: {
    gke: 0.3,
    eks: 0.4,
    aks: 0.4,
    generic: 0.4,
  } satisfies Record<Provider, number>,
  /**
   * Split of a node's price into CPU and memory parts for cost attribution: OpenCost's default
   * custom-pricing unit prices (`configs/default.json`: CPU 0.031611 $/vCPU-h, RAM 0.004237 $/GiB-h;
   * equal to the n2 per-unit prices in CA's gce_price_info.go). Only the ratio matters.
   */
  attributionCpuUsdPerVcpuHour: 0.031611,
  attributionRamUsdPerGiBHour: 0.004237,
} as const;

export const allocatableDefaults = {
  /** Hard eviction threshold memory.available, MiB: GKE, EKS (nodeadm evictionHard), AKS ≥1.29 (docs/models/allocatable-and-prices.md#allocatable). */
  evictionHardMemoryMiB: 100,
  /** AKS < 1.29 eviction threshold memory.available, MiB (docs/models/allocatable-and-prices.md#allocatable). */
  aksLegacyEvictionHardMemoryMiB: 750,
  /** kubelet default max pods (docs/models/scheduler.md#requests-as-the-scheduler-counts-them, docs/models/allocatable-and-prices.md#allocatable): GKE Standard and generic nodes. */
  defaultMaxPods: 110,
  /** AKS default max pods, Azure CNI node-subnet mode (docs/models/allocatable-and-prices.md#allocatable). Overlay 250, kubenet 110. */
  aksDefaultMaxPods: 30,
  /** EKS kube-reserved memory per pod, MiB (nodeadm kubelet/config.go, docs/models/allocatable-and-prices.md#allocatable). */
  eksKubeReservedMiBPerPod: 11,
  /** EKS kube-reserved memory base, MiB (docs/models/allocatable-and-prices.md#allocatable). */
  eksKubeReservedBaseMiB: 255,
  /** EKS max pods when an instance type is missing from eni-max-pods.txt: the prefix-delegation cap for ≤30 vCPU (docs/models/allocatable-and-prices.md#allocatable). */
  eksFallbackMaxPods: 110,
  /** AKS ≥1.29 memory kube-reserved: 20 MB per pod + 50 MB, capped at 25 % of memory (docs/models/allocatable-and-prices.md#allocatable). MB = 10^6 bytes. */
  aksKubeReservedBytesPerPod: 20e6,
  aksKubeReservedBaseBytes: 50e6,
  aksKubeReservedMaxFraction: 0.25,
  /**
   * Requests of the DaemonSet pods on every node, for template nodes (docs/models/allocatable-and-prices.md#allocatable):
   * GKE 200 m + 300 MiB, EKS 150 m + 150 MiB. AKS and generic: no measurement in the doc; GKE's and
   * EKS's values assumed. Pod slots: GKE 6 (kube-proxy, fluentbit-gke, gke-metrics-agent, pdcsi-node,
   * netd, ip-masq-agent), EKS 3 (aws-node, kube-proxy, ebs-csi-node), docs/models/allocatable-and-prices.md#allocatable.
   */
  daemonSetOverheadByProvider: {
    gke: { cpuMilli: 200, memoryBytes: 300 * 2 ** 20, pods: 6 },
    eks: { cpuMilli: 150, memoryBytes: 150 * 2 ** 20, pods: 3 },
    aks: { cpuMilli: 200, memoryBytes: 300 * 2 ** 20, pods: 6 },
    generic: { cpuMilli: 150, memoryBytes: 150 * 2 ** 20, pods: 3 },
  },
  /** Karpenter VM_MEMORY_OVERHEAD_PERCENT when real memory is unknown (docs/models/allocatable-and-prices.md#allocatable). */
  karpenterVmMemoryOverheadFraction: 0.075,
} as const;
