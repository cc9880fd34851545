import { describe, expect, test } from 'vitest';
import { api, problems } from './one-workload.js';

/** Every expectation below is worked out by hand from the pod resource rules written next to it. */
const Mi = 1024 * 1024;

const c = (name: string, cpu: string, extra = '') => `        - name: ${name}\n          resources: { requests: { cpu: ${cpu} } }${extra}\n`;
const sidecar = (name: string, cpu: string) => c(name, cpu, '\n          restartPolicy: Always');

describe('the pod\'s effective requests, as the scheduler counts them (KEP-753, component-helpers PodRequests)', () => {
  // max( sum(app) + sum(sidecars), max over init containers i of (request(i) + sidecars declared before i) )
  test.each([
    { name: 'one container written the old way', body: '      resources: { requests: { cpu: 250m } }\n', cpu: 250 },
    { name: 'app containers add up', body: `      containers:\n${c('app', '100m')}${c('log', '200m')}`, cpu: 300 },
    { name: 'a bigger init container wins: max(100 + 200, 500)', body: `      initContainers:\n${c('migrate', '500m')}      containers:\n${c('app', '100m')}${c('log', '200m')}`, cpu: 500 },
    // The sidecar runs with the app (100 + 50) and with the init container started after it (200 + 50).
    { name: 'a sidecar adds to the app and to later init containers: max(150, 250)', body: `      initContainers:\n${sidecar('proxy', '50m')}${c('migrate', '200m')}      containers:\n${c('app', '100m')}`, cpu: 250 },
    // The init container runs before the sidecar starts: max(100 + 50, 200).
    { name: 'an init container before the sidecar runs alone: max(150, 200)', body: `      initContainers:\n${c('migrate', '200m')}${sidecar('proxy', '50m')}      containers:\n${c('app', '100m')}`, cpu: 200 },
    // init1 1, sidecar1 1, init2 2, sidecar2 1, app 1: running 1 + 1 + 1 = 3; init phases 1, 2 + 1 = 3.
    { name: 'two sidecars between init containers: max(3, 1, 3) = 3 cores', body: `      initContainers:\n${c('init-1', '1')}${sidecar('sidecar-1', '1')}${c('init-2', '2')}${sidecar('sidecar-2', '1')}      containers:\n${c('app', '1')}`, cpu: 3000 },
    // Same with app 2: running 1 + 1 + 2 = 4 beats init-2's 3.
    { name: 'two sidecars between init containers, bigger app: max(4, 1, 3) = 4 cores', body: `      initContainers:\n${c('init-1', '1')}${sidecar('sidecar-1', '1')}${c('init-2', '2')}${sidecar('sidecar-2', '1')}      containers:\n${c('app', '2')}`, cpu: 4000 },
  ])('$name', ({ body, cpu }) => {
    expect(api(body).w.requests.cpuMilli).toBe(cpu);
  });

  test('containers are listed init containers and sidecars first, as written, then the app containers', () => {
    const { w } = api(`      initContainers:\n${c('migrate', '200m')}${sidecar('proxy', '50m')}      containers:\n${c('app', '100m')}`);
    expect(w.containers.map((x) => `${x.name}:${x.kind}`)).toEqual(['migrate:init', 'proxy:sidecar', 'app:app']);
  });

  test('a workload written the old way has one app container named after it, carrying the workload\'s terms', () => {
    const { w } = api('      resources: { requests: { cpu: 250m, memory: 64Mi }, limits: { cpu: 500m } }\n      cpuPerRequest: 20ms\n');
    expect(w.containers).toEqual([
      { name: 'api', kind: 'app', requests: { cpuMilli: 250, memoryBytes: 64 * Mi }, limits: { cpuMilli: 500, memoryBytes: null }, cpuPerRequestMs: 20, cpuPerRequestCv: 1, idleCpuMilli: 5, workerThreads: 4, fanout: 1, memoryUsageBytes: 32 * Mi, serving: true },
    ]);
  });
});

describe('pod-level limits', () => {
  const lim = (name: string, cpu: string | null, extra = '') => `        - name: ${name}\n          resources: { requests: { cpu: 10m }${cpu ? `, limits: { cpu: ${cpu} }` : ''} }${extra}\n`;
  test.each([
    { name: 'the running containers\' limits add up: 500 + 250 + sidecar 100', body: `      initContainers:\n${lim('proxy', '100m', '\n          restartPolicy: Always')}      containers:\n${lim('app', '500m')}${lim('log', '250m')}`, cpu: 850 },
    { name: 'one running container without a CPU limit: no pod-level CPU limit', body: `      containers:\n${lim('app', '500m')}${lim('log', null)}`, cpu: null },
    { name: 'a sidecar without a limit removes it too', body: `      initContainers:\n${lim('proxy', null, '\n          restartPolicy: Always')}      containers:\n${lim('app', '500m')}`, cpu: null },
    // (The kubelet sets no pod quota then, but the app's own 500m quota caps the same.)
    { name: 'a plain init container without a limit does not', body: `      initContainers:\n${lim('migrate', null)}      containers:\n${lim('app', '500m')}`, cpu: 500 },
    { name: 'a plain init container with a limit only takes part in the max: max(500, 800)', body: `      initContainers:\n${lim('migrate', '800m')}      containers:\n${lim('app', '500m')}`, cpu: 800 },
  ])('$name', ({ body, cpu }) => {
    expect(api(body).w.limits.cpuMilli).toBe(cpu);
  });

  test('a container with only a limit gets request = limit (API defaulting)', () => {
    const { w } = api('      containers:\n        - name: app\n          resources: { limits: { cpu: 300m, memory: 128Mi } }\n        - name: log\n          resources: { requests: { cpu: 10m } }\n');
    expect(w.containers[0]!.requests).toEqual({ cpuMilli: 300, memoryBytes: 128 * Mi });
    expect(w.requests).toEqual({ cpuMilli: 310, memoryBytes: 128 * Mi });
  });

  test('a namespace LimitRange fills each container\'s unset values, and the pod totals follow', () => {
    // default cpu 1, defaultRequest 500m. app: request 250m, limit 1 (default); proxy: request
    // 500m, limit 1. Pod: request 750m, limit 2.
    const ns = `  namespaces:
    - name: default
      limitRange: { limits: [{ type: Container, default: { cpu: "1" }, defaultRequest: { cpu: 500m } }] }
`;
    const { w } = api(`      initContainers:\n        - name: proxy\n          restartPolicy: Always\n      containers:\n${c('app', '250m')}`, ns);
    expect(w.containers.map((x) => [x.name, x.requests.cpuMilli, x.limits.cpuMilli])).toEqual([['proxy', 500, 1000], ['app', 250, 1000]]);
    expect(w.requests.cpuMilli).toBe(750);
    expect(w.limits.cpuMilli).toBe(2000);
  });
});

describe('per-container load terms', () => {
  test('the first app container serves by default and takes the workload-level terms', () => {
    const { w } = api(`      cpuPerRequest: 20ms\n      workerThreads: 8\n      containers:\n${c('app', '100m')}${c('log', '10m', '\n          cpuPerRequest: 0ms\n          idleCpu: 2m\n          workerThreads: 1')}`);
    expect(w.containers.map((x) => [x.name, x.serving, x.cpuPerRequestMs, x.workerThreads])).toEqual([['app', true, 20, 8], ['log', false, 0, 1]]);
    expect([w.cpuPerRequestMs, w.workerThreads]).toEqual([20, 8]);
  });

  test('a container marked serving is the serving one', () => {
    const { w } = api(`      containers:\n${c('log', '10m', '\n          cpuPerRequest: 0ms\n          workerThreads: 1\n          idleCpu: 1m')}${c('app', '100m', '\n          serving: true\n          cpuPerRequest: 15ms')}`);
    expect(w.containers.find((x) => x.serving)?.name).toBe('app');
    expect(w.cpuPerRequestMs).toBe(15);
  });

  test('a sidecar without load terms gets the Envoy figures (0.35 ms per request, 2 threads) and a warning', () => {
    const { w, warnings } = api(`      load: { type: constant, rps: 10 }\n      initContainers:\n${sidecar('istio-proxy', '100m')}      containers:\n${c('app', '100m', '\n          cpuPerRequest: 20ms\n          workerThreads: 4')}`);
    const proxy = w.containers.find((x) => x.name === 'istio-proxy')!;
    expect([proxy.cpuPerRequestMs, proxy.workerThreads, proxy.idleCpuMilli, proxy.serving]).toEqual([0.35, 2, 5, false]);
    expect(warnings).toEqual([expect.stringMatching(/spec\.workloads\[0\]\.initContainers\[0\]\.cpuPerRequest: .*"istio-proxy".*0\.35ms of CPU per request, 2 worker threads/)]);
  });

  test('a plain init container has no load terms', () => {
    const { w } = api(`      initContainers:\n${c('migrate', '100m')}      containers:\n${c('app', '100m')}`);
    expect(w.containers[0]).toMatchObject({ kind: 'init', cpuPerRequestMs: 0, idleCpuMilli: 0, memoryUsageBytes: 0, serving: false });
  });
});

describe('errors at the boundary, with positions', () => {
  test.each([
    {
      name: 'a misspelt container field',
      body: '      containers:\n        - name: app\n          cpuPerRequets: 20ms\n',
      // Line 17 (`          cpuPerRequets`), column 11.
      want: /^s\.yaml:17:11: error: spec\.workloads\[0\]\.containers\[0\]\.cpuPerRequets: unknown field.*did you mean "cpuPerRequest"\?/,
    },
    {
      name: 'resources on a workload with several containers',
      body: `      resources: { requests: { cpu: 1 } }\n      containers:\n${c('app', '100m')}${c('log', '10m')}`,
      // Line 15, the value after `      resources: ` (6 + 11 characters): column 18.
      want: /^s\.yaml:15:18: error: spec\.workloads\[0\]\.resources: the pod has several containers/,
    },
    {
      name: 'two containers marked serving',
      body: `      containers:\n${c('a', '1m', '\n          serving: true')}${c('b', '1m', '\n          serving: true')}`,
      want: /^s\.yaml:21:20: error: spec\.workloads\[0\]\.containers\[1\]\.serving: only one container serves/,
    },
    {
      name: 'load terms on a plain init container',
      body: `      initContainers:\n${c('migrate', '1m', '\n          cpuPerRequest: 5ms')}      containers:\n${c('app', '1m')}`,
      want: /^s\.yaml:18:26: error: spec\.workloads\[0\]\.initContainers\[0\]\.cpuPerRequest: a plain init container .*restartPolicy: Always/,
    },
    {
      name: 'a duplicate container name',
      body: `      initContainers:\n${sidecar('app', '1m')}      containers:\n${c('app', '1m')}`,
      want: /^s\.yaml:20:17: error: spec\.workloads\[0\]\.containers\[0\]\.name: duplicate container name "app"/,
    },
    {
      name: 'a request above the limit in a container',
      body: '      containers:\n        - name: app\n          resources: { requests: { cpu: "2" }, limits: { cpu: "1" } }\n',
      // Line 17: 10 spaces + `resources: { requests: { cpu: ` (30) put "2" at column 41.
      want: /^s\.yaml:17:41: error: spec\.workloads\[0\]\.containers\[0\]\.resources\.requests\.cpu: request \(2000m\) must be <= limit \(1000m\)/,
    },
    {
      name: 'minDomains with ScheduleAnyway',
      body: '      topologySpreadConstraints:\n        - { maxSkew: 1, topologyKey: zone, whenUnsatisfiable: ScheduleAnyway, minDomains: 3, labelSelector: {} }\n',
      // Line 16: `        - { ` (12) + `maxSkew: 1, ` (12) + `topologyKey: zone, ` (19) + `whenUnsatisfiable: ScheduleAnyway, ` (35) + `minDomains: ` (12) = 90: column 91.
      want: /^s\.yaml:16:91: error: spec\.workloads\[0\]\.topologySpreadConstraints\[0\]\.minDomains: can only be set when whenUnsatisfiable is DoNotSchedule/,
    },
    {
      name: 'an unknown whenUnsatisfiable',
      body: '      topologySpreadConstraints:\n        - { maxSkew: 1, topologyKey: zone, whenUnsatisfiable: Sometimes }\n',
      // Line 16: 12 + 12 + 19 + `whenUnsatisfiable: ` (19) = 62: column 63.
      want: /^s\.yaml:16:63: error: spec\.workloads\[0\]\.topologySpreadConstraints\[0\]\.whenUnsatisfiable: value not allowed/,
    },
    {
      name: 'In without values in a pod anti-affinity selector',
      body: '      affinity:\n        podAntiAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            - topologyKey: kubernetes.io/hostname\n              labelSelector: { matchExpressions: [{ key: app, operator: In }] }\n',
      // `values` is absent: reported at its expression, line 19, 14 + `labelSelector: { matchExpressions: [` (36) = 50: column 51.
      want: /^s\.yaml:19:51: error: spec\.workloads\[0\]\.affinity\.podAntiAffinity\.requiredDuringSchedulingIgnoredDuringExecution\[0\]\.labelSelector\.matchExpressions\[0\]\.values: must be non-empty with operator In/,
    },
  ])('$name', ({ body, want }) => {
    expect(problems(body)).toEqual([expect.stringMatching(want)]);
  });
});

describe('pod labels and placement', () => {
  test('labels default to app: <name>, as kubectl create deployment sets them', () => {
    expect(api('      resources: { requests: { cpu: 1m } }\n').w.labels).toEqual({ app: 'api' });
    expect(api('      labels: { team: shop }\n').w.labels).toEqual({ team: 'shop' });
  });

  test('pod anti-affinity and spread constraints resolve to the scheduler\'s form', () => {
    const { w } = api(`      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            - topologyKey: kubernetes.io/hostname
              labelSelector: { matchLabels: { app: api } }
          preferredDuringSchedulingIgnoredDuringExecution:
            - weight: 50
              podAffinityTerm: { topologyKey: topology.kubernetes.io/zone, labelSelector: { matchLabels: { app: api } }, matchLabelKeys: [pod-template-hash] }
      topologySpreadConstraints:
        - { maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: { matchLabels: { app: api } }, minDomains: 3 }
`);
    expect(w.podAffinity).toBeNull();
    expect(w.podAntiAffinity).toEqual({
      required: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'api' } } }],
      preferred: [{ weight: 50, podAffinityTerm: { topologyKey: 'topology.kubernetes.io/zone', labelSelector: { matchLabels: { app: 'api' } }, matchLabelKeys: ['pod-template-hash'] } }],
    });
    expect(w.topologySpreadConstraints).toEqual([{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'api' } }, minDomains: 3 }]);
  });
});

describe('ContainerResource HPA metrics', () => {
  const hpa = (container: string) => `      hpa:
        maxReplicas: 5
        metrics:
          - type: ContainerResource
            containerResource: { name: cpu, container: ${container}, target: { type: Utilization, averageUtilization: 60 } }
      initContainers:
${sidecar('istio-proxy', '100m')}      containers:
${c('server', '200m')}`;

  test('stay ContainerResource metrics of the named container', () => {
    expect(api(hpa('server')).w.hpa?.metrics).toEqual([{ type: 'ContainerResource', containerResource: { name: 'cpu', container: 'server', target: { type: 'Utilization', averageUtilization: 60 } } }]);
  });

  test('a container the pod does not have is an error with a did-you-mean', () => {
    expect(problems(hpa('srever'))).toEqual([expect.stringMatching(/^s\.yaml:19:56: error: spec\.workloads\[0\]\.hpa\.metrics\[0\]\.containerResource\.container: the pod has no running container "srever".*did you mean "server"\?/)]);
  });
});
