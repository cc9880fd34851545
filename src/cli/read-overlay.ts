import { parseDocument } from 'yaml';
import { readFromDisk } from '../scenario/import/input-files.js';
import { formatProblem, type Problem } from '../scenario/problem.js';

/**
 * Reads a scenario overlay (what `whatif calibrate --out` writes): YAML with a `spec` mapping that
 * is strategic-merged onto the scenario's spec. Problems carry the file, line and column.
 */
export function readOverlay(file: string): { ok: true; spec: Record<string, unknown> } | { ok: false; problems: Problem[] } {
  const text = readFromDisk(file);
  const at = (message: string, line = 0, column = 0): Problem => ({ file, line, column, path: '', message, severity: 'error' });
  if (text === undefined) return { ok: false, problems: [at('cannot read the overlay (does it exist?)')] };
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    return { ok: false, problems: doc.errors.map((e) => at(`not YAML: ${e.message.split('\n')[0]}`, e.linePos?.[0]?.line ?? 0, e.linePos?.[0]?.col ?? 0)) };
  }
  const value = doc.toJS() as unknown;
  const spec = (value as { spec?: unknown } | null)?.spec;
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    return { ok: false, problems: [{ ...at('an overlay is a mapping with a "spec" mapping (a patch on the scenario spec)', 1, 1), hint: 'write it with whatif calibrate --out' }] };
  }
  return { ok: true, spec: spec as Record<string, unknown> };
}

/** The `--overlay` option as spec patches ([] without one); null after printing its problems. */
export function overlayPatches(file: string | undefined, io: { stderr(text: string): void }): Record<string, unknown>[] | null {
  if (!file) return [];
  const overlay = readOverlay(file);
  if (overlay.ok) return [overlay.spec];
  for (const p of overlay.problems) io.stderr(`${formatProblem(p)}\n`);
  return null;
}
