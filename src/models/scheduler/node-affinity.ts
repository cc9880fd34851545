/** nodeSelector and node affinity matching (component-helpers nodeaffinity semantics). */
import type { NodeSelectorRequirement, NodeSelectorTerm, PodView } from './types.js';

type Labels = Readonly<Record<string, string>>;

function parseIntStrict(s: string): number | undefined {
  return /^-?\d+$/.test(s) ? Number(s) : undefined;
}

/** One requirement against node labels. */
export function matchesRequirement(req: NodeSelectorRequirement, labels: Labels): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  const value = has ? labels[req.key] : undefined;
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      const nodeNum = value === undefined ? undefined : parseIntStrict(value);
      const ref = values.length === 1 ? parseIntStrict(values[0] as string) : undefined;
      if (nodeNum === undefined || ref === undefined) return false;
      return req.operator === 'Gt' ? nodeNum > ref : nodeNum < ref;
    }
  }
}

/** A term matches when all its expressions match; an empty term matches nothing (upstream). */
export function matchesTerm(term: NodeSelectorTerm, labels: Labels): boolean {
  if (term.matchExpressions.length === 0) return false;
  for (const r of term.matchExpressions) if (!matchesRequirement(r, labels)) return false;
  return true;
}

/**
 * NodeAffinity filter: every nodeSelector entry equals the node label, and, when required terms
 * are given, at least one term matches (terms ORed; an empty list matches nothing).
 */
export function matchesNodeSelectorAndAffinity(pod: PodView, labels: Labels): boolean {
  const selector = pod.nodeSelector;
  // for-in rather than Object.entries: called per pod per node, the pairs array was most of the cost.
  if (selector !== undefined) for (const k in selector) if (labels[k] !== selector[k]) return false;
  const required = pod.affinity?.nodeAffinity?.requiredTerms;
  if (required === undefined) return true;
  for (const term of required) if (matchesTerm(term, labels)) return true;
  return false;
}

/** NodeAffinity score before normalising: Σ weights of matching preferred terms. */
export function preferredAffinityWeight(pod: PodView, labels: Labels): number {
  const preferred = pod.affinity?.nodeAffinity?.preferredTerms;
  if (preferred === undefined) return 0;
  let sum = 0;
  for (const p of preferred) if (matchesTerm(p.preference, labels)) sum += p.weight;
  return sum;
}
