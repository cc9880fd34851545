import type { z } from 'zod';
import type { workloadSchema } from './schema/workload.js';
import type { labelSelectorSchema, podAffinitySchema, podAffinityTermSchema } from './schema/pod-placement.js';
import type { LabelSelector, PodAffinityRules, PodAffinityTerm, TopologySpreadConstraint } from '../models/scheduler/types.js';
import { DEFAULT_POD_LABEL_KEY } from './defaults.js';
import type { Path, ResolveContext } from './resolve-context.js';

type WorkloadInput = z.output<typeof workloadSchema>;
type SelectorInput = z.output<typeof labelSelectorSchema>;
type TermInput = z.output<typeof podAffinityTermSchema>;
type RulesInput = z.output<typeof podAffinitySchema>;

/** What a workload's pods carry for InterPodAffinity and PodTopologySpread. */
export interface PodPlacement {
  readonly labels: Readonly<Record<string, string>>;
  readonly podAffinity: PodAffinityRules | null;
  readonly podAntiAffinity: PodAffinityRules | null;
  readonly topologySpreadConstraints: readonly TopologySpreadConstraint[];
}

/**
 * The pod template's labels (default `app: <name>`, defaults.ts), pod (anti-)affinity and topology
 * spread constraints, checked as the API server's validation does (pkg/apis/core/validation).
 */
export function resolvePodPlacement(w: WorkloadInput, path: Path, ctx: ResolveContext): PodPlacement {
  const a = w.affinity;
  return {
    labels: w.labels ?? { [DEFAULT_POD_LABEL_KEY]: w.name },
    podAffinity: a?.podAffinity ? rules(a.podAffinity, [...path, 'affinity', 'podAffinity'], ctx) : null,
    podAntiAffinity: a?.podAntiAffinity ? rules(a.podAntiAffinity, [...path, 'affinity', 'podAntiAffinity'], ctx) : null,
    topologySpreadConstraints: spread(w.topologySpreadConstraints ?? [], [...path, 'topologySpreadConstraints'], ctx),
  };
}

function rules(r: RulesInput, path: Path, ctx: ResolveContext): PodAffinityRules | null {
  const required = r.requiredDuringSchedulingIgnoredDuringExecution?.map((t, i) => term(t, [...path, 'requiredDuringSchedulingIgnoredDuringExecution', i], ctx));
  const preferred = r.preferredDuringSchedulingIgnoredDuringExecution?.map((p, i) => ({
    weight: p.weight,
    podAffinityTerm: term(p.podAffinityTerm, [...path, 'preferredDuringSchedulingIgnoredDuringExecution', i, 'podAffinityTerm'], ctx),
  }));
  if (!required?.length && !preferred?.length) return null;
  return { ...(required?.length ? { required } : {}), ...(preferred?.length ? { preferred } : {}) };
}

function term(t: TermInput, path: Path, ctx: ResolveContext): PodAffinityTerm {
  checkKeys(t.labelSelector, t.matchLabelKeys, t.mismatchLabelKeys, path, ctx);
  return {
    labelSelector: t.labelSelector ? selector(t.labelSelector, [...path, 'labelSelector'], ctx) : null,
    ...(t.namespaces ? { namespaces: t.namespaces } : {}),
    ...(t.namespaceSelector ? { namespaceSelector: selector(t.namespaceSelector, [...path, 'namespaceSelector'], ctx) } : {}),
    topologyKey: t.topologyKey,
    ...(t.matchLabelKeys ? { matchLabelKeys: t.matchLabelKeys } : {}),
    ...(t.mismatchLabelKeys ? { mismatchLabelKeys: t.mismatchLabelKeys } : {}),
  };
}

function spread(list: NonNullable<WorkloadInput['topologySpreadConstraints']>, path: Path, ctx: ResolveContext): TopologySpreadConstraint[] {
  const seen = new Set<string>();
  return list.map((c, i) => {
    const at = [...path, i];
    // ValidateTopologySpreadConstraints: one constraint per (topologyKey, whenUnsatisfiable).
    const key = `${c.topologyKey}\u0000${c.whenUnsatisfiable}`;
    if (seen.has(key)) ctx.error([...at, 'topologyKey'], `another constraint already has topologyKey "${c.topologyKey}" with whenUnsatisfiable ${c.whenUnsatisfiable}`);
    seen.add(key);
    if (c.minDomains !== undefined && c.whenUnsatisfiable !== 'DoNotSchedule') {
      ctx.error([...at, 'minDomains'], 'can only be set when whenUnsatisfiable is DoNotSchedule', { hint: 'remove minDomains or use DoNotSchedule' });
    }
    if (!c.labelSelector) {
      ctx.warn([...at], 'no labelSelector: it selects no pods, so the constraint never restricts placement (as in Kubernetes)', { hint: 'add labelSelector: {matchLabels: ...} with the pod labels' });
    }
    checkKeys(c.labelSelector, c.matchLabelKeys, undefined, at, ctx);
    return {
      maxSkew: c.maxSkew,
      topologyKey: c.topologyKey,
      whenUnsatisfiable: c.whenUnsatisfiable,
      labelSelector: c.labelSelector ? selector(c.labelSelector, [...at, 'labelSelector'], ctx) : null,
      ...(c.minDomains !== undefined ? { minDomains: c.minDomains } : {}),
      ...(c.nodeAffinityPolicy ? { nodeAffinityPolicy: c.nodeAffinityPolicy } : {}),
      ...(c.nodeTaintsPolicy ? { nodeTaintsPolicy: c.nodeTaintsPolicy } : {}),
      ...(c.matchLabelKeys ? { matchLabelKeys: c.matchLabelKeys } : {}),
    };
  });
}

/** matchLabelKeys and mismatchLabelKeys need a labelSelector and may not repeat its keys (KEP-3243, KEP-3633). */
function checkKeys(sel: SelectorInput | undefined, match: readonly string[] | undefined, mismatch: readonly string[] | undefined, path: Path, ctx: ResolveContext): void {
  const inSelector = new Set([...Object.keys(sel?.matchLabels ?? {}), ...(sel?.matchExpressions ?? []).map((e) => e.key)]);
  for (const [field, keys] of [['matchLabelKeys', match], ['mismatchLabelKeys', mismatch]] as const) {
    (keys ?? []).forEach((k, j) => {
      if (!sel) ctx.error([...path, field, j], `${field} needs a labelSelector to add to`);
      else if (inSelector.has(k)) ctx.error([...path, field, j], `"${k}" is also in labelSelector`, { hint: `remove "${k}" from one of them` });
    });
  }
  const both = (match ?? []).filter((k) => (mismatch ?? []).includes(k));
  for (const k of both) ctx.error([...path, 'mismatchLabelKeys'], `"${k}" is in both matchLabelKeys and mismatchLabelKeys`);
}

/** meta/v1 LabelSelector, with ValidateLabelSelectorRequirement's rule on values. */
function selector(s: SelectorInput, path: Path, ctx: ResolveContext): LabelSelector {
  (s.matchExpressions ?? []).forEach((e, i) => {
    const n = e.values?.length ?? 0;
    if ((e.operator === 'In' || e.operator === 'NotIn') && n === 0) ctx.error([...path, 'matchExpressions', i, 'values'], `must be non-empty with operator ${e.operator}`);
    if ((e.operator === 'Exists' || e.operator === 'DoesNotExist') && n > 0) ctx.error([...path, 'matchExpressions', i, 'values'], `must be empty with operator ${e.operator}`);
  });
  return {
    ...(s.matchLabels ? { matchLabels: s.matchLabels } : {}),
    ...(s.matchExpressions ? { matchExpressions: s.matchExpressions.map((e) => ({ key: e.key, operator: e.operator, ...(e.values ? { values: e.values } : {}) })) } : {}),
  };
}
