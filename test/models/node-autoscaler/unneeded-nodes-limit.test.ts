import { describe, expect, test } from 'vitest';
import { resolveClusterAutoscalerOptions } from '../../../src/models/node-autoscaler/defaults.js';
import { findUnneededNodes } from '../../../src/models/node-autoscaler/find-unneeded-nodes.js';
import { initialScaleDownState, planScaleDown, type ScaleDownState } from '../../../src/models/node-autoscaler/plan-scale-down.js';
import {
  advanceUnneededLimitState,
  initialUnneededLimitState,
  unneededNodesLimit,
} from '../../../src/models/node-autoscaler/unneeded-nodes-limit.js';
import type { NodeView } from '../../../src/models/scheduler/types.js';
import { buildNode, GiB } from '../scheduler/builders.js';
import { buildGroup } from './builders.js';

const SEC = 1000;
const MIN = 60 * SEC;

// planner.go unneededNodesLimit, by hand: n = --max-scale-down-parallelism, limit = known + 2n,
// capped at n·⌊U/I⌋ + n with U the unneeded time and I the shortest loop interval seen.
describe('unneededNodesLimit', () => {
  test.each([
    // name, known unneeded, n, U, I, expected
    ['first loop: the interval is still U, so the cap is n·1 + n = 2n', 0, 10, 10 * MIN, 10 * MIN, 20],
    ['default flags at a 10 s loop: known + 2n', 0, 10, 10 * MIN, 10 * SEC, 20],
    ['known nodes add to the limit', 37, 10, 10 * MIN, 10 * SEC, 57],
    ['capped at n·U/I + n = 10·60 + 10', 600, 10, 10 * MIN, 10 * SEC, 610],
    ['U shorter than the loop counts as one loop: n + n', 5, 10, 5 * SEC, 10 * SEC, 20],
    ['U/I is an integer division: 65 s / 10 s = 6, cap 3·6 + 3', 100, 3, 65 * SEC, 10 * SEC, 21],
    ['parallelism 1 at a 10 s loop: known + 2', 4, 1, 10 * MIN, 10 * SEC, 6],
  ])('%s', (_name, known, n, u, i, expected) => {
    expect(unneededNodesLimit({ lastUpdateMs: 0, minUpdateIntervalMs: i, unneededCount: known }, n, u)).toBe(expected);
  });

  test('the shortest interval is kept; the first update does not lower it', () => {
    let s = initialUnneededLimitState(10 * MIN);
    s = advanceUnneededLimitState(s, 10 * SEC);
    expect(s.minUpdateIntervalMs).toBe(10 * MIN);
    s = advanceUnneededLimitState(s, 40 * SEC);
    expect(s.minUpdateIntervalMs).toBe(30 * SEC);
    s = advanceUnneededLimitState(s, 50 * SEC);
    expect(s.minUpdateIntervalMs).toBe(10 * SEC);
    s = advanceUnneededLimitState(s, 5 * MIN);
    expect(s.minUpdateIntervalMs).toBe(10 * SEC);
  });

  test('a zero unneeded time starts the interval at 1 ns, as planner.New does', () => {
    expect(initialUnneededLimitState(0).minUpdateIntervalMs).toBe(1e-6);
  });
});

/** `count` empty nodes of group g, named e00, e01, …; an empty node is removable with no pod to move. */
function emptyNodes(count: number): NodeView[] {
  return Array.from({ length: count }, (_, i) => buildNode(`e${String(i).padStart(2, '0')}`, { pool: 'g' }));
}

function input(nodes: NodeView[], nowMs: number) {
  return {
    nowMs,
    nodes,
    pods: [],
    nodeGroups: [buildGroup('g', { targetSize: nodes.length, maxNodes: 100, cpuMilli: 4000, memoryBytes: 16 * GiB })],
    options: resolveClusterAutoscalerOptions({}),
  };
}

describe('the limit in the scale-down loop', () => {
  test('candidates past the limit are skipped: neither unneeded nor unremovable', () => {
    const r = findUnneededNodes({ ...input(emptyNodes(5), 0), unneededLimit: 3 });
    expect(r.unneeded.map((u) => u.nodeName)).toEqual(['e00', 'e01', 'e02']);
    expect(Object.keys(r.unremovable)).toEqual([]);
  });

  test('without a limit every candidate is simulated', () => {
    expect(findUnneededNodes(input(emptyNodes(5), 0)).unneeded).toHaveLength(5);
  });

  test('45 empty nodes: 20 unneeded in the first loop, 40 in the next, then all 45', () => {
    // Loop 1: limit 2n = 20. Loop 2, 10 s later: 20 known + 20 = 40. Loop 3: 40 + 20 = 60 ≥ 45.
    // The first 20 keep their unneeded-since time (they are ranked first as previously unneeded).
    const nodes = emptyNodes(45);
    let state: ScaleDownState = initialScaleDownState;
    const counts: number[] = [];
    for (const t of [0, 10 * SEC, 20 * SEC]) {
      const plan = planScaleDown(input(nodes, t), state);
      state = plan.state;
      counts.push(Object.keys(state.unneededSinceMs).length);
    }
    expect(counts).toEqual([20, 40, 45]);
    expect(state.unneededSinceMs['e00']).toBe(0);
    expect(state.unneededSinceMs['e25']).toBe(10 * SEC);
    expect(state.unneededSinceMs['e44']).toBe(20 * SEC);
  });
});
