import { describe, expect, test } from 'vitest';
import { resolveClusterAutoscalerOptions } from '../../../src/models/node-autoscaler/defaults.js';
import { chooseOption } from '../../../src/models/node-autoscaler/expanders/expanders.js';
import { wastedScore } from '../../../src/models/node-autoscaler/expanders/least-waste.js';
import { preferredNodeCpu, priceScore } from '../../../src/models/node-autoscaler/expanders/price.js';
import { planScaleUp, type ScaleUpInput } from '../../../src/models/node-autoscaler/plan-scale-up.js';
import type { ExpansionOption } from '../../../src/models/node-autoscaler/types.js';
import { buildNode, buildPod, GiB, MiB } from '../scheduler/builders.js';
import { buildGroup } from './builders.js';

const pods = (n: number, cpuMilli: number, memoryBytes = 100 * MiB) =>
  Array.from({ length: n }, (_, i) => buildPod(`p${i}`, { cpuMilli, memoryBytes }));

function input(o: Partial<ScaleUpInput>): ScaleUpInput {
  return { nowMs: 0, nodes: [], pendingPods: [], nodeGroups: [buildGroup('g')], options: resolveClusterAutoscalerOptions(), tieBreak: () => 0, ...o };
}

describe('planScaleUp', () => {
  test('7 pending 1500m pods scale an empty group from 0 to 4', () => {
    const plan = planScaleUp(input({ pendingPods: pods(7, 1500) }));
    expect(plan.result).toBe('ScaleUpSuccessful');
    expect(plan.scaleUp).toMatchObject({ nodeGroup: 'g', fromSize: 0, toSize: 4, nodeCount: 4 });
    expect(plan.reason).toBe('ScaledUpGroup');
    expect(plan.message).toBe('Scale-up: setting group g size to 4 instead of 0 (max: 10)');
    expect(plan.podReasons['p0']).toEqual({ reason: 'TriggeredScaleUp', message: 'pod triggered scale-up: [{g 0->4 (max: 10)}]' });
  });

  test('pods that fit an existing node need no scale-up', () => {
    const plan = planScaleUp(input({ nodes: [buildNode('n1', { pool: 'g', cpuMilli: 3920 })], pendingPods: pods(2, 1500) }));
    expect(plan.result).toBe('ScaleUpNotNeeded');
    expect(plan.podReasons['p1']?.reason).toBe('SchedulableOnExistingOrUpcomingNodes');
  });

  test('upcoming nodes absorb pods: target 2 with nothing registered holds 4 pods, the 5th triggers 1 node', () => {
    const plan = planScaleUp(input({ nodeGroups: [buildGroup('g', { targetSize: 2 })], pendingPods: pods(5, 1500) }));
    expect(plan.scaleUp).toMatchObject({ fromSize: 2, toSize: 3, nodeCount: 1 });
  });

  test('a NotReady registered node counts as upcoming, not as an extra node', () => {
    const starting = buildNode('n1', { pool: 'g', cpuMilli: 3920, ready: false });
    const plan = planScaleUp(input({ nodeGroups: [buildGroup('g', { targetSize: 1 })], nodes: [starting], pendingPods: pods(2, 1500) }));
    expect(plan.result).toBe('ScaleUpNotNeeded');
  });

  test('group at max size: NoOptionsAvailable and the pod event names the reason', () => {
    const plan = planScaleUp(input({ nodeGroups: [buildGroup('g', { targetSize: 10, maxNodes: 10 })], nodes: [], pendingPods: [buildPod('big', { cpuMilli: 5000 })] }));
    // 10 upcoming template nodes cannot take a 5000m pod either.
    expect(plan.result).toBe('ScaleUpNoOptionsAvailable');
    expect(plan.skippedGroups['g']?.reason).toBe('MaxNodeGroupSizeReached');
    expect(plan.podReasons['big']?.message).toBe("pod didn't trigger scale-up: 1 max node group size reached");
  });

  test('a pod too big for every template reports Insufficient cpu per group', () => {
    const plan = planScaleUp(input({ nodeGroups: [buildGroup('a'), buildGroup('b')], pendingPods: [buildPod('big', { cpuMilli: 5000 })] }));
    expect(plan.podReasons['big']?.message).toBe("pod didn't trigger scale-up: 2 Insufficient cpu");
  });

  test('expendable pods (priority < −10) and too-young pods are ignored', () => {
    const o = resolveClusterAutoscalerOptions({ newPodScaleUpDelayMs: 30_000 });
    const plan = planScaleUp(input({
      nowMs: 40_000, options: o,
      pendingPods: [buildPod('low', { cpuMilli: 100, priority: -11 }), buildPod('young', { cpuMilli: 100, createdMs: 20_000 })],
    }));
    expect(plan.result).toBe('ScaleUpNotNeeded');
    expect(plan.podReasons['low']?.reason).toBe('ExpendablePod');
    expect(plan.podReasons['young']?.reason).toBe('PodTooYoung');
  });

  test('max-nodes-total reached stops scale-up', () => {
    const o = resolveClusterAutoscalerOptions({ maxNodesTotal: 1 });
    const plan = planScaleUp(input({ options: o, nodes: [buildNode('n1', { pool: 'g', reqCpuMilli: 3920 })], pendingPods: pods(1, 1000) }));
    expect(plan.result).toBe('ScaleUpLimitedByMaxNodesTotal');
  });

  test('max-nodes-total limits the estimate: 1 node left of 3 → scale-up by 1', () => {
    const o = resolveClusterAutoscalerOptions({ maxNodesTotal: 3 });
    const nodes = [buildNode('n1', { pool: 'g', reqCpuMilli: 3920 }), buildNode('n2', { pool: 'g', reqCpuMilli: 3920 })];
    const plan = planScaleUp(input({ options: o, nodeGroups: [buildGroup('g', { targetSize: 2 })], nodes, pendingPods: pods(6, 1500) }));
    expect(plan.scaleUp?.nodeCount).toBe(1);
    expect(plan.scaleUp?.podsHelped.length).toBe(2);
  });

  test('backoff skips the group', () => {
    const plan = planScaleUp(input({ nowMs: 1000, nodeGroups: [buildGroup('g', { backoffUntilMs: 5000 })], pendingPods: pods(1, 100) }));
    expect(plan.skippedGroups['g']?.reason).toBe('NodeGroupBackoff');
    expect(plan.result).toBe('ScaleUpNoOptionsAvailable');
  });
});

describe('expanders', () => {
  const small = buildGroup('small', { cpuMilli: 1930, memoryBytes: 6 * GiB, capacityCpuMilli: 2000, capacityMemoryBytes: 8 * GiB, priceUsdPerHour: 0.06701 });
  const large = buildGroup('large', { cpuMilli: 7910, memoryBytes: 28 * GiB, capacityCpuMilli: 8000, capacityMemoryBytes: 32 * GiB, priceUsdPerHour: 0.26805 });
  const three = pods(3, 500, GiB);
  const optSmall: ExpansionOption = { nodeGroup: small, nodeCount: 1, pods: three };
  const optLarge: ExpansionOption = { nodeGroup: large, nodeCount: 1, pods: three };

  test('least-waste scores: small (2000−1500)/2000 + (8−3)/8 = 0.875; large 6500/8000 + 29/32 = 1.71875', () => {
    expect(wastedScore(optSmall)).toBeCloseTo(0.875, 12);
    expect(wastedScore(optLarge)).toBeCloseTo(1.71875, 12);
    expect(chooseOption([optLarge, optSmall], ['least-waste'], { nodes: [] }, () => 0)?.nodeGroup.name).toBe('small');
  });

  test('planScaleUp with the default expander picks the least-waste group', () => {
    const plan = planScaleUp(input({ nodeGroups: [large, small], pendingPods: three }));
    expect(plan.scaleUp?.nodeGroup).toBe('small');
    expect(plan.consideredOptions).toHaveLength(2);
  });

  test('most-pods ties go to the injected tie-break', () => {
    expect(chooseOption([optSmall, optLarge], ['most-pods'], { nodes: [] }, () => 0.99)?.nodeGroup.name).toBe('large');
    expect(chooseOption([optSmall, optLarge], ['most-pods'], { nodes: [] }, () => 0)?.nodeGroup.name).toBe('small');
  });

  test('priority expander: highest matching regex wins; chain falls through', () => {
    const ctx = { nodes: [], priorities: [{ priority: 10, patterns: ['^lar'] }, { priority: 1, patterns: ['.*'] }] };
    expect(chooseOption([optSmall, optLarge], ['priority', 'least-waste'], ctx, () => 0)?.nodeGroup.name).toBe('large');
  });

  test.each([
    { n: 2, cpu: 1 }, { n: 6, cpu: 2 }, { n: 20, cpu: 4 }, { n: 60, cpu: 8 }, { n: 200, cpu: 16 }, { n: 201, cpu: 32 },
  ])('price expander preferred node for $n nodes is $cpu CPU', ({ n, cpu }) => {
    expect(preferredNodeCpu(n)).toBe(cpu);
  });

  test('price expander: for 3 tiny pods in a 2-node cluster the 2-CPU group beats the 8-CPU one', () => {
    // preferred 1 CPU: unfitness small = 2, large = 8; with one node suppressed = unfitness.
    // small: 2 × (0.06701 + c)/(pods + c); large: 8 × (0.26805 + c)/(pods + c) → small lower.
    expect(priceScore(optSmall, 2)).toBeLessThan(priceScore(optLarge, 2));
    expect(chooseOption([optLarge, optSmall], ['price'], { nodes: [buildNode('a'), buildNode('b')] }, () => 0)?.nodeGroup.name).toBe('small');
  });

  test('unknown expander names are rejected with the known ones', () => {
    expect(() => chooseOption([optSmall, optLarge], ['cheapest'], { nodes: [] }, () => 0)).toThrow(/least-waste/);
  });
});
