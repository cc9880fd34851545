import type { z } from 'zod';
import type { hpaSchema } from './schema/hpa.js';
import type { HpaBehavior, HpaMetricSpec, HpaScalingRules, HpaSpec } from '../models/hpa/types.js';
import { DEFAULT_CPU_UTILIZATION_PERCENT, DEFAULT_MIN_REPLICAS, DEFAULT_SCALE_DOWN_RULES, DEFAULT_SCALE_UP_RULES } from '../models/hpa/defaults.js';
import { fraction, milli } from './resolve-quantities.js';
import type { Path, ResolveContext } from './resolve-context.js';
import type { ContainerConfig } from './types.js';
import { didYouMean } from './did-you-mean.js';

type HpaInput = z.output<typeof hpaSchema>;
type RulesInput = NonNullable<NonNullable<HpaInput['behavior']>['scaleUp']>;
type TargetInput = { type: 'Utilization' | 'Value' | 'AverageValue'; averageUtilization?: number; averageValue?: string | number; value?: string | number };

/**
 * Resolves a workload's HPA as the API server's defaulting would (pkg/apis/autoscaling/v2/defaults.go);
 * a ContainerResource metric must name one of the pod's running `containers`.
 */
export function resolveHpa(input: HpaInput, path: Path, ctx: ResolveContext, containers: readonly ContainerConfig[]): HpaSpec {
  const minReplicas = input.minReplicas ?? DEFAULT_MIN_REPLICAS;
  if (minReplicas > input.maxReplicas) {
    ctx.error([...path, 'minReplicas'], `minReplicas (${minReplicas}) is greater than maxReplicas (${input.maxReplicas})`, { allowed: `<= ${input.maxReplicas}` });
  }
  const metrics: HpaMetricSpec[] = [];
  if (input.targetCPUUtilizationPercentage !== undefined) {
    if (input.metrics?.length) {
      ctx.error([...path, 'targetCPUUtilizationPercentage'], 'give either targetCPUUtilizationPercentage (autoscaling/v1) or metrics (autoscaling/v2), not both');
    }
    metrics.push(cpuUtilization(input.targetCPUUtilizationPercentage));
  }
  (input.metrics ?? []).forEach((m, i) => {
    const resolved = resolveMetric(m as MetricInput, [...path, 'metrics', i], ctx, containers);
    if (resolved) metrics.push(resolved);
  });
  // SetDefaults_HorizontalPodAutoscaler: no metrics means CPU at 80 % utilization.
  if (metrics.length === 0) metrics.push(cpuUtilization(DEFAULT_CPU_UTILIZATION_PERCENT));
  const behavior: HpaBehavior | null = input.behavior
    ? {
        scaleUp: resolveRules(input.behavior.scaleUp, DEFAULT_SCALE_UP_RULES),
        scaleDown: resolveRules(input.behavior.scaleDown, DEFAULT_SCALE_DOWN_RULES),
      }
    : null;
  return { minReplicas, maxReplicas: input.maxReplicas, metrics, behavior };
}

function cpuUtilization(percent: number): HpaMetricSpec {
  return { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: percent } } };
}

/** GenerateHPAScaleUpRules / GenerateHPAScaleDownRules: unset fields come from the defaults. */
function resolveRules(input: RulesInput | undefined, defaults: HpaScalingRules): HpaScalingRules {
  if (!input) return defaults;
  return {
    stabilizationWindowSeconds: input.stabilizationWindowSeconds ?? defaults.stabilizationWindowSeconds,
    selectPolicy: input.selectPolicy ?? defaults.selectPolicy,
    policies: input.policies?.length ? input.policies.map((p) => ({ ...p })) : defaults.policies,
    tolerance: input.tolerance !== undefined ? fraction(input.tolerance) : defaults.tolerance,
  };
}

type MetricInput = {
  type: 'Resource' | 'Pods' | 'Object' | 'External' | 'ContainerResource';
  resource?: { name: 'cpu' | 'memory'; target: TargetInput };
  containerResource?: { name: 'cpu' | 'memory'; container: string; target: TargetInput };
  pods?: { metric: { name: string }; target: TargetInput };
  object?: { metric: { name: string }; describedObject?: { kind: string; name: string; apiVersion?: string }; target: TargetInput };
  external?: { metric: { name: string }; target: TargetInput };
};

function resolveMetric(m: MetricInput, path: Path, ctx: ResolveContext, containers: readonly ContainerConfig[]): HpaMetricSpec | null {
  const field = { Resource: 'resource', Pods: 'pods', Object: 'object', External: 'external', ContainerResource: 'containerResource' }[m.type];
  const body = m[field as keyof MetricInput] as { target: TargetInput; metric?: { name: string }; name?: 'cpu' | 'memory' } | undefined;
  if (!body) {
    ctx.error([...path, field], `a metric of type ${m.type} needs a "${field}" block`);
    return null;
  }
  const t = body.target;
  const tPath = [...path, field, 'target'];
  const need = (key: keyof TargetInput): boolean => {
    if (t[key] === undefined) {
      ctx.error([...tPath, key], `target type ${t.type} needs ${key}`);
      return false;
    }
    return true;
  };
  switch (m.type) {
    case 'Resource': {
      const name = body.name!;
      if (t.type === 'Utilization') return need('averageUtilization') ? { type: 'Resource', resource: { name, target: { type: 'Utilization', averageUtilization: t.averageUtilization! } } } : null;
      if (t.type === 'AverageValue') return need('averageValue') ? { type: 'Resource', resource: { name, target: { type: 'AverageValue', averageValue: milli(t.averageValue!) } } } : null;
      ctx.error([...tPath, 'type'], 'a Resource metric takes Utilization or AverageValue', { value: JSON.stringify(t.type), allowed: '"Utilization", "AverageValue"' });
      return null;
    }
    case 'ContainerResource': {
      const name = body.name!;
      const container = m.containerResource!.container;
      const target = containers.find((c) => c.name === container && c.kind !== 'init');
      if (!target) {
        // The controller reads the named container's usage from each pod and fails without it.
        const running = containers.filter((c) => c.kind !== 'init').map((c) => c.name);
        const guess = didYouMean(container, running);
        ctx.error([...path, field, 'container'], `the pod has no running container "${container}" (it has ${running.map((n) => `"${n}"`).join(', ')})`, guess ? { hint: `did you mean "${guess}"?` } : {});
      } else if (t.type === 'Utilization' && (name === 'cpu' ? target.requests.cpuMilli : target.requests.memoryBytes) === 0) {
        ctx.error([...path, field, 'container'], `a ${name} Utilization metric needs a ${name} request on container "${container}" (the controller reports FailedGetContainerResourceMetric: missing request for ${name})`);
      }
      if (t.type === 'Utilization') return need('averageUtilization') ? { type: 'ContainerResource', containerResource: { name, container, target: { type: 'Utilization', averageUtilization: t.averageUtilization! } } } : null;
      if (t.type === 'AverageValue') return need('averageValue') ? { type: 'ContainerResource', containerResource: { name, container, target: { type: 'AverageValue', averageValue: milli(t.averageValue!) } } } : null;
      ctx.error([...tPath, 'type'], 'a ContainerResource metric takes Utilization or AverageValue', { value: JSON.stringify(t.type), allowed: '"Utilization", "AverageValue"' });
      return null;
    }
    case 'Pods':
      if (t.type !== 'AverageValue') {
        ctx.error([...tPath, 'type'], 'a Pods metric takes AverageValue', { value: JSON.stringify(t.type), allowed: '"AverageValue"' });
        return null;
      }
      return need('averageValue') ? { type: 'Pods', pods: { metric: { name: body.metric!.name }, target: { type: 'AverageValue', averageValue: milli(t.averageValue!) } } } : null;
    case 'Object':
    case 'External': {
      if (t.type === 'Utilization') {
        ctx.error([...tPath, 'type'], `an ${m.type} metric takes Value or AverageValue`, { value: '"Utilization"', allowed: '"Value", "AverageValue"' });
        return null;
      }
      const target = t.type === 'Value' ? (need('value') ? { type: 'Value' as const, value: milli(t.value!) } : null) : need('averageValue') ? { type: 'AverageValue' as const, averageValue: milli(t.averageValue!) } : null;
      if (!target) return null;
      return m.type === 'Object'
        ? { type: 'Object', object: { metric: { name: body.metric!.name }, target } }
        : { type: 'External', external: { metric: { name: body.metric!.name }, target } };
    }
  }
}
