import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { attributeCost, nodeCostUsd, projectMonthlyCostUsd, splitNodePrice } from '../../../src/models/cost/cost-attribution.js';

const GiB = 2 ** 30;
const HOUR = 3_600_000;

test('node cost is node-hours × price: m5.xlarge for 90 min = 1.5 × 0.192', () => {
  expect(nodeCostUsd(0.192, 0, 90 * 60_000)).toBeCloseTo(0.288, 12);
});

test('monthly projection uses 730 h: 0.192 $/h → 140.16 $/month', () => {
  expect(projectMonthlyCostUsd(0.192)).toBeCloseTo(140.16, 9);
});

test('price split for 2 vCPU / 8 GiB: CPU weight 2×0.031611 = 0.063222, RAM 8×0.004237 = 0.033896', () => {
  const s = splitNodePrice(0.096, 2000, 8 * GiB);
  // cpu fraction = 0.063222 / 0.097118 = 0.650981
  expect(s.cpuUsdPerHour).toBeCloseTo(0.096 * 0.650981, 6);
  expect(s.cpuUsdPerHour + s.memoryUsdPerHour).toBeCloseTo(0.096, 12);
});

describe('attributeCost', () => {
  test('one workload with half the CPU and a quarter of the memory for one hour', () => {
    const r = attributeCost([
      {
        nodeName: 'n1', hourlyPriceUsd: 0.096, capacityCpuMilli: 2000, capacityMemoryBytes: 8 * GiB, startMs: 0, endMs: HOUR,
        pods: [{ workload: 'api', cpuMilli: 1000, memoryBytes: 2 * GiB }],
      },
    ]);
    // 0.5 × 0.0624942 + 0.25 × 0.0335058 = 0.0312471 + 0.0083765 = 0.0396236
    expect(r.byWorkloadUsd['api']).toBeCloseTo(0.0396236, 6);
    expect(r.totalUsd).toBeCloseTo(0.096, 12);
    expect(r.idleUsd).toBeCloseTo(0.096 - 0.0396236, 6);
    expect(r.nodeHours).toBe(1);
  });

  test('a full node charges everything and leaves no idle cost', () => {
    const r = attributeCost([
      {
        nodeName: 'n1', hourlyPriceUsd: 0.2, capacityCpuMilli: 4000, capacityMemoryBytes: 16 * GiB, startMs: 0, endMs: 2 * HOUR,
        pods: [
          { workload: 'a', cpuMilli: 3000, memoryBytes: 4 * GiB },
          { workload: 'b', cpuMilli: 1000, memoryBytes: 12 * GiB },
        ],
      },
    ]);
    expect(r.idleUsd).toBeCloseTo(0, 12);
    expect((r.byWorkloadUsd['a'] ?? 0) + (r.byWorkloadUsd['b'] ?? 0)).toBeCloseTo(0.4, 12);
  });

  test('property: workloads + idle = total and nothing is negative', () => {
    const pod = fc.record({
      workload: fc.constantFrom('a', 'b', 'c'),
      cpuMilli: fc.integer({ min: 0, max: 8000 }),
      memoryBytes: fc.integer({ min: 0, max: 40 * GiB }),
    });
    const seg = fc.record({
      nodeName: fc.constant('n'),
      hourlyPriceUsd: fc.double({ min: 0, max: 5, noNaN: true }),
      capacityCpuMilli: fc.integer({ min: 1000, max: 8000 }),
      capacityMemoryBytes: fc.integer({ min: GiB, max: 32 * GiB }),
      startMs: fc.integer({ min: 0, max: 10 * HOUR }),
      endMs: fc.integer({ min: 0, max: 20 * HOUR }),
      pods: fc.array(pod, { maxLength: 6 }),
    });
    fc.assert(
      fc.property(fc.array(seg, { maxLength: 5 }), (segments) => {
        const r = attributeCost(segments);
        const charged = Object.values(r.byWorkloadUsd).reduce((a, b) => a + b, 0);
        expect(charged + r.idleUsd).toBeCloseTo(r.totalUsd, 9);
        expect(r.idleUsd).toBeGreaterThanOrEqual(0);
        for (const v of Object.values(r.byWorkloadUsd)) expect(v).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 200 },
    );
  });
});
