import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument, visit, type Document, type Node } from 'yaml';
import type { Problem } from './problem.js';
import { DEFAULT_LIMITS, overLimit, type Limits } from './limits.js';

/**
 * How every YAML input is parsed. Merge keys (`<<: *defaults`) are applied as YAML 1.1 tools
 * (kubectl, Helm) apply them, instead of becoming a key named "<<"; a key repeated in one mapping
 * is an error, as in Kubernetes' strict decoding.
 */
export const YAML_PARSE_OPTIONS = { prettyErrors: false, uniqueKeys: true, merge: true } as const;

/**
 * Keys every JavaScript object already has: read into a plain object they either replace its
 * prototype (`__proto__`) or shadow a built-in that code looking names up may find instead of data.
 */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A parsed YAML file that can say where any field path sits in it. */
export interface YamlSource {
  readonly file: string;
  readonly value: unknown;
  /** 1-based line and column of the node at `path`, or of its nearest existing ancestor. */
  locate(path: readonly (string | number)[], options?: { key?: boolean }): { line: number; column: number };
  /** True when the path exists in the file. */
  has(path: readonly (string | number)[]): boolean;
}

export function parseYamlSource(file: string, text: string, limits: Limits = DEFAULT_LIMITS): { ok: true; source: YamlSource } | { ok: false; problems: Problem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, ...YAML_PARSE_OPTIONS });
  return sourceOfDocument(file, doc, lineCounter, limits);
}

/**
 * A parsed document as a source, or its problems: syntax errors, keys that are unsafe in a
 * JavaScript object, and more alias expansions than the limit (the yaml library's own guard
 * against documents that expand aliases of aliases).
 */
export function sourceOfDocument(file: string, doc: Document, lineCounter: LineCounter, limits: Limits = DEFAULT_LIMITS): { ok: true; source: YamlSource } | { ok: false; problems: Problem[] } {
  const at = (offset: number, message: string): Problem => {
    const pos = lineCounter.linePos(offset);
    return { file, line: pos.line, column: pos.col, path: '', message, severity: 'error' };
  };
  if (doc.errors.length > 0) return { ok: false, problems: doc.errors.map((e) => at(e.pos[0], `YAML syntax: ${firstLine(e.message)}`)) };
  const reserved: Problem[] = [];
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && RESERVED_KEYS.has(String(pair.key.value))) {
        reserved.push(at(pair.key.range?.[0] ?? 0, `the key "${String(pair.key.value)}" is not accepted: every JavaScript object has it built in, so reading it as data is unsafe; rename it`));
      }
    },
  });
  if (reserved.length > 0) return { ok: false, problems: reserved };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: limits.aliases.value }) as unknown;
  } catch (error) {
    // The yaml library stops a document whose aliases expand too often with a ReferenceError.
    if (!(error instanceof ReferenceError)) throw error;
    return { ok: false, problems: [at(doc.range?.[0] ?? 0, `YAML aliases: ${overLimit(limits.aliases)}`)] };
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
