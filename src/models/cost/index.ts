export * from './types.js';
export { costDefaults, allocatableDefaults } from './defaults.js';
export { priceTable, lookupInstanceType, hourlyPriceUsd } from './price-table.js';
export {
  computeAllocatable,
  allocatableForInstanceType,
  tieredCpuReservedMilli,
  aksCpuReservedMilli,
  tieredMemoryReservedBytes,
  gkeKernelReservedBytes,
} from './allocatable.js';
export type { AllocatableInput, NodeAllocatable } from './allocatable.js';
export { nodeCostUsd, projectMonthlyCostUsd, splitNodePrice, attributeCost } from './cost-attribution.js';
export type { CostPodRequests, CostNodeSegment, CostAttribution } from './cost-attribution.js';
