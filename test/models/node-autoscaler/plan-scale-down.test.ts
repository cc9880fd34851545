import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { resolveClusterAutoscalerOptions, type ClusterAutoscalerOptions } from '../../../src/models/node-autoscaler/defaults.js';
import { findUnneededNodes } from '../../../src/models/node-autoscaler/find-unneeded-nodes.js';
import {
  initialScaleDownState,
  planScaleDown,
  recordScaleUp,
  type ScaleDownInput,
  type ScaleDownState,
} from '../../../src/models/node-autoscaler/plan-scale-down.js';
import type { NodeView, PodView } from '../../../src/models/scheduler/types.js';
import { buildNode, buildPod, GiB } from '../scheduler/builders.js';
import { buildGroup } from './builders.js';

const MIN = 60_000;

/** Nodes of group g (4000 m / 16 GiB) with the given bound pods; requested is derived from the pods. */
function cluster(spec: Record<string, PodView[]>, extra: Partial<NodeView> = {}): { nodes: NodeView[]; pods: PodView[] } {
  const nodes: NodeView[] = [];
  const pods: PodView[] = [];
  for (const [name, ps] of Object.entries(spec)) {
    const bound = ps.map((p) => ({ ...p, nodeName: name }));
    pods.push(...bound);
    nodes.push(buildNode(name, {
      pool: 'g', ...extra,
      reqCpuMilli: bound.reduce((a, p) => a + p.requests.cpuMilli, 0),
      reqMemoryBytes: bound.reduce((a, p) => a + p.requests.memoryBytes, 0),
      reqPods: bound.length,
    }));
  }
  return { nodes, pods };
}

function input(c: { nodes: NodeView[]; pods: PodView[] }, nowMs: number, o: Partial<ClusterAutoscalerOptions> = {}, targetSize = c.nodes.length): ScaleDownInput {
  return { nowMs, ...c, nodeGroups: [buildGroup('g', { targetSize, cpuMilli: 4000, memoryBytes: 16 * GiB })], options: resolveClusterAutoscalerOptions(o) };
}

const pod = (name: string, cpuMilli: number, extra: Partial<PodView> = {}) => buildPod(name, { cpuMilli, memoryBytes: 0, ...extra });

describe('scale-down timing', () => {
  // a: 1200 m of 4000 = 0.3 < 0.5, its pod fits on b (2000 m used).
  const c = cluster({ a: [pod('pa', 1200)], b: [pod('pb', 2000)] });

  test('a node is removed exactly when it has been unneeded for 10 min, not before', () => {
    let state: ScaleDownState = initialScaleDownState;
    const at = (t: number) => {
      const plan = planScaleDown(input(c, t), state);
      state = plan.state;
      return plan;
    };
    expect(at(0).nodeReasons['a']?.reason).toBe('NotUnneededLongEnough');
    expect(state.unneededSinceMs).toEqual({ a: 0 });
    expect(at(9 * MIN).nodeReasons['a']?.reason).toBe('NotUnneededLongEnough');
    expect(at(10 * MIN - 1).result).toBe('ScaleDownNoNodeDeleted');
    const plan = at(10 * MIN);
    expect(plan.result).toBe('ScaleDownNodeDeleteStarted');
    expect(plan.commands).toEqual([
      expect.objectContaining({ kind: 'DeleteNode', nodeName: 'a', empty: false, podsToEvict: ['pa'], reason: 'ScaleDown' }),
    ]);
    expect(plan.state.lastScaleDownDeleteMs).toBe(10 * MIN);
    expect(plan.state.unneededSinceMs).toEqual({});
  });

  test('no deletion before scale-down-delay-after-add even if unneeded long enough', () => {
    // Unneeded since 0; scale-up at 5 min → cooldown until 15 min; unneeded time alone would allow 10 min.
    let state = planScaleDown(input(c, 0), initialScaleDownState).state;
    state = recordScaleUp(state, 5 * MIN);
    const at10 = planScaleDown(input(c, 10 * MIN), state);
    expect(at10.result).toBe('ScaleDownInCooldown');
    expect(at10.message).toContain('scale-down-delay-after-add');
    expect(at10.state.unneededSinceMs).toEqual({ a: 0 }); // the timer keeps running during cooldown
    expect(planScaleDown(input(c, 15 * MIN - 1), at10.state).result).toBe('ScaleDownInCooldown');
    expect(planScaleDown(input(c, 15 * MIN), at10.state).commands.map((x) => x.nodeName)).toEqual(['a']);
  });

  test('delay after failure is 3 min', () => {
    const state: ScaleDownState = { ...initialScaleDownState, unneededSinceMs: { a: 0 }, lastScaleDownFailureMs: 20 * MIN };
    expect(planScaleDown(input(c, 23 * MIN - 1), state).result).toBe('ScaleDownInCooldown');
    expect(planScaleDown(input(c, 23 * MIN), state).result).toBe('ScaleDownNodeDeleteStarted');
  });

  test('the unneeded timer resets when the node stops qualifying', () => {
    const busy = cluster({ a: [pod('pa', 2400)], b: [pod('pb', 1000)] }); // a at 0.6, b at 0.25 → b unneeded
    const state: ScaleDownState = { ...initialScaleDownState, unneededSinceMs: { a: 0 } };
    const plan = planScaleDown(input(busy, 5 * MIN), state);
    expect(plan.state.unneededSinceMs).toEqual({ b: 5 * MIN });
    expect(plan.nodeReasons['a']?.reason).toBe('NotUnderutilized');
  });
});

describe('eligibility and blockers', () => {
  test('utilization exactly at the threshold is not underutilized (strictly below)', () => {
    const c = cluster({ a: [pod('pa', 2000)], b: [] });
    expect(findUnneededNodes({ ...input(c, 0) }).unremovable['a']?.reason).toBe('NotUnderutilized');
  });

  test('every other node has its reason, in the order the loop met them, with its message', () => {
    // a: 2,000 m of 4,000 m = 0.5, not below the 0.5 threshold; b: 1,000 m = 0.25, unneeded;
    // c: 3,000 m = 0.75. Both busy nodes have movable pods and were not unneeded before, so the
    // loop meets them in input order.
    const found = findUnneededNodes({ ...input(cluster({ a: [pod('pa', 2000)], b: [pod('pb', 1000)], c: [pod('pc', 3000)] }), 0) });
    expect(found.unneeded.map((u) => u.nodeName)).toEqual(['b']);
    expect(Object.keys(found.unremovable)).toEqual(['a', 'c']);
    expect(found.unremovable['a']).toEqual({ reason: 'NotUnderutilized', message: 'node a cpu utilization 0.500 is not below 0.5' });
    expect(found.unremovable['c']?.message).toBe('node c cpu utilization 0.750 is not below 0.5');
  });

  test.each<{ name: string; p: PodView; reason: string | null }>([
    { name: 'bare pod blocks (NotReplicated)', p: pod('x', 100, { ownerKind: null }), reason: 'NotReplicated' },
    { name: 'custom controller pod blocks', p: pod('x', 100, { ownerKind: 'MyOperator' }), reason: 'NotReplicated' },
    { name: 'kube-system pod without PDB blocks', p: pod('x', 100, { namespace: 'kube-system', createdMs: 0 }), reason: 'UnmovableKubeSystemPod' },
    { name: 'kube-system pod with a PDB does not block', p: pod('x', 100, { namespace: 'kube-system', pdb: { name: 'dns', disruptionsAllowed: 1 } }), reason: null },
    { name: 'safe-to-evict=false blocks', p: pod('x', 100, { annotations: { 'cluster-autoscaler.kubernetes.io/safe-to-evict': 'false' } }), reason: 'NotSafeToEvictAnnotation' },
    { name: 'local storage blocks', p: pod('x', 100, { hasLocalStorage: true }), reason: 'LocalStorageRequested' },
    { name: 'safe-to-evict=true overrides local storage', p: pod('x', 100, { hasLocalStorage: true, annotations: { 'cluster-autoscaler.kubernetes.io/safe-to-evict': 'true' } }), reason: null },
    { name: 'PDB with 0 disruptions allowed blocks', p: pod('x', 100, { pdb: { name: 'web', disruptionsAllowed: 0 } }), reason: 'NotEnoughPdb' },
    { name: 'expendable pod does not block', p: pod('x', 100, { ownerKind: null, priority: -20 }), reason: null },
  ])('$name', ({ p, reason }) => {
    // b is busy (0.625) so it stays, and has room for a's pod.
    const c = cluster({ a: [p], b: [pod('pb', 2500)] });
    const r = findUnneededNodes({ ...input(c, 10 * MIN), previouslyUnneeded: [] });
    if (reason === null) expect(r.unneeded.map((u) => u.nodeName)).toContain('a');
    else expect(r.unremovable['a']).toMatchObject({ reason: 'BlockedByPod', blockingPod: { name: 'x', reason } });
  });

  test('kube-system pod older than 1 h no longer blocks (CA ≥1.33)', () => {
    const c = cluster({ a: [pod('x', 100, { namespace: 'kube-system', createdMs: 0 })], b: [pod('pb', 2500)] });
    expect(findUnneededNodes(input(c, 60 * MIN)).unneeded.map((u) => u.nodeName)).toContain('a');
  });

  test('two pods sharing a PDB that allows one disruption block the node', () => {
    const pdb = { name: 'web', disruptionsAllowed: 1 };
    const c = cluster({ a: [pod('x', 100, { pdb }), pod('y', 100, { pdb })], b: [] });
    expect(findUnneededNodes(input(c, 0)).unremovable['a']?.blockingPod?.reason).toBe('NotEnoughPdb');
  });

  test('pods that fit nowhere else: NoPlaceToMovePods', () => {
    const c = cluster({ a: [pod('pa', 1500)], b: [pod('pb', 3000)] });
    expect(findUnneededNodes(input(c, 0)).unremovable['a']?.reason).toBe('NoPlaceToMovePods');
  });

  test('a node found unremovable in simulation is not simulated again for unremovable-node-recheck-timeout (5 min)', () => {
    // a (1500 of 4000 = 0.375) cannot move: b has 1000 m free. At 0 it is simulated and fails; b's
    // pod then shrinks to 2000 m (b at 0.5 is no candidate itself and has room), but a stays
    // RecentlyUnremovable while 0 + 5 min > now, and is simulated again, now unneeded, at exactly
    // 5 min (unremovable/nodes.go keeps a node while ttl.After(now)).
    const full = cluster({ a: [pod('pa', 1500)], b: [pod('pb', 3000)] });
    const freed = cluster({ a: [pod('pa', 1500)], b: [pod('pb', 2000)] });
    const first = planScaleDown(input(full, 0), initialScaleDownState);
    expect(first.nodeReasons['a']?.reason).toBe('NoPlaceToMovePods');
    expect(first.state.unremovableUntilMs).toEqual({ a: 5 * MIN });
    const during = planScaleDown(input(freed, 5 * MIN - 1), first.state);
    expect(during.nodeReasons['a']?.reason).toBe('RecentlyUnremovable');
    expect(during.state.unremovableUntilMs).toEqual({ a: 5 * MIN });
    const after = planScaleDown(input(freed, 5 * MIN), during.state);
    expect(after.nodeReasons['a']?.reason).not.toBe('RecentlyUnremovable');
    expect(after.state.unneededSinceMs).toHaveProperty('a', 5 * MIN);
    expect(after.state.unremovableUntilMs).toEqual({});
    // A shorter flag value shortens the wait.
    const short = planScaleDown(input(full, 0, { unremovableNodeRecheckTimeoutMs: MIN }), initialScaleDownState);
    expect(short.state.unremovableUntilMs).toEqual({ a: MIN });
  });

  test('destinations found for one candidate are reserved for the next', () => {
    // a (1500) → b (1500+1500 = 3000); then b's 1500 would need c (3000 used, 1000 free) → no place.
    // Without reservation b could move to a, so both would look unneeded.
    const c = cluster({ a: [pod('pa', 1500)], b: [pod('pb', 1500)], c: [pod('pc', 3000)] });
    const r = findUnneededNodes(input(c, 0));
    expect(r.unneeded.map((u) => u.nodeName)).toEqual(['a']);
    expect(r.unneeded[0]?.destinations).toEqual({ pa: 'b' });
    expect(r.unremovable['b']?.reason).toBe('NoPlaceToMovePods');
  });

  test('scale-down-disabled annotation and nodes outside autoscaled groups', () => {
    const c = cluster({ a: [], b: [] });
    const nodes = [{ ...c.nodes[0]!, annotations: { 'cluster-autoscaler.kubernetes.io/scale-down-disabled': 'true' } }, { ...c.nodes[1]!, pool: 'manual' }];
    const r = findUnneededNodes(input({ nodes, pods: [] }, 0));
    expect(r.unremovable['a']?.reason).toBe('ScaleDownDisabledAnnotation');
    expect(r.unremovable['b']?.reason).toBe('NotAutoscaled');
  });
});

describe('deletion batching and limits', () => {
  const ds = (n: string) => pod(n, 100, { isDaemonSet: true, ownerKind: 'DaemonSet' });

  test('12 empty nodes: 10 deleted in bulk (max-scale-down-parallelism), DaemonSet pods do not count', () => {
    const spec: Record<string, PodView[]> = {};
    for (let i = 0; i < 12; i++) spec[`e${String(i).padStart(2, '0')}`] = [ds(`ds${i}`)];
    const c = cluster(spec);
    const state = { ...initialScaleDownState, unneededSinceMs: Object.fromEntries(Object.keys(spec).map((k) => [k, 0])) };
    const plan = planScaleDown(input(c, 10 * MIN), state);
    expect(plan.commands).toHaveLength(10);
    expect(plan.commands.every((x) => x.empty && x.reason === 'ScaleDownEmpty')).toBe(true);
    expect(Object.values(plan.nodeReasons).filter((r) => r.reason === 'ScaleDownParallelismLimited')).toHaveLength(2);
  });

  test('non-empty nodes are drained one at a time', () => {
    const c = cluster({ a: [pod('pa', 500)], b: [pod('pb', 500)], c: [pod('pc', 500)], d: [] });
    const state = { ...initialScaleDownState, unneededSinceMs: { a: 0, b: 0, c: 0, d: 0 } };
    const plan = planScaleDown(input(c, 10 * MIN), state);
    const drains = plan.commands.filter((x) => !x.empty);
    expect(drains).toHaveLength(1);
    expect(plan.commands.filter((x) => x.empty).map((x) => x.nodeName)).toEqual(['d']);
  });

  test('a drain already in progress uses the drain budget', () => {
    const c = cluster({ a: [pod('pa', 500)], b: [pod('pb', 500)], z: [pod('pz', 100)] });
    const nodes = c.nodes.map((n) => (n.name === 'z' ? { ...n, deleting: true } : n));
    const state = { ...initialScaleDownState, unneededSinceMs: { a: 0, b: 0 } };
    const plan = planScaleDown(input({ nodes, pods: c.pods }, 10 * MIN), state);
    expect(plan.commands).toHaveLength(0);
  });

  test('group at min size keeps its nodes', () => {
    const c = cluster({ a: [], b: [] });
    const i = input(c, 10 * MIN);
    const plan = planScaleDown({ ...i, nodeGroups: [buildGroup('g', { targetSize: 2, minNodes: 1, cpuMilli: 4000, memoryBytes: 16 * GiB })] }, {
      ...initialScaleDownState, unneededSinceMs: { a: 0, b: 0 },
    });
    // 2 → 1 allowed once; the second would go below min.
    expect(plan.commands.map((x) => x.nodeName)).toEqual(['a']);
    expect(plan.nodeReasons['b']?.reason).toBe('NodeGroupMinSizeReached');
  });

  test('minimal cores total blocks removal', () => {
    const c = cluster({ a: [], b: [] });
    const plan = planScaleDown(input(c, 10 * MIN, { minCoresTotal: 8 }), { ...initialScaleDownState, unneededSinceMs: { a: 0, b: 0 } });
    expect(plan.nodeReasons['a']?.reason).toBe('MinimalResourceLimitExceeded');
  });

  test('property: simulated destinations never exceed a node\'s free room; inputs untouched', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: 50, max: 1000 }), { maxLength: 4 }), { minLength: 1, maxLength: 7 }), (loads) => {
        const spec: Record<string, PodView[]> = {};
        loads.forEach((l, i) => (spec[`n${i}`] = l.map((cpu, j) => pod(`p${i}-${j}`, cpu))));
        const c = cluster(spec);
        const frozen = JSON.stringify(c);
        const r = findUnneededNodes(input(c, 0));
        // A pod moved onto a node that is itself removed later moves again: its final place is the last destination.
        const removed = new Set(r.unneeded.map((u) => u.nodeName));
        const finalDest = new Map<string, string>();
        for (const u of r.unneeded) for (const [p, dest] of Object.entries(u.destinations)) finalDest.set(p, dest);
        const load = new Map<string, number>();
        for (const p of c.pods) {
          const where = finalDest.get(p.name) ?? p.nodeName!;
          expect(removed.has(where)).toBe(false);
          load.set(where, (load.get(where) ?? 0) + p.requests.cpuMilli);
        }
        for (const n of c.nodes) expect(load.get(n.name) ?? 0).toBeLessThanOrEqual(n.allocatable.cpuMilli);
        expect(JSON.stringify(c)).toBe(frozen);
      }),
      { numRuns: 200 },
    );
  });
});
