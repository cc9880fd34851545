/**
 * priority (expander/priority): the user's priorities map regexes over node-group names to a
 * priority; options of the highest matching priority win. With no config or no match all options
 * are kept (then the next expander or the tie-break decides).
 */
import type { Expander, ExpanderContext } from './expander.js';
import type { ExpansionOption } from '../types.js';

function priorityOf(groupName: string, ctx: ExpanderContext): number | undefined {
  let best: number | undefined;
  for (const entry of ctx.priorities ?? []) {
    // Upstream anchors nothing: a regex matching anywhere in the name counts.
    if (entry.patterns.some((p) => new RegExp(p).test(groupName)) && (best === undefined || entry.priority > best)) best = entry.priority;
  }
  return best;
}

export const priorityExpander: Expander = {
  name: 'priority',
  bestOptions(options: readonly ExpansionOption[], ctx: ExpanderContext): ExpansionOption[] {
    let best = -Infinity;
    let out: ExpansionOption[] = [];
    for (const o of options) {
      const p = priorityOf(o.nodeGroup.name, ctx);
      if (p === undefined) continue;
      if (p > best) {
        best = p;
        out = [o];
      } else if (p === best) out.push(o);
    }
    return out.length > 0 ? out : [...options];
  },
};
