import { describe, expect, test } from 'vitest';
import { filterNode, fitsResources, formatFitError } from '../../../src/models/scheduler/filter-node.js';
import { matchesNodeSelectorAndAffinity } from '../../../src/models/scheduler/node-affinity.js';
import { toleratesTaint } from '../../../src/models/scheduler/taint-toleration.js';
import type { NodeSelectorRequirement, Taint, Toleration } from '../../../src/models/scheduler/types.js';
import { buildNode, buildPod, GiB } from './builders.js';

describe('toleratesTaint (core/v1 ToleratesTaint rules)', () => {
  const taint: Taint = { key: 'dedicated', value: 'infra', effect: 'NoSchedule' };
  test.each<{ name: string; tol: Toleration; expected: boolean }>([
    { name: 'Equal with same key, value and effect tolerates', tol: { key: 'dedicated', value: 'infra', effect: 'NoSchedule' }, expected: true },
    { name: 'operator defaults to Equal: value mismatch does not tolerate', tol: { key: 'dedicated', value: 'web', effect: 'NoSchedule' }, expected: false },
    { name: 'Exists ignores the value', tol: { key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' }, expected: true },
    { name: 'empty effect matches every effect', tol: { key: 'dedicated', operator: 'Exists' }, expected: true },
    { name: 'effect mismatch does not tolerate', tol: { key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }, expected: false },
    { name: 'empty key with Exists tolerates everything', tol: { operator: 'Exists' }, expected: true },
    { name: 'other key does not tolerate', tol: { key: 'gpu', operator: 'Exists' }, expected: false },
  ])('$name', ({ tol, expected }) => {
    expect(toleratesTaint(tol, taint)).toBe(expected);
  });
});

describe('node selector and required node affinity', () => {
  const labels = { zone: 'a', tier: 'web', gen: '5' };
  const term = (...e: NodeSelectorRequirement[]) => ({ affinity: { nodeAffinity: { requiredTerms: [{ matchExpressions: e }] } } });
  test.each([
    { name: 'In matches a listed value', pod: buildPod('p', term({ key: 'zone', operator: 'In', values: ['a', 'b'] })), expected: true },
    { name: 'In fails on a missing label', pod: buildPod('p', term({ key: 'disk', operator: 'In', values: ['ssd'] })), expected: false },
    { name: 'NotIn passes on a missing label', pod: buildPod('p', term({ key: 'disk', operator: 'NotIn', values: ['ssd'] })), expected: true },
    { name: 'NotIn fails on a listed value', pod: buildPod('p', term({ key: 'zone', operator: 'NotIn', values: ['a'] })), expected: false },
    { name: 'Exists', pod: buildPod('p', term({ key: 'tier', operator: 'Exists' })), expected: true },
    { name: 'DoesNotExist', pod: buildPod('p', term({ key: 'tier', operator: 'DoesNotExist' })), expected: false },
    { name: 'Gt compares integers', pod: buildPod('p', term({ key: 'gen', operator: 'Gt', values: ['4'] })), expected: true },
    { name: 'expressions in a term are ANDed', pod: buildPod('p', term({ key: 'zone', operator: 'In', values: ['a'] }, { key: 'tier', operator: 'In', values: ['db'] })), expected: false },
    {
      name: 'terms are ORed',
      pod: buildPod('p', { affinity: { nodeAffinity: { requiredTerms: [
        { matchExpressions: [{ key: 'zone', operator: 'In', values: ['z'] }] },
        { matchExpressions: [{ key: 'tier', operator: 'In', values: ['web'] }] },
      ] } } }),
      expected: true,
    },
    { name: 'nodeSelector must match every entry', pod: buildPod('p', { nodeSelector: { zone: 'a', tier: 'db' } }), expected: false },
    { name: 'empty nodeSelectorTerms match nothing', pod: buildPod('p', { affinity: { nodeAffinity: { requiredTerms: [] } } }), expected: false },
  ])('$name', ({ pod, expected }) => {
    expect(matchesNodeSelectorAndAffinity(pod, labels)).toBe(expected);
  });
});

describe('filterNode', () => {
  test.each([
    // 3920 − 3000 = 920 free < 1000
    { name: 'cpu request above free cpu is Insufficient cpu', node: buildNode('n', { cpuMilli: 3920, reqCpuMilli: 3000 }), pod: buildPod('p', { cpuMilli: 1000 }), reasons: ['Insufficient cpu'] },
    { name: 'request equal to free room fits', node: buildNode('n', { cpuMilli: 3920, reqCpuMilli: 2920 }), pod: buildPod('p', { cpuMilli: 1000 }), reasons: [] },
    {
      name: 'all resource shortages are reported together',
      node: buildNode('n', { maxPods: 2, reqPods: 2, memoryBytes: 4 * GiB, reqMemoryBytes: 4 * GiB, reqCpuMilli: 4000 }),
      pod: buildPod('p', { cpuMilli: 1, memoryBytes: 1 }),
      reasons: ['Too many pods', 'Insufficient cpu', 'Insufficient memory'],
    },
    { name: 'a pod without requests only needs a pod slot', node: buildNode('n', { reqCpuMilli: 4000, reqMemoryBytes: 16 * GiB }), pod: buildPod('p'), reasons: [] },
    {
      name: 'untolerated NoSchedule taint stops before resources',
      node: buildNode('n', { taints: [{ key: 'dedicated', value: 'infra', effect: 'NoSchedule' }], reqCpuMilli: 4000 }),
      pod: buildPod('p', { cpuMilli: 100 }),
      reasons: ['node(s) had untolerated taint {dedicated: infra}'],
    },
    { name: 'PreferNoSchedule taints do not filter', node: buildNode('n', { taints: [{ key: 'k', effect: 'PreferNoSchedule' }] }), pod: buildPod('p'), reasons: [] },
    { name: 'cordoned node', node: buildNode('n', { unschedulable: true }), pod: buildPod('p'), reasons: ['node(s) were unschedulable'] },
    { name: 'NotReady node carries the not-ready taint', node: buildNode('n', { ready: false }), pod: buildPod('p'), reasons: ['node(s) had untolerated taint {node.kubernetes.io/not-ready: }'] },
    { name: 'selector mismatch', node: buildNode('n'), pod: buildPod('p', { nodeSelector: { disk: 'ssd' } }), reasons: ["node(s) didn't match Pod's node affinity/selector"] },
  ])('$name', ({ node, pod, reasons }) => {
    const r = filterNode(pod, node);
    expect(r.reasons).toEqual(reasons);
    expect(r.fits).toBe(reasons.length === 0);
    if (r.fits) expect(fitsResources(pod, node)).toBe(true);
  });
});

test('FitError message sorts "<count> <reason>" strings like upstream', () => {
  const taint = 'node(s) had untolerated taint {dedicated: infra}';
  const msg = formatFitError(5, [['Insufficient cpu'], [taint], ['Insufficient cpu'], [taint], ['Insufficient cpu']]);
  // "2 node(s)..." sorts before "3 Insufficient cpu" ('2' < '3').
  expect(msg).toBe('0/5 nodes are available: 2 node(s) had untolerated taint {dedicated: infra}, 3 Insufficient cpu.');
});
