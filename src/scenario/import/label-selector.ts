import type { LabelSelectorInput } from './k8s-schemas.js';

/**
 * metav1.LabelSelector matching (apimachinery labels.Selector): every matchLabels entry equals
 * the label and every expression holds. A null selector matches nothing, an empty one everything
 * (policy/v1 PodDisruptionBudget semantics).
 */
export function matchesLabelSelector(selector: LabelSelectorInput | null | undefined, labels: Readonly<Record<string, string>>): boolean {
  if (!selector) return false;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, e.key);
    const value = labels[e.key];
    const values = e.values ?? [];
    if (e.operator === 'In' && !(has && values.includes(value!))) return false;
    if (e.operator === 'NotIn' && has && values.includes(value!)) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}
