import type { z } from 'zod';
import type { priorityClassSchema } from './schema/priority-class.js';
import * as D from './defaults.js';
import { didYouMean } from './did-you-mean.js';
import type { Path, ResolveContext } from './resolve-context.js';

type PriorityClassInput = z.output<typeof priorityClassSchema>;
type PreemptionPolicy = 'PreemptLowerPriority' | 'Never';

/** A resolved scheduling.k8s.io/v1 PriorityClass. */
export interface PriorityClassConfig {
  readonly name: string;
  readonly value: number;
  readonly globalDefault: boolean;
  /** API default PreemptLowerPriority. */
  readonly preemptionPolicy: PreemptionPolicy;
}

export const SYSTEM_PRIORITY_CLASSES: readonly PriorityClassConfig[] = D.SYSTEM_PRIORITY_CLASSES;

/**
 * The scenario's PriorityClasses after the system ones, checked as the API server checks them:
 * the `system-` prefix and values above HighestUserDefinablePriority are reserved
 * (pkg/apis/scheduling/validation), and only one class may be globalDefault (the Priority
 * admission plugin rejects a second one).
 */
export function resolvePriorityClasses(input: readonly PriorityClassInput[], path: Path, ctx: ResolveContext): PriorityClassConfig[] {
  const out: PriorityClassConfig[] = [...SYSTEM_PRIORITY_CLASSES];
  const seen = new Set(out.map((c) => c.name));
  let globalDefault: string | null = null;
  input.forEach((c, i) => {
    const at = [...path, i];
    if (c.name.startsWith('system-')) {
      ctx.error([...at, 'name'], `"${c.name}": the "system-" prefix is reserved for the built-in classes (system-cluster-critical, system-node-critical)`, { hint: 'rename the class; the built-in ones need no entry here' });
    } else if (seen.has(c.name)) {
      ctx.error([...at, 'name'], `duplicate PriorityClass "${c.name}"`);
    }
    seen.add(c.name);
    if (c.value > D.HIGHEST_USER_DEFINABLE_PRIORITY) {
      ctx.error([...at, 'value'], `must be at most ${D.HIGHEST_USER_DEFINABLE_PRIORITY} for a user-defined class (larger values are reserved for system classes)`, { value: String(c.value), allowed: `<= ${D.HIGHEST_USER_DEFINABLE_PRIORITY}` });
    }
    if (c.globalDefault) {
      if (globalDefault !== null) ctx.error([...at, 'globalDefault'], `PriorityClass "${globalDefault}" is already the global default; only one may be`);
      else globalDefault = c.name;
    }
    out.push({ name: c.name, value: c.value, globalDefault: c.globalDefault ?? false, preemptionPolicy: c.preemptionPolicy ?? 'PreemptLowerPriority' });
  });
  return out;
}

/** A pod's priority as the Priority admission plugin sets it. */
export interface PodPriority {
  readonly priority: number;
  /** The class named, or the global default's name when the pod names none; null without either. */
  readonly priorityClassName: string | null;
  readonly preemptionPolicy: PreemptionPolicy;
}

/**
 * The Priority admission plugin (plugin/pkg/admission/priority): a named class must exist (the pod
 * is rejected otherwise), a pod naming none gets the globalDefault class (or priority 0 and
 * PreemptLowerPriority without one), and the pod's preemptionPolicy comes from the class: a
 * different value written on the pod is rejected.
 */
export function resolvePodPriority(
  w: { readonly priorityClassName?: string | undefined; readonly preemptionPolicy?: PreemptionPolicy | undefined },
  classes: readonly PriorityClassConfig[],
  path: Path,
  ctx: ResolveContext,
): PodPriority {
  let chosen: PriorityClassConfig | null = null;
  if (w.priorityClassName) {
    chosen = classes.find((c) => c.name === w.priorityClassName) ?? null;
    if (!chosen) {
      const guess = didYouMean(w.priorityClassName, classes.map((c) => c.name));
      ctx.error([...path, 'priorityClassName'], `no PriorityClass with name ${w.priorityClassName} was found (admission rejects the pod)`, {
        hint: guess ? `did you mean "${guess}"?` : 'define it under spec.cluster.priorityClasses or import its manifest',
      });
    }
  } else {
    chosen = classes.filter((c) => c.globalDefault).sort((a, b) => a.value - b.value)[0] ?? null;
  }
  const preemptionPolicy: PreemptionPolicy = chosen?.preemptionPolicy ?? 'PreemptLowerPriority';
  if (w.preemptionPolicy !== undefined && w.preemptionPolicy !== preemptionPolicy && (chosen || !w.priorityClassName)) {
    ctx.error([...path, 'preemptionPolicy'], `${w.preemptionPolicy} differs from ${preemptionPolicy}, which the Priority admission plugin computes from ${chosen ? `PriorityClass "${chosen.name}"` : 'the absence of a default PriorityClass'}`, {
      hint: 'set preemptionPolicy on the PriorityClass (spec.cluster.priorityClasses) and name it in priorityClassName',
    });
  }
  return { priority: chosen?.value ?? D.DEFAULT_POD_PRIORITY, priorityClassName: chosen?.name ?? w.priorityClassName ?? null, preemptionPolicy };
}
