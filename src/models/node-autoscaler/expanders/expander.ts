/**
 * Expander strategy interface (cluster-autoscaler expander/expander.go `Filter`): each expander
 * keeps the best subset of the options; chained expanders narrow it in turn and any remaining
 * tie is broken at random with the injected `tieBreak`.
 */
import type { ExpansionOption, NodeView } from '../types.js';

/** What an expander may look at besides the options. */
export interface ExpanderContext {
  /** Current cluster nodes (the price expander sizes its preferred node by their count). */
  readonly nodes: readonly NodeView[];
  /** Priority expander config: higher priority wins; patterns are regexes over group names. */
  readonly priorities?: readonly { readonly priority: number; readonly patterns: readonly string[] }[];
}

/** One expansion strategy. */
export interface Expander {
  readonly name: string;
  /** The best options (a non-empty subset when `options` is non-empty). */
  bestOptions(options: readonly ExpansionOption[], ctx: ExpanderContext): ExpansionOption[];
}

/** Keeps the options whose score equals the best (lowest unless `higherIsBetter`). */
export function keepBest(
  options: readonly ExpansionOption[],
  score: (o: ExpansionOption) => number,
  higherIsBetter = false,
): ExpansionOption[] {
  let best = higherIsBetter ? -Infinity : Infinity;
  let out: ExpansionOption[] = [];
  for (const o of options) {
    const s = score(o);
    if (higherIsBetter ? s > best : s < best) {
      best = s;
      out = [o];
    } else if (s === best) out.push(o);
  }
  return out;
}
