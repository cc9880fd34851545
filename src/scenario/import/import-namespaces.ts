import { bytes, cpuMilli } from '../resolve-quantities.js';
import { limitResourceQuotaObjectSchemas } from './k8s-schemas.js';
import type { ManifestObject } from './manifest-documents.js';
import { limitRangeContainerDefaults, type ContainerDefaults, type ResourceValues } from './pod-resources.js';
import type { FieldOrigin, ManifestContext } from './manifest-context.js';

/** A namespace's ResourceQuota and LimitRange as a written `spec.namespaces` entry. */
export interface ImportedNamespace {
  readonly name: string;
  readonly written: Record<string, unknown>;
  readonly origins: FieldOrigin[];
}

type Quantities = { cpu?: string | number; memory?: string | number };
type Item = { type: string } & Partial<Record<(typeof ITEM_KEYS)[number], Quantities>>;
const ITEM_KEYS = ['default', 'defaultRequest', 'max', 'min', 'maxLimitRequestRatio'] as const;

/**
 * Two LimitRange items of one type as one: the admission plugin applies every LimitRange, so a
 * default comes from the first that sets it, and every min, max and ratio must hold (the
 * tightest wins).
 */
function combineItems(a: Item, b: Item): Item {
  const out: Item = { ...a };
  for (const k of ITEM_KEYS) {
    const x = a[k] ?? {};
    const y = b[k] ?? {};
    const merged: Quantities = { ...x };
    for (const r of ['cpu', 'memory'] as const) {
      const size = (q: string | number) => (r === 'cpu' || k === 'maxLimitRequestRatio' ? cpuMilli(q) : bytes(q));
      const yv = y[r];
      const xv = merged[r];
      if (yv === undefined) continue;
      if (xv === undefined) merged[r] = yv;
      else if (k === 'min' ? size(yv) > size(xv) : k === 'max' || k === 'maxLimitRequestRatio' ? size(yv) < size(xv) : false) merged[r] = yv;
    }
    if (Object.keys(merged).length > 0) out[k] = merged;
  }
  return out;
}

/** Compute resources a quota can bound in the scenario (core/v1 ResourceQuota `hard` keys). */
const QUOTA_KEYS = ['requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory', 'cpu', 'memory', 'pods'] as const;

/**
 * ResourceQuotas and LimitRanges become `spec.namespaces` entries (enforced by the simulation);
 * the LimitRange Container defaults are also returned per namespace, for the importer to apply
 * to each container as the LimitRanger admission plugin does. The scenario holds one of each
 * per namespace, so several quotas combine to the tightest value per resource (every quota must
 * hold) and several LimitRanges to one (see {@link combineItems}).
 */
export function importNamespaces(objects: readonly ManifestObject[], ctx: ManifestContext): { namespaces: ImportedNamespace[]; defaults: Map<string, ContainerDefaults> } {
  const byName = new Map<string, ImportedNamespace>();
  const entry = (name: string): ImportedNamespace => {
    let e = byName.get(name);
    if (!e) byName.set(name, (e = { name, written: { name }, origins: [] }));
    return e;
  };
  const defaults = new Map<string, ContainerDefaults>();
  for (const o of objects.filter((x) => x.kind === 'LimitRange')) {
    const lr = ctx.parse(o, limitResourceQuotaObjectSchemas.limitRange);
    if (!lr) continue;
    const e = entry(ctx.ns(o));
    const items = lr.spec.limits.filter((l) => l.type === 'Container' || l.type === 'Pod');
    if (items.length < lr.spec.limits.length) ctx.warn(o, ['spec', 'limits'], 'items other than Container and Pod (PersistentVolumeClaim) are not modelled: ignored');
    const prev = e.written.limitRange as { name: string; limits: Item[] } | undefined;
    if (prev) ctx.warn(o, ['metadata', 'name'], `namespace ${ctx.ns(o)} has several LimitRanges: combined into one (defaults from the first that sets them, the tightest min and max)`);
    const limits = prev ? [...prev.limits] : [];
    for (const l of items) {
      const item: Item = { type: l.type };
      for (const k of ITEM_KEYS) {
        const v = l[k];
        if (v && (v.cpu !== undefined || v.memory !== undefined)) item[k] = { ...(v.cpu !== undefined ? { cpu: v.cpu } : {}), ...(v.memory !== undefined ? { memory: v.memory } : {}) };
      }
      const at = limits.findIndex((x) => x.type === l.type);
      if (at >= 0) limits[at] = combineItems(limits[at]!, item);
      else limits.push(item);
    }
    e.written.limitRange = { name: prev?.name ?? o.name, limits };
    e.origins.push({ field: ['limitRange'], origin: ctx.origin(o, ['spec']) }, { field: ['limitRange', 'name'], origin: ctx.origin(o, ['metadata', 'name']) });
    const container = limits.find((l) => l.type === 'Container');
    if (container) {
      const num = (v: Quantities | undefined): ResourceValues => ({
        ...(v?.cpu !== undefined ? { cpu: cpuMilli(v.cpu) } : {}),
        ...(v?.memory !== undefined ? { memory: bytes(v.memory) } : {}),
      });
      defaults.set(ctx.ns(o), limitRangeContainerDefaults({ default: num(container.default), defaultRequest: num(container.defaultRequest), max: num(container.max), min: num(container.min) }));
    }
  }
  for (const o of objects.filter((x) => x.kind === 'ResourceQuota')) {
    const q = ctx.parse(o, limitResourceQuotaObjectSchemas.resourceQuota);
    if (!q) continue;
    const hard = q.spec.hard ?? {};
    const other = Object.keys(hard).filter((k) => !(QUOTA_KEYS as readonly string[]).includes(k));
    if (other.length > 0) ctx.warn(o, ['spec', 'hard'], `only compute quotas are modelled; ignored: ${other.join(', ')}`);
    const e = entry(ctx.ns(o));
    const prev = (e.written.resourceQuota as { hard: Record<string, string | number> } | undefined)?.hard ?? {};
    const merged: Record<string, string | number> = { ...prev };
    for (const k of QUOTA_KEYS) {
      const v = hard[k];
      if (v === undefined) continue;
      const size = (x: string | number) => (k.endsWith('cpu') ? cpuMilli(x) : bytes(x));
      if (merged[k] === undefined || size(v) < size(merged[k]!)) merged[k] = v;
    }
    if (e.written.resourceQuota) ctx.warn(o, ['metadata', 'name'], `namespace ${ctx.ns(o)} has several ResourceQuotas: combined to the tightest value of each resource`);
    e.written.resourceQuota = { name: (e.written.resourceQuota as { name: string } | undefined)?.name ?? o.name, hard: merged };
    e.origins.push({ field: ['resourceQuota'], origin: ctx.origin(o, ['spec']) }, { field: ['resourceQuota', 'name'], origin: ctx.origin(o, ['metadata', 'name']) });
  }
  return { namespaces: [...byName.values()], defaults };
}
