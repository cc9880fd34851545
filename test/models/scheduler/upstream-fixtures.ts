/**
 * Builders mirroring the scheduler's test helpers (pkg/scheduler/testing wrappers: MakeNode,
 * MakePod, MakeLabelSelector) so ported upstream rows read like the originals. Existing pods
 * become one PodGroup each on their node's podGroups.
 */
import type {
  LabelSelector,
  NodeView,
  PodAffinityTerm,
  PodGroup,
  PodView,
  Taint,
  TopologySpreadConstraint,
  WeightedPodAffinityTerm,
} from '../../../src/models/scheduler/types.js';
import { buildNode, buildPod } from './builders.js';

export type Labels = Record<string, string>;

/** st.MakeNode().Name(name).Label(...): only the given labels (no implicit hostname). */
export const mkNode = (name: string, labels: Labels, taints: Taint[] = []): NodeView => buildNode(name, { labels, taints });

export interface PodSpec {
  ns?: string;
  labels?: Labels;
  node?: string;
  spread?: TopologySpreadConstraint[];
  affinity?: PodAffinityTerm[];
  antiAffinity?: PodAffinityTerm[];
  preferredAffinity?: WeightedPodAffinityTerm[];
  preferredAntiAffinity?: WeightedPodAffinityTerm[];
  nodeSelector?: Labels;
  nodeAffinityIn?: { key: string; values: string[] };
  nodeAffinityNotIn?: { key: string; values: string[] };
}

/** st.MakePod(): a bare pod (no owner) in `default` unless told. */
export function mkPod(name: string, s: PodSpec = {}): PodView {
  const na = s.nodeAffinityIn ?? s.nodeAffinityNotIn;
  const podAffinity = s.affinity || s.preferredAffinity ? { required: s.affinity, preferred: s.preferredAffinity } : undefined;
  const podAntiAffinity = s.antiAffinity || s.preferredAntiAffinity ? { required: s.antiAffinity, preferred: s.preferredAntiAffinity } : undefined;
  return buildPod(name, {
    namespace: s.ns ?? 'default',
    workload: name,
    ownerKind: null,
    labels: s.labels ?? {},
    nodeName: s.node ?? null,
    nodeSelector: s.nodeSelector,
    topologySpreadConstraints: s.spread,
    affinity: {
      podAffinity,
      podAntiAffinity,
      nodeAffinity:
        na === undefined
          ? undefined
          : { requiredTerms: [{ matchExpressions: [{ key: na.key, operator: s.nodeAffinityIn ? 'In' : 'NotIn', values: na.values }] }] },
    },
  });
}

/** The nodes with each existing pod recorded as its own group on its node. */
export function withPods(nodes: readonly NodeView[], pods: readonly PodView[]): NodeView[] {
  return nodes.map((n) => {
    const groups = pods
      .filter((p) => p.nodeName === n.name)
      .map((p) => {
        const group: PodGroup = {
          key: p.name,
          namespace: p.namespace,
          labels: p.labels ?? {},
          podAffinity: p.affinity?.podAffinity,
          podAntiAffinity: p.affinity?.podAntiAffinity,
        };
        return { group, count: 1 };
      });
    return { ...n, podGroups: groups };
  });
}

export const exists = (...keys: string[]): LabelSelector => ({ matchExpressions: keys.map((key) => ({ key, operator: 'Exists' as const })) });
export const fooSelector = exists('foo');
export const barSelector = exists('bar');

/** SpreadConstraint(maxSkew, key, when, selector, minDomains, nodeAffinityPolicy, nodeTaintsPolicy, matchLabelKeys). */
export function spread(
  maxSkew: number,
  topologyKey: string,
  whenUnsatisfiable: 'DoNotSchedule' | 'ScheduleAnyway',
  labelSelector: LabelSelector | null,
  extra: Partial<TopologySpreadConstraint> = {},
): TopologySpreadConstraint {
  return { maxSkew, topologyKey, whenUnsatisfiable, labelSelector, ...extra };
}

/** The four-node two-zone cluster most upstream rows use. */
export const fourNodes = (): NodeView[] => [
  mkNode('node-a', { zone: 'zone1', node: 'node-a' }),
  mkNode('node-b', { zone: 'zone1', node: 'node-b' }),
  mkNode('node-x', { zone: 'zone2', node: 'node-x' }),
  mkNode('node-y', { zone: 'zone2', node: 'node-y' }),
];

/** Existing pods with label foo="" named p-<node letter><n> on the nodes listed (e.g. 'a','a','b'). */
export const fooPodsOn = (...nodeLetters: string[]): PodView[] => {
  const seen: Record<string, number> = {};
  return nodeLetters.map((l) => {
    seen[l] = (seen[l] ?? 0) + 1;
    return mkPod(`p-${l}${seen[l]}`, { node: `node-${l}`, labels: { foo: '' } });
  });
};
