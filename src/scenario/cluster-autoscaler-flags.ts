import type { z } from 'zod';
import type { nodeAutoscalerSchema } from './schema/cluster.js';
import { resolveClusterAutoscalerOptions, clusterAutoscalerDefaults, type ClusterAutoscalerOptions } from '../models/node-autoscaler/defaults.js';
import { ms } from './resolve-quantities.js';

type Written = z.output<typeof nodeAutoscalerSchema>;

/** Written names that are not the option's own (the flag's name differs from the model's field). */
const RENAMED: Readonly<Record<string, (v: unknown) => Partial<ClusterAutoscalerOptions>>> = {
  expander: (v) => ({ expanders: [String(v)] }),
  maxEmptyBulkDelete: (v) => ({ maxScaleDownParallelism: Number(v) }),
};

/** Scenario settings that are not Cluster Autoscaler flags. */
const NOT_FLAGS = new Set(['type', 'expanderPriorities', 'scaleDownEnabled', 'batchIdleDuration', 'batchMaxDuration']);

/**
 * The Cluster Autoscaler's options from the scenario's `nodeAutoscaler` block, by one rule: a
 * written flag (camel-cased, `scaleDownUnneededTime`) sets the option of the same name, a duration
 * the option with `Ms` (`scaleDownUnneededTimeMs`), a `...Sec` count the `...Ms` option; absent
 * flags take the defaults of models/node-autoscaler/defaults.ts. So a new flag is its default
 * there, its field in schema/cluster.ts and the model code that reads it.
 */
export function clusterAutoscalerOptionsFrom(written: Written): ClusterAutoscalerOptions {
  const set: Record<string, unknown> = {};
  const known = clusterAutoscalerDefaults as Readonly<Record<string, unknown>>;
  for (const [key, value] of Object.entries(written)) {
    if (value === undefined || NOT_FLAGS.has(key)) continue;
    const renamed = RENAMED[key];
    if (renamed) Object.assign(set, renamed(value));
    else if (key.endsWith('Sec') && `${key.slice(0, -3)}Ms` in known) set[`${key.slice(0, -3)}Ms`] = Number(value) * 1000;
    else if (`${key}Ms` in known) set[`${key}Ms`] = ms(value as string | number);
    else if (key in known) set[key] = value;
    // Any other key is a schema field without an option: a bug in this table, caught by its test.
    else throw new Error(`nodeAutoscaler.${key} is neither a Cluster Autoscaler option nor listed as a non-flag`);
  }
  return resolveClusterAutoscalerOptions(set as Partial<ClusterAutoscalerOptions>);
}
