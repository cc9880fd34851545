import { describe, expect, test } from 'vitest';
import { resolveClusterAutoscalerOptions, type ClusterAutoscalerOptions } from '../../../src/models/node-autoscaler/defaults.js';
import { initialScaleDownState, planScaleDown, type ScaleDownInput, type ScaleDownPlan, type ScaleDownState } from '../../../src/models/node-autoscaler/plan-scale-down.js';
import type { NodeView, PodView } from '../../../src/models/scheduler/types.js';
import { buildNode, buildPod, GiB } from '../scheduler/builders.js';
import { buildGroup } from './builders.js';

const MIN = 60_000;
const SCAN = 10_000;

function cluster(spec: Record<string, PodView[]>): { nodes: NodeView[]; pods: PodView[] } {
  const nodes: NodeView[] = [];
  const pods: PodView[] = [];
  for (const [name, ps] of Object.entries(spec)) {
    const bound = ps.map((p) => ({ ...p, nodeName: name }));
    pods.push(...bound);
    nodes.push(buildNode(name, { pool: 'g', reqCpuMilli: bound.reduce((a, p) => a + p.requests.cpuMilli, 0), reqMemoryBytes: 0, reqPods: bound.length }));
  }
  return { nodes, pods };
}

function input(c: { nodes: NodeView[]; pods: PodView[] }, nowMs: number, clusterUnchanged: boolean, o: Partial<ClusterAutoscalerOptions> = {}): ScaleDownInput {
  const options = resolveClusterAutoscalerOptions(o);
  return { nowMs, ...c, nodeGroups: [buildGroup('g', { targetSize: c.nodes.length, cpuMilli: 4000, memoryBytes: 16 * GiB })], options, clusterUnchanged };
}

const pod = (name: string, cpuMilli: number, extra: Partial<PodView> = {}) => buildPod(name, { cpuMilli, memoryBytes: 0, ...extra });

/** What a plan decides, without the search it keeps for the next loop. */
function decisions(plan: ScaleDownPlan): unknown {
  const { lastSearch: _, ...state } = plan.state;
  return { result: plan.result, message: plan.message, commands: plan.commands, state, nodeReasons: JSON.parse(JSON.stringify(plan.nodeReasons)) };
}

/** Runs CA loops every scan interval from `from` to `to`, once told the cluster is unchanged and once not. */
function loops(c: { nodes: NodeView[]; pods: PodView[] }, from: number, to: number, o: Partial<ClusterAutoscalerOptions> = {}) {
  let reused: ScaleDownState = initialScaleDownState;
  let fresh: ScaleDownState = initialScaleDownState;
  const searches = new Set<unknown>();
  const pairs: { t: number; reused: ScaleDownPlan; fresh: ScaleDownPlan }[] = [];
  for (let t = from; t <= to; t += SCAN) {
    const a = planScaleDown(input(c, t, t > from, o), reused);
    const b = planScaleDown(input(c, t, false, o), fresh);
    reused = a.state;
    fresh = b.state;
    searches.add(a.state.lastSearch);
    pairs.push({ t, reused: a, fresh: b });
  }
  return { pairs, searches };
}

describe('scale-down search reused on a quiet cluster', () => {
  test('a quiet cluster gives every loop the plan a fresh search gives, with few searches', () => {
    // a (1200 m of 4000) is unneeded and its pod fits on b; c (3000 m) is not underutilized. Over
    // 12 minutes a is first unneeded, then deleted at 10 min: each loop's plan must be the fresh one.
    const c = cluster({ a: [pod('pa', 1200)], b: [pod('pb', 2000)], c: [pod('pc', 3000)] });
    const { pairs, searches } = loops(c, 0, 12 * MIN);
    for (const { t, reused, fresh } of pairs) expect({ t, plan: decisions(reused) }).toEqual({ t, plan: decisions(fresh) });
    expect(pairs.some((p) => p.reused.result === 'ScaleDownNodeDeleteStarted')).toBe(true);
    // 73 loops. The inputs besides the cluster change at 0 (no previous loop), at 10 s (a was
    // unneeded in the previous loop, so the limit is 1 + 2 x 10 = 21 instead of 20) and in the two
    // loops after a's deletion (not unneeded before, then again): four searches, the rest reused.
    expect(pairs).toHaveLength(73);
    expect(searches.size).toBe(4);
  });

  test('a loop not told the cluster is unchanged searches again', () => {
    const c = cluster({ a: [pod('pa', 1200)], b: [pod('pb', 2000)] });
    const first = planScaleDown(input(c, 0, false), initialScaleDownState);
    const again = planScaleDown(input(c, SCAN, true), first.state);
    const settled = planScaleDown(input(c, 2 * SCAN, true), again.state);
    expect(settled.state.lastSearch).toBe(again.state.lastSearch);
    const told = planScaleDown(input(c, 3 * SCAN, false), settled.state);
    expect(told.state.lastSearch).not.toBe(settled.state.lastSearch);
  });

  test('a node blocked by a young kube-system pod is searched again each loop and freed when the pod is 60 min old', () => {
    // a holds a kube-system pod without a PDB created at 0: it blocks the drain until it is
    // blockingSystemPodDisruptionTimeout (60 min) old (rules/system/rule.go); b (3000 m, not
    // underutilized) has room for it. With no recheck timeout every loop sees the same inputs and
    // the same cluster, so only the time can lift the block: a reused search would keep it for ever.
    const c = cluster({ a: [pod('sys', 500, { namespace: 'kube-system', createdMs: 0 })], b: [pod('pb', 3000)] });
    const { pairs } = loops(c, 0, 61 * MIN, { unremovableNodeRecheckTimeoutMs: 0 });
    const at = (t: number) => pairs.find((p) => p.t === t)!.reused;
    expect(at(0).nodeReasons['a']?.reason).toBe('BlockedByPod');
    expect(at(60 * MIN - SCAN).nodeReasons['a']?.reason).toBe('BlockedByPod');
    expect(at(60 * MIN).nodeReasons['a']?.reason).toBe('NotUnneededLongEnough');
    expect(at(60 * MIN).state.unneededSinceMs).toEqual({ a: 60 * MIN });
    for (const { t, reused, fresh } of pairs) expect({ t, plan: decisions(reused) }).toEqual({ t, plan: decisions(fresh) });
  });
});
