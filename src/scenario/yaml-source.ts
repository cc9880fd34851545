import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import type { Problem } from './problem.js';

/** A parsed YAML file that can say where any field path sits in it. */
export interface YamlSource {
  readonly file: string;
  readonly value: unknown;
  /** 1-based line and column of the node at `path`, or of its nearest existing ancestor. */
  locate(path: readonly (string | number)[], options?: { key?: boolean }): { line: number; column: number };
  /** True when the path exists in the file. */
  has(path: readonly (string | number)[]): boolean;
}

export function parseYamlSource(file: string, text: string): { ok: true; source: YamlSource } | { ok: false; problems: Problem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return { file, line: pos.line, column: pos.col, path: '', message: `YAML syntax: ${firstLine(e.message)}`, severity: 'error' as const };
      }),
    };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 }) as unknown;
  } catch (error) {
    // The yaml library refuses aliases that expand exponentially ("billion laughs"): bad input, at the first alias.
    const alias = /(^|[\s,[{:])\*[^\s,\]}]+/m.exec(text);
    const pos = lineCounter.linePos(alias ? alias.index + alias[1]!.length : 0);
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [{ file, line: pos.line, column: pos.col, path: '', message: `YAML aliases: ${message}`, allowed: 'at most 100 alias expansions per document', severity: 'error' }] };
  }
  return { ok: true, source: makeSource(file, doc, lineCounter, value) };
}

function makeSource(file: string, doc: Document, lineCounter: LineCounter, value: unknown): YamlSource {
  function walk(path: readonly (string | number)[], wantKey: boolean): { node: Node | null; keyNode: Node | null; found: boolean } {
    let node: unknown = doc.contents;
    let keyNode: Node | null = null;
    for (let i = 0; i < path.length; i++) {
      const segment = path[i]!;
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
        if (!pair) return { node: node as Node, keyNode: null, found: false };
        keyNode = pair.key as Node;
        node = pair.value;
        if (node === null || node === undefined) return { node: keyNode, keyNode, found: i === path.length - 1 };
      } else if (isSeq(node) && typeof segment === 'number' && node.items[segment] !== undefined) {
        keyNode = null;
        node = node.items[segment];
      } else {
        return { node: (node as Node) ?? null, keyNode: null, found: false };
      }
    }
    return { node: wantKey && keyNode ? keyNode : (node as Node), keyNode, found: true };
  }
  return {
    file,
    value,
    locate(path, options) {
      const { node } = walk(path, options?.key ?? false);
      const offset = node?.range?.[0] ?? 0;
      const pos = lineCounter.linePos(offset);
      return { line: pos.line, column: pos.col };
    },
    has(path) {
      return walk(path, false).found;
    },
  };
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
