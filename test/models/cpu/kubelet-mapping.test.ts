import { describe, expect, test } from 'vitest';
import { milliToQuotaUs, milliToShares, quotaToLimitCores, sharesToWeightV2 } from '../../../src/models/cpu/kubelet-mapping.js';
import { podCpuCgroup, qosGroupShares } from '../../../src/models/cpu/pod-cgroup.js';
import { qosClass } from '../../../src/models/cpu/qos-class.js';

describe('milliToShares (kubelet MilliCPUToShares)', () => {
  test.each([
    { milli: 0, shares: 2 }, // request 0 → MinShares
    { milli: 1, shares: 2 }, // floor(1.024) = 1 → clamped to 2
    { milli: 10, shares: 10 }, // floor(10.24)
    { milli: 100, shares: 102 },
    { milli: 250, shares: 256 },
    { milli: 1000, shares: 1024 },
    { milli: 300_000, shares: 262144 }, // clamped to MaxShares
  ])('$milli m → $shares shares', ({ milli, shares }) => expect(milliToShares(milli)).toBe(shares));
});

describe('sharesToWeightV2: the formulas of docs/models/cpu.md#from-requests-and-limits-to-cgroup-settings (new / legacy)', () => {
  test.each([
    { shares: 10, runc: 4, legacy: 1 },
    { shares: 102, runc: 17, legacy: 4 },
    { shares: 256, runc: 35, legacy: 10 },
    { shares: 512, runc: 59, legacy: 20 },
    { shares: 1024, runc: 100, legacy: 39 },
    { shares: 2048, runc: 174, legacy: 79 },
    { shares: 4096, runc: 303, legacy: 157 },
    { shares: 2, runc: 1, legacy: 1 },
    { shares: 262144, runc: 10000, legacy: 10000 },
  ])('$shares shares → $runc (runc-4785) / $legacy (legacy)', ({ shares, runc, legacy }) => {
    expect(sharesToWeightV2(shares, 'runc-4785')).toBe(runc);
    expect(sharesToWeightV2(shares, 'legacy')).toBe(legacy);
  });
});

describe('milliToQuotaUs (kubelet MilliCPUToQuota)', () => {
  test.each([
    { milli: 500, period: 100_000, quota: 50_000 },
    { milli: 5, period: 100_000, quota: 1_000 }, // 500 µs < MinQuotaPeriod → 1000
    { milli: 2000, period: 100_000, quota: 200_000 },
    { milli: 0, period: 100_000, quota: -1 }, // no limit: quota not written
    { milli: 250, period: 50_000, quota: 12_500 },
  ])('$milli m at period $period → $quota µs', ({ milli, period, quota }) => {
    expect(milliToQuotaUs(milli, period)).toBe(quota);
  });
  test('limit cores from quota', () => {
    expect(quotaToLimitCores(50_000, 100_000)).toBe(0.5);
    expect(quotaToLimitCores(-1)).toBe(Infinity);
  });
});

describe('qosClass (pod-qos.md rules)', () => {
  const GiB = 2 ** 30;
  test.each([
    { name: 'requests equal limits everywhere is Guaranteed', cs: [{ cpuRequestMilli: 500, cpuLimitMilli: 500, memoryRequestBytes: GiB, memoryLimitBytes: GiB }], want: 'Guaranteed' },
    { name: 'limits only default the requests: Guaranteed', cs: [{ cpuLimitMilli: 500, memoryLimitBytes: GiB }], want: 'Guaranteed' },
    { name: 'request below limit is Burstable', cs: [{ cpuRequestMilli: 100, cpuLimitMilli: 500, memoryRequestBytes: GiB, memoryLimitBytes: GiB }], want: 'Burstable' },
    { name: 'one container without limits makes the pod Burstable', cs: [{ cpuLimitMilli: 500, memoryLimitBytes: GiB }, { cpuRequestMilli: 100 }], want: 'Burstable' },
    { name: 'nothing set is BestEffort', cs: [{}, {}], want: 'BestEffort' },
  ] as const)('$name', ({ cs, want }) => expect(qosClass(cs)).toBe(want));
});

describe('pod and QoS cgroups (ResourceConfigForPod, setCPUCgroupConfig)', () => {
  test('pod shares are the sum of requests; quota only if every container has a limit', () => {
    const both = podCpuCgroup([{ cpuRequestMilli: 200, cpuLimitMilli: 500 }, { cpuRequestMilli: 300, cpuLimitMilli: 700 }]);
    // shares(500m) = 512; quota = (500+700)m · 100 ms = 120 000 µs
    expect(both).toMatchObject({ shares: 512, quotaMicros: 120_000, qos: 'Burstable' });
    const oneUnlimited = podCpuCgroup([{ cpuRequestMilli: 200, cpuLimitMilli: 500 }, { cpuRequestMilli: 300 }]);
    expect(oneUnlimited.quotaMicros).toBe(-1);
    expect(podCpuCgroup([{}]).shares).toBe(2);
  });
  test('kubepods = shares(allocatable), burstable = shares(Σ requests), besteffort = 2', () => {
    // 1930m allocatable → floor(1930·1.024) = 1976
    expect(qosGroupShares(1930, 700)).toEqual({ kubepods: 1976, burstable: 716, besteffort: 2 });
  });
});
