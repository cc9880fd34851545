import { LineCounter, parseAllDocuments } from 'yaml';
import { YAML_PARSE_OPTIONS, sourceOfDocument, type YamlSource } from '../yaml-source.js';
import type { Problem } from '../problem.js';
import { DEFAULT_LIMITS, overLimit, type Limits } from '../limits.js';

/** One Kubernetes object found in a manifest file, with the means to locate its fields. */
export interface ManifestObject {
  readonly file: string;
  /** 0-based index of the YAML document in the file. */
  readonly docIndex: number;
  /** Path of the object inside its document: [] or ['items', i] inside a `kind: List`. */
  readonly itemPath: readonly (string | number)[];
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  /** metadata.namespace; null when the manifest leaves it to `kubectl apply -n`. */
  readonly namespace: string | null;
  readonly value: Readonly<Record<string, unknown>>;
  /** Positions of paths in the object's document (paths start at the document root). */
  readonly source: YamlSource;
}

/**
 * Splits a multi-document YAML text (`helm template`, `kustomize build`, `kubectl get -o yaml`)
 * into objects. The text is parsed once with one line counter, so every field of every document
 * locates to its line and column in the file in time linear in the file. Documents that are empty
 * are skipped; ones that are not objects with a `kind` are reported as warnings.
 */
export function parseManifestText(file: string, text: string, limits: Limits = DEFAULT_LIMITS): { objects: ManifestObject[]; problems: Problem[] } {
  const objects: ManifestObject[] = [];
  const problems: Problem[] = [];
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, ...YAML_PARSE_OPTIONS });
  const list = Array.isArray(docs) ? docs : [];
  if (list.length > limits.documentsPerFile.value) {
    const pos = lineCounter.linePos(list[limits.documentsPerFile.value]!.range[0]);
    return { objects, problems: [{ file, line: pos.line, column: pos.col, path: `documents[${limits.documentsPerFile.value}]`, message: `${list.length} documents: ${overLimit(limits.documentsPerFile)}`, severity: 'error' }] };
  }
  list.forEach((doc, docIndex) => {
    const parsed = sourceOfDocument(file, doc, lineCounter, limits);
    if (!parsed.ok) {
      problems.push(...parsed.problems.map((p) => ({ ...p, path: `documents[${docIndex}]` })));
      return;
    }
    const source = parsed.source;
    const value = source.value;
    if (value === null || value === undefined) return;
    const at = (path: (string | number)[], message: string): Problem => ({
      file,
      ...source.locate(path),
      path: `documents[${docIndex}]`,
      message,
      severity: 'warning',
    });
    if (!isObject(value)) {
      problems.push(at([], 'not a Kubernetes object (expected a mapping with apiVersion and kind); skipped'));
      return;
    }
    if (typeof value.kind === 'string' && /List$/.test(value.kind) && Array.isArray(value.items)) {
      value.items.forEach((item, i) => {
        if (isObject(item) && typeof item.kind === 'string') objects.push(toObject(file, docIndex, ['items', i], item, source));
        else problems.push(at(['items', i], `items[${i}] is not a Kubernetes object; skipped`));
      });
      return;
    }
    if (typeof value.kind !== 'string') {
      problems.push(at([], 'no "kind": not a Kubernetes object; skipped'));
      return;
    }
    objects.push(toObject(file, docIndex, [], value, source));
  });
  return { objects, problems };
}

function toObject(file: string, docIndex: number, itemPath: (string | number)[], value: Record<string, unknown>, source: YamlSource): ManifestObject {
  const meta = isObject(value.metadata) ? value.metadata : {};
  return {
    file,
    docIndex,
    itemPath,
    apiVersion: typeof value.apiVersion === 'string' ? value.apiVersion : '',
    kind: value.kind as string,
    name: typeof meta.name === 'string' ? meta.name : '',
    namespace: typeof meta.namespace === 'string' ? meta.namespace : null,
    value,
    source,
  };
}

/** `documents[2].spec.replicas` (or `documents[0].items[3].spec...` inside a List): how problems name a field. */
export function manifestPath(object: ManifestObject, path: readonly (string | number)[]): string {
  let out = `documents[${object.docIndex}]`;
  for (const segment of [...object.itemPath, ...path]) out += typeof segment === 'number' ? `[${segment}]` : `.${segment}`;
  return out;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
