import { describe, expect, test } from 'vitest';
import { numFeasibleNodesToFind } from '../../../src/models/scheduler/num-feasible-nodes-to-find.js';
import { selectNode } from '../../../src/models/scheduler/select-node.js';
import { buildNode, buildPod } from './builders.js';

// Cases of TestNumFeasibleNodesToFind (pkg/scheduler/schedule_one_test.go), names kept.
describe('numFeasibleNodesToFind (schedule_one_test.go)', () => {
  test.each([
    { name: 'not set percentageOfNodesToScore and nodes number not more than 50', percentage: 0, numAllNodes: 10, want: 10 },
    { name: 'set percentageOfNodesToScore and nodes number not more than 50', percentage: 40, numAllNodes: 10, want: 10 },
    { name: 'not set percentageOfNodesToScore and nodes number more than 50', percentage: 0, numAllNodes: 1000, want: 420 },
    { name: 'set percentageOfNodesToScore and nodes number more than 50', percentage: 40, numAllNodes: 1000, want: 400 },
    { name: 'not set percentageOfNodesToScore and nodes number more than 50*125', percentage: 0, numAllNodes: 6000, want: 300 },
    { name: 'set percentageOfNodesToScore and nodes number more than 50*125', percentage: 40, numAllNodes: 6000, want: 2400 },
  ])('$name', ({ percentage, numAllNodes, want }) => {
    expect(numFeasibleNodesToFind(numAllNodes, percentage)).toBe(want);
  });

  test.each([
    // 150 nodes: 50 − 1 = 49 % → 73, raised to the floor of 100.
    { name: '150 nodes adaptive: the 100-node floor', percentage: 0, numAllNodes: 150, want: 100 },
    { name: '99 nodes: every node', percentage: 5, numAllNodes: 99, want: 99 },
    { name: '100 % of 1,000 nodes: every node', percentage: 100, numAllNodes: 1000, want: 1000 },
  ])('$name', ({ percentage, numAllNodes, want }) => {
    expect(numFeasibleNodesToFind(numAllNodes, percentage)).toBe(want);
  });
});

describe('selectNode searches from a rotating start and stops at the count', () => {
  // 150 nodes with 1 CPU requested of 4, and one empty node at index 120: LeastAllocated prefers it,
  // but with 100 nodes to find it is only examined when the search covers index 120.
  const nodes = Array.from({ length: 150 }, (_, i) =>
    i === 120 ? buildNode('empty') : buildNode(`n${i}`, { reqCpuMilli: 1000 }),
  );
  const pod = buildPod('p', { cpuMilli: 100, ownerKind: null });

  test('from index 0 the search examines nodes 0-99 and misses the empty node', () => {
    const r = selectNode(pod, nodes, {}, () => 0);
    expect(r.processedNodes).toBe(100);
    expect(r.nodeName).not.toBe('empty');
  });

  test('from index 100 (the next pod) the search reaches the empty node', () => {
    const r = selectNode(pod, nodes, { startIndex: 100 }, () => 0);
    expect(r.processedNodes).toBe(100);
    expect(r.nodeName).toBe('empty');
  });

  test('percentageOfNodesToScore 100 examines every node from any start', () => {
    const r = selectNode(pod, nodes, { percentageOfNodesToScore: 100 }, () => 0);
    expect(r.processedNodes).toBe(150);
    expect(r.nodeName).toBe('empty');
  });

  test('infeasible nodes are skipped without counting towards the feasible target', () => {
    // 60 of the 150 nodes cannot fit: only 90 are feasible, fewer than the 100 to find, so the
    // search examines every node once and finds the empty one.
    const mixed = nodes.map((n, i) => (i < 60 ? buildNode(`full${i}`, { reqCpuMilli: 4000 }) : n));
    const r = selectNode(pod, mixed, {}, () => 0);
    expect(r.processedNodes).toBe(150);
    expect(r.failedNodes.size).toBe(60);
    expect(r.nodeName).toBe('empty');
  });

  test('a pod that fits nowhere is checked against every node', () => {
    const big = buildPod('big', { cpuMilli: 8000, ownerKind: null });
    const r = selectNode(big, nodes, { startIndex: 37 }, () => 0);
    expect(r.nodeName).toBeNull();
    expect(r.processedNodes).toBe(150);
    expect(r.message).toMatch(/^0\/150 nodes are available/);
  });
});
