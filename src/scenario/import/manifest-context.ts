import type { z } from 'zod';
import { issuesToProblems } from '../schema-problems.js';
import type { Problem } from '../problem.js';
import { manifestPath, type ManifestObject } from './manifest-documents.js';
import { originAt, type Origin } from './origins.js';

type Path = readonly (string | number)[];

/** A field of a written scenario part and the manifest (or values) field it came from. */
export interface FieldOrigin {
  readonly field: Path;
  readonly origin: Origin;
}

/** Shared helpers of the manifest importers: schema checks, warnings and origins located in the manifests. */
export class ManifestContext {
  readonly problems: Problem[] = [];

  constructor(private readonly defaultNamespace: string) {}

  /** The object's namespace (the import's default when the manifest leaves it out). */
  ns(o: ManifestObject): string {
    return o.namespace ?? this.defaultNamespace;
  }

  /** The object checked against `schema`; every problem is reported at its line, null when unusable. */
  parse<S extends z.ZodType>(o: ManifestObject, schema: S): z.output<S> | null {
    const r = schema.safeParse(o.value);
    if (r.success) return r.data;
    const located = issuesToProblems(r.error.issues, schema, o.value, (p, opt) => ({ file: o.file, ...o.source.locate(p, opt) }), o.itemPath);
    this.problems.push(...located.map((p) => ({ ...p, path: `documents[${o.docIndex}]${p.path ? `.${p.path}` : ''}`, message: `${o.kind} "${o.name}": ${p.message}` })));
    return null;
  }

  warn(o: ManifestObject, path: Path, message: string): void {
    this.problems.push({ file: o.file, ...o.source.locate([...o.itemPath, ...path]), path: manifestPath(o, path), message: `${o.kind} "${o.name}": ${message}`, severity: 'warning' });
  }

  origin(o: ManifestObject, path: Path, exact = true): Origin {
    return originAt(o.source, [...o.itemPath, ...path], manifestPath(o, path), exact);
  }
}
