/**
 * meta/v1 LabelSelector matching (apimachinery pkg/apis/meta/v1/helpers.go LabelSelectorAsSelector,
 * pkg/labels/selector.go): matchLabels and matchExpressions are ANDed; a null selector matches no
 * object and an empty one matches every object.
 */
import type { LabelSelector, LabelSelectorRequirement } from './types.js';

type Labels = Readonly<Record<string, string>>;

const EMPTY: Labels = {};

function hasKey(labels: Labels, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(labels, key);
}

/** One requirement; NotIn and DoesNotExist hold for an object without the key (labels.Requirement.Matches). */
export function matchesLabelRequirement(req: LabelSelectorRequirement, labels: Labels): boolean {
  const present = hasKey(labels, req.key);
  switch (req.operator) {
    case 'In':
      return present && (req.values ?? []).includes(labels[req.key] as string);
    case 'NotIn':
      return !present || !(req.values ?? []).includes(labels[req.key] as string);
    case 'Exists':
      return present;
    case 'DoesNotExist':
      return !present;
  }
}

/** True when `labels` satisfy `selector`; null or undefined matches nothing. Allocation-free. */
export function matchesLabelSelector(selector: LabelSelector | null | undefined, labels: Labels | undefined): boolean {
  if (selector === null || selector === undefined) return false;
  const l = labels ?? EMPTY;
  const ml = selector.matchLabels;
  if (ml !== undefined) {
    for (const key in ml) {
      if (!hasKey(l, key) || l[key] !== ml[key]) return false;
    }
  }
  const me = selector.matchExpressions;
  if (me !== undefined) for (const r of me) if (!matchesLabelRequirement(r, l)) return false;
  return true;
}

/**
 * `selector` narrowed by label keys whose values are taken from `ownerLabels`: `key In [value]`
 * for `matchKeys`, `key NotIn [value]` for `mismatchKeys`; keys the owner lacks are skipped
 * (podtopologyspread/common.go filterTopologySpreadConstraints, KEP-3633 for pod affinity).
 * A null selector stays null unless keys apply, then it becomes the key requirements alone
 * (mergeLabelSetWithSelector: a Nothing selector contributes no requirements).
 */
export function withLabelKeys(
  selector: LabelSelector | null,
  ownerLabels: Labels | undefined,
  matchKeys: readonly string[] | undefined,
  mismatchKeys?: readonly string[],
): LabelSelector | null {
  if ((matchKeys === undefined || matchKeys.length === 0) && (mismatchKeys === undefined || mismatchKeys.length === 0)) return selector;
  const l = ownerLabels ?? EMPTY;
  const extra: LabelSelectorRequirement[] = [];
  for (const key of matchKeys ?? []) if (hasKey(l, key)) extra.push({ key, operator: 'In', values: [l[key] as string] });
  for (const key of mismatchKeys ?? []) if (hasKey(l, key)) extra.push({ key, operator: 'NotIn', values: [l[key] as string] });
  if (extra.length === 0) return selector;
  if (selector === null) return { matchExpressions: extra };
  return { matchLabels: selector.matchLabels, matchExpressions: [...(selector.matchExpressions ?? []), ...extra] };
}
