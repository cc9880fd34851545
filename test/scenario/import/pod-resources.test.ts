import { describe, expect, test } from 'vitest';
import { applyContainerDefaults, limitRangeContainerDefaults, podResources, type ContainerResources } from '../../../src/scenario/import/pod-resources.js';

const c = (name: string, requests: { cpu?: number; memory?: number }, limits: { cpu?: number; memory?: number } = {}, sidecar = false): ContainerResources => ({ name, requests, limits, sidecar });

describe('podResources (the scheduler\'s effective pod request)', () => {
  test.each([
    { name: 'app containers add up', containers: [c('a', { cpu: 100 }), c('b', { cpu: 200 })], inits: [], cpu: 300 },
    // Init containers run one at a time before the app: the pod needs the larger of the two phases.
    { name: 'a bigger init container wins', containers: [c('a', { cpu: 100 }), c('b', { cpu: 200 })], inits: [c('i', { cpu: 500 })], cpu: 500 },
    { name: 'a smaller init container does not count', containers: [c('a', { cpu: 400 })], inits: [c('i', { cpu: 300 })], cpu: 400 },
    // Sidecar 50 runs with the app (100 + 50 = 150) and with the init container started after it (200 + 50 = 250).
    { name: 'a sidecar adds to the app and to later init containers', containers: [c('a', { cpu: 100 })], inits: [c('s', { cpu: 50 }, {}, true), c('i', { cpu: 200 })], cpu: 250 },
    // The init container runs before the sidecar starts: max(100 + 50, 200) = 200.
    { name: 'an init container before the sidecar runs alone', containers: [c('a', { cpu: 100 })], inits: [c('i', { cpu: 200 }), c('s', { cpu: 50 }, {}, true)], cpu: 200 },
  ])('$name', ({ containers, inits, cpu }) => {
    expect(podResources(containers, inits).requests.cpuMilli).toBe(cpu);
  });

  test('the pod has a CPU limit only when every running container has one', () => {
    expect(podResources([c('a', {}, { cpu: 500 }), c('b', {}, { cpu: 250 })]).limits.cpuMilli).toBe(750);
    expect(podResources([c('a', {}, { cpu: 500 }), c('b', {})]).limits.cpuMilli).toBeNull();
    // A plain init container without a limit does not remove the pod's limit.
    expect(podResources([c('a', {}, { cpu: 500 })], [c('i', { cpu: 100 })]).limits.cpuMilli).toBe(500);
  });
});

describe('LimitRange defaults', () => {
  // kubernetes.io "Configure Default CPU Requests and Limits for a Namespace" (cpu-defaults.yaml:
  // default cpu 1, defaultRequest cpu 0.5) states these three outcomes.
  const lr = limitRangeContainerDefaults({ default: { cpu: 1000 }, defaultRequest: { cpu: 500 } });
  test.each([
    { name: 'no resources: request 0.5, limit 1', container: c('x', {}), requests: { cpu: 500 }, limits: { cpu: 1000 } },
    { name: 'only a limit of 1: the request becomes the limit, not the default request', container: c('x', {}, { cpu: 1000 }), requests: { cpu: 1000 }, limits: { cpu: 1000 } },
    { name: 'only a request of 0.75: the limit is the default 1', container: c('x', { cpu: 750 }), requests: { cpu: 750 }, limits: { cpu: 1000 } },
  ])('$name', ({ container, requests, limits }) => {
    const out = applyContainerDefaults(container, lr).container;
    expect(out.requests).toEqual(requests);
    expect(out.limits).toEqual(limits);
  });

  test.each([
    // SetDefaults_LimitRangeItem: default <- max, defaultRequest <- default, then <- min.
    { name: 'max becomes the default limit and request', item: { max: { cpu: 800 } }, limits: { cpu: 800 }, requests: { cpu: 800 } },
    { name: 'a default limit alone is also the default request', item: { default: { memory: 512 } }, limits: { memory: 512 }, requests: { memory: 512 } },
    { name: 'min is the default request when nothing else is given', item: { min: { cpu: 100 } }, limits: {}, requests: { cpu: 100 } },
  ])('item defaulting: $name', ({ item, limits, requests }) => {
    expect(limitRangeContainerDefaults(item)).toEqual({ limits, requests });
  });
});
