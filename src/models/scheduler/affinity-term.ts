/**
 * Pod (anti-)affinity terms resolved against the pod that declares them
 * (kube-scheduler framework/types.go AffinityTerm, newAffinityTerm, Matches): an empty namespace
 * list with no namespaceSelector means the owner's namespace; matchLabelKeys/mismatchLabelKeys
 * are merged into the selector with the owner's label values (KEP-3633, done by the API server
 * at pod creation).
 */
import { matchesLabelSelector, withLabelKeys } from './label-selector.js';
import type { LabelSelector, PodAffinityRules, PodAffinityTerm, WeightedPodAffinityTerm } from './types.js';

type Labels = Readonly<Record<string, string>>;

/** The namespace and labels a term is matched against. */
export interface PodIdentity {
  readonly namespace: string;
  readonly labels?: Labels;
}

/** A term ready to match. */
export interface ResolvedTerm {
  readonly topologyKey: string;
  readonly selector: LabelSelector | null;
  readonly namespaces: readonly string[];
  /** null = no namespaceSelector; an empty selector matches every namespace. */
  readonly namespaceSelector: LabelSelector | null;
  /** The preferred term's weight; 1 for required terms. */
  readonly weight: number;
}

/** Resolves `term` declared by `owner`. */
export function resolveTerm(term: PodAffinityTerm, owner: PodIdentity, weight = 1): ResolvedTerm {
  const nsSelector = term.namespaceSelector ?? null;
  const namespaces = term.namespaces !== undefined && term.namespaces.length > 0 ? term.namespaces : nsSelector === null ? [owner.namespace] : [];
  return {
    topologyKey: term.topologyKey,
    selector: withLabelKeys(term.labelSelector, owner.labels, term.matchLabelKeys, term.mismatchLabelKeys),
    namespaces,
    namespaceSelector: nsSelector,
    weight,
  };
}

/** Set by the API server on every namespace (NamespaceDefaultLabelName, GA in 1.22). */
const METADATA_NAME = 'kubernetes.io/metadata.name';

/** A namespace's labels as the API server keeps them: the written ones plus its metadata.name label. */
function labelsOfNamespace(ns: string, nsLabels: Readonly<Record<string, Labels>> | undefined): Labels {
  const own = nsLabels?.[ns];
  return own?.[METADATA_NAME] === ns ? own : { ...own, [METADATA_NAME]: ns };
}

/** True when `pod` is selected by `term`; `nsLabels` are the labels written on the namespaces. */
export function termMatches(term: ResolvedTerm, pod: PodIdentity, nsLabels: Readonly<Record<string, Labels>> | undefined): boolean {
  const inNamespace =
    term.namespaces.includes(pod.namespace) || (term.namespaceSelector !== null && matchesLabelSelector(term.namespaceSelector, labelsOfNamespace(pod.namespace, nsLabels)));
  return inNamespace && matchesLabelSelector(term.selector, pod.labels);
}

/** Required and preferred terms of one pod, resolved. */
export interface ResolvedAffinity {
  readonly requiredAffinity: readonly ResolvedTerm[];
  readonly requiredAntiAffinity: readonly ResolvedTerm[];
  readonly preferredAffinity: readonly ResolvedTerm[];
  readonly preferredAntiAffinity: readonly ResolvedTerm[];
}

const NONE: ResolvedAffinity = { requiredAffinity: [], requiredAntiAffinity: [], preferredAffinity: [], preferredAntiAffinity: [] };

const required = (r: PodAffinityRules | undefined, owner: PodIdentity): ResolvedTerm[] =>
  (r?.required ?? []).map((t) => resolveTerm(t, owner));
const preferred = (r: PodAffinityRules | undefined, owner: PodIdentity): ResolvedTerm[] =>
  (r?.preferred ?? []).map((w: WeightedPodAffinityTerm) => resolveTerm(w.podAffinityTerm, owner, w.weight));

/** Resolves the pod (anti-)affinity rules of `owner`. */
export function resolveAffinity(owner: PodIdentity, podAffinity: PodAffinityRules | undefined, podAntiAffinity: PodAffinityRules | undefined): ResolvedAffinity {
  if (podAffinity === undefined && podAntiAffinity === undefined) return NONE;
  return {
    requiredAffinity: required(podAffinity, owner),
    requiredAntiAffinity: required(podAntiAffinity, owner),
    preferredAffinity: preferred(podAffinity, owner),
    preferredAntiAffinity: preferred(podAntiAffinity, owner),
  };
}

const groupCache = new WeakMap<object, ResolvedAffinity>();

/** {@link resolveAffinity} memoised per group object (groups are shared by a workload's pods). */
export function resolveGroupAffinity(group: PodIdentity & { readonly podAffinity?: PodAffinityRules; readonly podAntiAffinity?: PodAffinityRules }): ResolvedAffinity {
  let r = groupCache.get(group);
  if (r === undefined) {
    r = resolveAffinity(group, group.podAffinity, group.podAntiAffinity);
    groupCache.set(group, r);
  }
  return r;
}
