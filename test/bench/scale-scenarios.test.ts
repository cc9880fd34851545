import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadScenario } from '../../src/scenario/load-scenario.js';
import { KARPENTER_SIZES, QUIET_SIZES, SCALE_SIZES, scaleScenarioPath, scaleScenarioText } from '../../bench/scale/generate.js';
import { extrapolateInTime, logLogSlope } from '../../bench/scale/fit.js';

describe('bench scale scenarios', () => {
  for (const size of SCALE_SIZES) {
    it(`${size.name}: the checked-in file is what the generator writes`, () => {
      expect(readFileSync(scaleScenarioPath(size), 'utf8')).toBe(scaleScenarioText(size));
    });

    it(`${size.name}: loads with the scenario schema at the stated size`, () => {
      const loaded = loadScenario(scaleScenarioPath(size));
      if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems?.slice(0, 3) ?? loaded));
      const s = loaded.value.before;
      expect(s.workloads).toHaveLength(size.workloads);
      expect(s.workloads.reduce((n, w) => n + w.replicas, 0)).toBe(size.pods);
      expect(s.cluster.nodePools.reduce((n, p) => n + (p.initialNodes ?? 0), 0)).toBe(size.nodes);
      expect(s.workloads.filter((w) => w.hpa).length).toBe(Math.ceil(size.workloads / 2));
      expect(new Set(s.workloads.map((w) => w.load.type))).toEqual(new Set(['constant', 'diurnal', 'weekly']));
    });
  }
});

/** A scale scenario's resolved `before` configuration. */
function load(path: string) {
  const loaded = loadScenario(path);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems?.slice(0, 3) ?? loaded));
  return loaded.value.before;
}

describe('bench quiet scenario (a held load)', () => {
  for (const size of QUIET_SIZES) {
    it(`${size.name}-steady: the checked-in file is what the generator writes`, () => {
      expect(readFileSync(scaleScenarioPath(size), 'utf8')).toBe(scaleScenarioText(size));
    });

    it(`${size.name}-steady: the same cluster and workloads, every load constant without noise`, () => {
      const steady = load(scaleScenarioPath(size));
      const shaped = load(scaleScenarioPath({ ...size, steady: false }));
      const strip = (s: typeof steady) => s.workloads.map(({ load: _load, ...rest }) => rest);
      expect(strip(steady)).toEqual(strip(shaped));
      expect(steady.cluster).toEqual(shaped.cluster);
      for (const w of steady.workloads) expect(w.load).toMatchObject({ type: 'constant', noise: 'none' });
      // 80 % of each shaped load's peak (constant loads: rps is 60 % of the peak, so 4/3 of it).
      const peak = (l: (typeof shaped.workloads)[number]['load']) => (l.type === 'constant' ? l.rps / 0.6 : l.type === 'diurnal' || l.type === 'weekly' ? l.maxRps : NaN);
      steady.workloads.forEach((w, i) => {
        const rps = w.load.type === 'constant' ? w.load.rps : NaN;
        expect(rps).toBeCloseTo(0.8 * peak(shaped.workloads[i]!.load), 0);
      });
    });
  }
});

describe('bench Karpenter scenario', () => {
  for (const size of KARPENTER_SIZES) {
    it(`${size.name}-karpenter: the checked-in file is what the generator writes`, () => {
      expect(readFileSync(scaleScenarioPath(size), 'utf8')).toBe(scaleScenarioText(size));
    });

    it(`${size.name}-karpenter: the same workloads under Karpenter, two NodePools labelled as the Cluster Autoscaler's pools`, () => {
      const karpenter = load(scaleScenarioPath(size));
      const ca = load(scaleScenarioPath({ ...size, karpenter: false }));
      expect(karpenter.workloads).toEqual(ca.workloads);
      expect(karpenter.cluster.nodeAutoscaler.type).toBe('karpenter');
      expect(karpenter.cluster.nodePools.map((p) => [p.name, p.initialNodes, p.labels['pool']])).toEqual(ca.cluster.nodePools.map((p) => [p.name, p.initialNodes, p.labels['pool']]));
      expect(karpenter.cluster.nodePools.reduce((n, p) => n + (p.initialNodes ?? 0), 0)).toBe(size.nodes);
    });
  }
});

describe('growth fit', () => {
  it('slope of an exact power law is its exponent', () => {
    // y = 3 x^1.5 at x = 1, 10, 100: log y = log 3 + 1.5 log x, a straight line of slope 1.5.
    expect(logLogSlope([1, 10, 100].map((x) => ({ x, y: 3 * x ** 1.5 })))).toBeCloseTo(1.5, 12);
  });

  it('slope of a linear cost is 1', () => {
    expect(logLogSlope([100, 1000, 10000].map((x) => ({ x, y: 0.02 * x })))).toBeCloseTo(1, 12);
  });

  it('one point has no slope', () => {
    expect(logLogSlope([{ x: 1, y: 2 }])).toBeNull();
  });

  it('two shorter runs: the last plus the marginal rate per hour', () => {
    // 1 h: 2 s, 24 h: 25 s -> 1 s per hour after start-up; 168 h = 25 + 144 * 1 = 169 s.
    expect(extrapolateInTime([{ hours: 1, cpuSeconds: 2 }, { hours: 24, cpuSeconds: 25 }], 168)?.cpuSeconds).toBeCloseTo(169, 9);
  });

  it('one shorter run: proportional (upper estimate)', () => {
    expect(extrapolateInTime([{ hours: 1, cpuSeconds: 120 }], 168)?.cpuSeconds).toBe(20160);
  });
});
