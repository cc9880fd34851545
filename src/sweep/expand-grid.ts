import type { GridParameter, ParameterValues } from './types.js';

/**
 * Every combination of the grid's values, in nested-loop order: the first parameter varies slowest,
 * the last fastest (as `for a of A: for b of B`), so the order is stable and easy to predict.
 * An empty grid is one combination with no values. Pure.
 */
export function expandGrid(grid: readonly GridParameter[]): ParameterValues[] {
  let out: Record<string, unknown>[] = [{}];
  for (const parameter of grid) {
    const next: Record<string, unknown>[] = [];
    for (const partial of out) for (const value of parameter.values) next.push({ ...partial, [parameter.path]: value });
    out = next;
  }
  return out;
}

/** Number of combinations without building them (to refuse an oversized sweep early). */
export function gridSize(grid: readonly GridParameter[]): number {
  return grid.reduce((n, p) => n * p.values.length, 1);
}
