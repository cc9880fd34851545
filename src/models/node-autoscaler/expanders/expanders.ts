/** Expander registry by name and the chained choice (`--expander=priority,least-waste`). */
import type { Expander, ExpanderContext } from './expander.js';
import { leastNodesExpander } from './least-nodes.js';
import { leastWasteExpander } from './least-waste.js';
import { mostPodsExpander } from './most-pods.js';
import { priceExpander } from './price.js';
import { priorityExpander } from './priority.js';
import { randomExpander } from './random.js';
import type { ExpansionOption } from '../types.js';

export const expanderRegistry: ReadonlyMap<string, Expander> = new Map(
  [randomExpander, mostPodsExpander, leastWasteExpander, leastNodesExpander, priceExpander, priorityExpander].map((e) => [e.name, e]),
);

/** Looks up an expander by its CA flag name; throws with the known names otherwise. */
export function getExpander(name: string): Expander {
  const e = expanderRegistry.get(name);
  if (e === undefined) throw new Error(`unknown expander "${name}"; known: ${[...expanderRegistry.keys()].join(', ')}`);
  return e;
}

/**
 * Applies the named expanders in order, then breaks a remaining tie with `tieBreak` in [0, 1)
 * (called only when more than one option is left). Undefined when there are no options.
 */
export function chooseOption(
  options: readonly ExpansionOption[],
  expanderNames: readonly string[],
  ctx: ExpanderContext,
  tieBreak: () => number,
): ExpansionOption | undefined {
  let remaining = [...options];
  for (const name of expanderNames) {
    if (remaining.length <= 1) break;
    remaining = getExpander(name).bestOptions(remaining, ctx);
  }
  if (remaining.length <= 1) return remaining[0];
  return remaining[Math.min(remaining.length - 1, Math.floor(tieBreak() * remaining.length))];
}
