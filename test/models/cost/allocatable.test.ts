import { describe, expect, test } from 'vitest';
import { allocatableForInstanceType, computeAllocatable } from '../../../src/models/cost/allocatable.js';
import { lookupInstanceType } from '../../../src/models/cost/price-table.js';

const MiB = 2 ** 20;
const GiB = 2 ** 30;

function info(name: string) {
  const i = lookupInstanceType(name);
  if (i === undefined) throw new Error(name);
  return i;
}

describe('CPU allocatable (docs/models/allocatable-and-prices.md#allocatable: tiers and worked values)', () => {
  // Reserved: 60 m (core 1) + 10 m (core 2) + 5 m each for cores 3-4 + 2.5 m each above 4.
  test.each([
    { name: 'e2-standard-2 (GKE, 2 vCPU): 2000 − 70', type: 'e2-standard-2', expected: 1930 },
    { name: 'e2-standard-4 (GKE, 4 vCPU): 4000 − 80', type: 'e2-standard-4', expected: 3920 },
    { name: 'n2-standard-8 (GKE, 8 vCPU): 8000 − 90', type: 'n2-standard-8', expected: 7910 },
    { name: 'm5.large (EKS, same tiers): 2000 − 70', type: 'm5.large', expected: 1930 },
    { name: 'c5.xlarge (EKS): 4000 − 80', type: 'c5.xlarge', expected: 3920 },
    { name: 'm5.2xlarge (EKS): 8000 − 90', type: 'm5.2xlarge', expected: 7910 },
    { name: 'Standard_D4s_v5 (AKS table, 4 cores → 140 m): 4000 − 140', type: 'Standard_D4s_v5', expected: 3860 },
  ])('$name', ({ type, expected }) => {
    expect(allocatableForInstanceType(info(type)).allocatable.cpuMilli).toBe(expected);
  });

  // Doc 4.2 real nodes (2i2c-org/infrastructure#2121): 16 → 15890 m, 64 → 63770 m (60+10+10+60×2.5 = 230).
  test.each([
    { vcpu: 16, expected: 15890 },
    { vcpu: 64, expected: 63770 },
  ])('GKE $vcpu vCPU gives $expected m', ({ vcpu, expected }) => {
    expect(computeAllocatable({ provider: 'gke', vcpu, memoryBytes: 64 * GiB }).allocatable.cpuMilli).toBe(expected);
  });
});

describe('GKE memory allocatable (docs/models/allocatable-and-prices.md#allocatable)', () => {
  // Nominal column: reserve on nominal memory, no kernel estimate.
  //   8 GiB: 25 %·4 + 20 %·4 = 1.8 GiB; + 100 MiB eviction → 8 − 1.8 − 0.0977 = 6.102 GiB (doc ≈6.1)
  //  16 GiB: 1 + 0.8 + 10 %·8 = 2.6 GiB → 16 − 2.6 − 0.0977 = 13.302 GiB (doc ≈13.3)
  //  32 GiB: 2.6 + 6 %·16 = 3.56 GiB → 32 − 3.56 − 0.0977 = 28.342 GiB (doc ≈28.3)
  test.each([
    { type: 'e2-standard-2', nominal: 6.102, real: 5.9 },
    { type: 'e2-standard-4', nominal: 13.302, real: 13.0 },
    { type: 'e2-standard-8', nominal: 28.342, real: 27.7 },
  ])('$type: nominal $nominal GiB, after kernel estimate ≈$real GiB', ({ type, nominal, real }) => {
    const n = allocatableForInstanceType(info(type), { gkeKernelOverhead: false });
    expect(n.allocatable.memoryBytes / GiB).toBeCloseTo(nominal, 2);
    const r = allocatableForInstanceType(info(type));
    // The doc rounds the "real" column to 0.1 GiB.
    expect(Math.abs(r.allocatable.memoryBytes / GiB - real)).toBeLessThan(0.05);
  });

  test('real n2-highmem-4 node (32 GiB): allocatable 29,085,928 Ki within 0.1 %', () => {
    const n = computeAllocatable({ provider: 'gke', vcpu: 4, memoryBytes: 32 * GiB });
    expect(n.allocatable.cpuMilli).toBe(3920);
    const ki = n.allocatable.memoryBytes / 1024;
    expect(Math.abs(ki - 29_085_928) / 29_085_928).toBeLessThan(0.001);
    // Capacity 32,880,872 Ki reported by the kubelet.
    expect(Math.abs(n.capacity.memoryBytes / 1024 - 32_880_872) / 32_880_872).toBeLessThan(0.001);
  });
});

describe('EKS memory allocatable (docs/models/allocatable-and-prices.md#allocatable): nominal − (11 MiB × maxPods + 255 MiB) − 100 MiB', () => {
  test.each([
    { type: 'm5.large', pods: 29, expectedMiB: 8192 - (11 * 29 + 255) - 100 }, // 7518 MiB ≈ 7.3 GiB
    { type: 'm5.xlarge', pods: 58, expectedMiB: 16384 - 893 - 100 }, // 15391 MiB ≈ 15.0 GiB
    { type: 'm5.2xlarge', pods: 58, expectedMiB: 32768 - 893 - 100 }, // ≈ 31.0 GiB
    { type: 'c5.xlarge', pods: 58, expectedMiB: 8192 - 893 - 100 }, // ≈ 7.0 GiB
  ])('$type ($pods pods) → $expectedMiB MiB', ({ type, pods, expectedMiB }) => {
    const n = allocatableForInstanceType(info(type));
    expect(n.allocatable.pods).toBe(pods);
    expect(n.allocatable.memoryBytes).toBe(expectedMiB * MiB);
  });

  test('m5.large with Karpenter 7.5 % VM overhead: 8192 × 0.925 − 674 = 6903.6 MiB (doc rounds to ≈6.8 GiB)', () => {
    const n = allocatableForInstanceType(info('m5.large'), { karpenterVmOverhead: true });
    expect(n.allocatable.memoryBytes / MiB).toBeCloseTo(6903.6, 0);
  });
});

describe('AKS ≥1.29 memory (docs/models/allocatable-and-prices.md#allocatable): min(20 MB × pods + 50 MB, 25 %) + 100 MiB eviction', () => {
  // The doc's D4s_v5 row computes on 16 GB decimal: 16e9 − 650e6 − 104,857,600 = 15.245e9 ≈ 15.2 GB;
  // 110 pods: 16e9 − 2.25e9 − 0.105e9 = 13.645e9 ≈ 13.6 GB; 250 pods: 25 % cap 4e9 → 11.895e9 ≈ 11.9 GB.
  test.each([
    { pods: 30, expectedGB: 15.245142 },
    { pods: 110, expectedGB: 13.645142 },
    { pods: 250, expectedGB: 11.895142 },
  ])('maxPods $pods → $expectedGB GB', ({ pods, expectedGB }) => {
    const n = computeAllocatable({ provider: 'aks', vcpu: 4, memoryBytes: 16e9, maxPods: pods });
    expect(n.allocatable.memoryBytes / 1e9).toBeCloseTo(expectedGB, 5);
    expect(n.allocatable.cpuMilli).toBe(3860);
  });

  test('default AKS max pods is 30 (Azure CNI)', () => {
    expect(allocatableForInstanceType(info('Standard_D4s_v5')).allocatable.pods).toBe(30);
  });
});

test('generic provider only subtracts the 100 MiB eviction threshold', () => {
  const n = computeAllocatable({ provider: 'generic', vcpu: 4, memoryBytes: 16 * GiB });
  expect(n.allocatable).toEqual({ cpuMilli: 4000, memoryBytes: 16 * GiB - 100 * MiB, pods: 110 });
});
