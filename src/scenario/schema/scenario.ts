import { z } from 'zod';
import { duration, name, nonNegativeInt, positiveInt } from './primitives.js';
import { clusterSchema } from './cluster.js';
import { workloadSchema } from './workload.js';
import { namespacesSchema } from './namespace.js';
import { sweepSchema } from './sweep.js';

/**
 * Kubernetes manifests to import (files or folders, e.g. the output of `helm template` or
 * `kustomize build`), paths relative to the scenario.
 */
const importSchema = z.strictObject({
  manifests: z.union([z.string(), z.array(z.string()).min(1)]),
  /** Namespace of objects that do not say (as `kubectl apply -n`); default "default". */
  namespace: z.string().optional(),
});

export const specSchema = z.strictObject({
  imports: z.array(importSchema).optional(),
  duration: duration.optional(),
  seed: nonNegativeInt.optional(),
  /** Seeds per configuration in `compare` (common random numbers across before and after). */
  seeds: positiveInt.optional(),
  simulation: z
    .strictObject({
      step: duration.optional(),
      sampleInterval: duration.optional(),
      metricResolution: duration.optional(),
      /** Where in the load's timeline simulated time 0 falls ("11h": the run starts at 11:00). */
      start: duration.optional(),
      /** Window of each CPU sample's rate; default: the interval between scrapes (current metrics-server). */
      metricsWindow: duration.optional(),
    })
    .optional(),
  cluster: clusterSchema,
  workloads: z.array(workloadSchema).min(1, 'needs at least one workload, written here or imported (spec.imports)'),
  namespaces: namespacesSchema.optional(),
  change: z
    .strictObject({
      description: z.string().optional(),
      /** Strategic-merge patch on `spec`: objects merge, lists of named items merge by name. */
      patch: z.record(z.string(), z.unknown()).optional(),
      /** A second scenario file holding the after configuration. */
      file: z.string().optional(),
    })
    .optional(),
  assert: z.array(z.string()).optional(),
  /** Parameters `whatif sweep` and `whatif search` vary (schema/sweep.ts). */
  sweep: sweepSchema.optional(),
});

export const scenarioSchema = z.strictObject({
  apiVersion: z.literal('kube-whatif/v1'),
  kind: z.literal('Scenario'),
  metadata: z.strictObject({ name, description: z.string().optional(), labels: z.record(z.string(), z.string()).optional() }),
  spec: specSchema,
});

/**
 * The file as written, before imports are read: `spec.workloads` may be empty or absent when
 * every workload comes from spec.imports (the expanded spec must then have at least one).
 */
export const writtenScenarioSchema = scenarioSchema.extend({
  spec: specSchema.extend({ workloads: z.array(workloadSchema).optional() }),
});

export type ScenarioSpecInput = z.input<typeof specSchema>;
