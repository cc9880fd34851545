/**
 * The first `top` names by `compare` (most important first), or every name in its own order when
 * they all fit or `top` is 0 (no limit); with the number left out, for the line that says so.
 */
export function topWorkloads(names: readonly string[], top: number, compare: (a: string, b: string) => number): { shown: string[]; hidden: number } {
  if (top === 0 || names.length <= top) return { shown: [...names], hidden: 0 };
  return { shown: [...names].sort(compare).slice(0, top), hidden: names.length - top };
}

/** The line under a cut table: how many rows are left out, in what order the rows were chosen, and how to see them all. */
export function moreLine(hidden: number, what: string, order: string): string {
  return `  ... ${hidden} more ${what}${hidden === 1 ? '' : 's'} (${order} first; --top 0 lists all)`;
}
