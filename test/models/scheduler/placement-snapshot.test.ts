/**
 * PlacementSnapshot.fittingNode keeps each slot's free cpu, memory and pods in numbers for its
 * resource check. Whatever binds, unbinds, removals, additions and reverted or committed layers
 * came before, its answer must be the plain definition's: the first node in insertion order that
 * passes fitsResources and every filter.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { filterNode, fitsResources, hasClusterFilters } from '../../../src/models/scheduler/filter-node.js';
import { PlacementSnapshot } from '../../../src/models/scheduler/placement-snapshot.js';
import type { NodeView, PodView } from '../../../src/models/scheduler/types.js';
import { buildNode, buildPod, GiB } from './builders.js';

/** The definition fittingNode must agree with. */
function firstFit(s: PlacementSnapshot, pod: PodView): NodeView | undefined {
  return s.nodes().find((n) => fitsResources(pod, n) && filterNode(pod, n).fits);
}

const nodeArb = fc.record({
  cpu: fc.integer({ min: 500, max: 8000 }),
  memGiB: fc.integer({ min: 1, max: 32 }),
  maxPods: fc.integer({ min: 1, max: 12 }),
  usedCpu: fc.integer({ min: 0, max: 8000 }),
  usedGiB: fc.integer({ min: 0, max: 32 }),
  usedPods: fc.integer({ min: 0, max: 12 }),
  pool: fc.constantFrom('a', 'b'),
  unschedulable: fc.boolean(),
});
const podArb = fc.record({
  cpu: fc.constantFrom(0, 100, 250, 1000, 3000),
  memGiB: fc.constantFrom(0, 1, 4),
  pool: fc.constantFrom(undefined, 'a', 'b'),
});
const opArb = fc.oneof(
  fc.record({ kind: fc.constant('bind' as const), pod: podArb, node: fc.nat() }),
  fc.record({ kind: fc.constant('unbind' as const), pod: podArb, node: fc.nat() }),
  fc.record({ kind: fc.constant('remove' as const), node: fc.nat() }),
  fc.record({ kind: fc.constant('add' as const), node: nodeArb }),
  fc.record({ kind: fc.constant('fork' as const) }),
  fc.record({ kind: fc.constant('revert' as const) }),
  fc.record({ kind: fc.constant('commit' as const) }),
);

type Spec = typeof nodeArb extends fc.Arbitrary<infer T> ? T : never;
const view = (name: string, n: Spec): NodeView =>
  buildNode(name, {
    cpuMilli: n.cpu,
    memoryBytes: n.memGiB * GiB,
    maxPods: n.maxPods,
    reqCpuMilli: n.usedCpu,
    reqMemoryBytes: n.usedGiB * GiB,
    reqPods: n.usedPods,
    labels: { 'kubernetes.io/hostname': name, pool: n.pool },
    unschedulable: n.unschedulable,
  });
const podOf = (name: string, p: { cpu: number; memGiB: number; pool: string | undefined }): PodView =>
  buildPod(name, { cpuMilli: p.cpu, memoryBytes: p.memGiB * GiB, ...(p.pool ? { nodeSelector: { pool: p.pool } } : {}) });

describe('PlacementSnapshot.fittingNode', () => {
  test('agrees with the first node passing fitsResources and every filter, through any sequence of changes', () => {
    fc.assert(
      fc.property(fc.array(nodeArb, { minLength: 1, maxLength: 12 }), fc.array(opArb, { maxLength: 40 }), fc.array(podArb, { minLength: 1, maxLength: 4 }), (nodes, ops, probes) => {
        const s = new PlacementSnapshot(nodes.map((n, i) => view(`n${i}`, n)));
        let added = 0;
        let depth = 0;
        const check = () => {
          for (const [k, p] of probes.entries()) {
            const pod = podOf(`probe-${k}`, p);
            expect(hasClusterFilters(pod, s.clusterFor(pod))).toBe(false);
            expect(s.fittingNode(pod)?.name).toBe(firstFit(s, pod)?.name);
          }
        };
        check();
        for (const [k, op] of ops.entries()) {
          const live = s.nodes();
          if (op.kind === 'bind' || op.kind === 'unbind') {
            if (live.length === 0) continue;
            const target = live[op.node % live.length]!;
            if (op.kind === 'bind') s.bindPod(podOf(`p${k}`, op.pod), target.name);
            else s.unbindPod(podOf(`p${k}`, op.pod), target.name);
          } else if (op.kind === 'remove') {
            if (live.length > 0) s.removeNode(live[op.node % live.length]!.name);
          } else if (op.kind === 'add') s.addNode(view(`added-${added++}`, op.node));
          else if (op.kind === 'fork') {
            s.fork();
            depth++;
          } else if (depth > 0) {
            if (op.kind === 'revert') s.revert();
            else s.commit();
            depth--;
          }
          check();
        }
      }),
      { numRuns: 300 },
    );
  });

  test('a removed node is never chosen, and a revert brings it back', () => {
    const s = new PlacementSnapshot([buildNode('a', { cpuMilli: 1000 }), buildNode('b', { cpuMilli: 4000 })]);
    const pod = buildPod('p', { cpuMilli: 500 });
    expect(s.fittingNode(pod)?.name).toBe('a');
    s.fork();
    s.removeNode('a');
    expect(s.fittingNode(pod)?.name).toBe('b');
    s.bindPod(buildPod('q', { cpuMilli: 3600 }), 'b');
    // b has 4000 − 3600 = 400 m left: no room for 500 m.
    expect(s.fittingNode(pod)).toBeUndefined();
    s.revert();
    expect(s.fittingNode(pod)?.name).toBe('a');
  });
});
