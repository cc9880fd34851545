/** Cloud provider family of a node; `generic` means "no managed-service reservation formula". */
export type Provider = 'gke' | 'eks' | 'aks' | 'generic';

/** Purchase option of a node (Karpenter `karpenter.sh/capacity-type` values). */
export type CapacityType = 'on-demand' | 'spot';

/** Node CPU architecture as the kubelet labels it (`kubernetes.io/arch`, Go's GOARCH names). */
export type CpuArchitecture = 'amd64' | 'arm64';

/** Where the spot price of a price-table entry comes from. */
export type SpotPriceSource = 'listed' | 'default-factor';

/** One row of the bundled price table (docs/models/allocatable-and-prices.md#prices). */
export interface InstanceTypeInfo {
  readonly name: string;
  readonly provider: Provider;
  readonly vcpu: number;
  /** Nominal memory in GiB (2^30 bytes); GCP "GB" is read as GiB (section 5 note). */
  readonly memoryGiB: number;
  readonly onDemandUsdPerHour: number;
  readonly spotUsdPerHour: number;
  readonly spotPriceSource: SpotPriceSource;
  /** EKS VPC-CNI max pods (eni-max-pods.txt); absent for other providers. */
  readonly eksMaxPods?: number;
  /** CPU architecture (kubernetes.io/arch); absent = from the type name (instance-arch.ts). */
  readonly arch?: CpuArchitecture;
  readonly region: string;
  /**
   * Prices that differ in some zones of the region, by zone name; a zone not listed (or a field
   * not given) has the regional price above.
   */
  readonly zonePrices?: Readonly<Record<string, ZonePrice>>;
  readonly source: string;
  /** Date the source price data was generated/read (ISO yyyy-mm-dd). */
  readonly date: string;
}

/** One zone's hourly prices, USD; an absent field falls back to the region's. */
export interface ZonePrice {
  readonly onDemandUsdPerHour?: number;
  readonly spotUsdPerHour?: number;
}

/** Scenario-provided extension or override of a price-table entry. */
export type InstanceTypeOverride = Partial<InstanceTypeInfo>;

