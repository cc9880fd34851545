import { describe, expect, test } from 'vitest';
import { mustLoad, byName, scenario, Mi, Gi } from './load-text.js';

describe('Online Boutique (GoogleCloudPlatform/microservices-demo release/kubernetes-manifests.yaml)', () => {
  const loaded = mustLoad(
    scenario(`  imports:
    - manifests: manifests/microservices-demo/kubernetes-manifests.yaml
  workloads:
    - name: frontend
      load: { type: constant, rps: 40 }
      cpuPerRequest: 4ms
      workerThreads: 8
`),
  );

  // Numbers read off the file by hand: requests / limits of each Deployment's single app container.
  test.each([
    { name: 'emailservice', cpu: 100, mem: 64 * Mi, cpuLimit: 200, memLimit: 128 * Mi },
    { name: 'checkoutservice', cpu: 100, mem: 64 * Mi, cpuLimit: 200, memLimit: 128 * Mi },
    { name: 'recommendationservice', cpu: 100, mem: 220 * Mi, cpuLimit: 200, memLimit: 450 * Mi },
    { name: 'frontend', cpu: 100, mem: 64 * Mi, cpuLimit: 200, memLimit: 128 * Mi },
    { name: 'cartservice', cpu: 200, mem: 64 * Mi, cpuLimit: 300, memLimit: 128 * Mi },
    // loadgenerator also has an init container without resources: it adds nothing.
    { name: 'loadgenerator', cpu: 300, mem: 256 * Mi, cpuLimit: 500, memLimit: 512 * Mi },
    { name: 'redis-cart', cpu: 70, mem: 200 * Mi, cpuLimit: 125, memLimit: 256 * Mi },
    { name: 'adservice', cpu: 200, mem: 180 * Mi, cpuLimit: 300, memLimit: 300 * Mi },
  ])('$name requests and limits', ({ name, cpu, mem, cpuLimit, memLimit }) => {
    const w = byName(loaded, name);
    expect(w.requests).toEqual({ cpuMilli: cpu, memoryBytes: mem });
    expect(w.limits).toEqual({ cpuMilli: cpuLimit, memoryBytes: memLimit });
  });

  test('twelve Deployments, one replica each (the API default, loadgenerator says 1), no HPA', () => {
    expect(loaded.before.workloads).toHaveLength(12);
    expect(loaded.before.workloads.every((w) => w.replicas === 1 && w.hpa === null && w.kind === 'Deployment')).toBe(true);
  });

  test('total CPU requests: 8 x 100m + 200m + 300m + 70m + 200m = 1570m', () => {
    expect(loaded.before.workloads.reduce((s, w) => s + w.requests.cpuMilli, 0)).toBe(1570);
  });

  test('the scenario entry adds load and CPU cost to the imported frontend', () => {
    const f = byName(loaded, 'frontend');
    expect(f.load).toEqual({ type: 'constant', rps: 40, noise: 'poisson' });
    expect([f.cpuPerRequestMs, f.workerThreads, f.terminationGracePeriodMs]).toEqual([4, 8, 30_000]);
    expect(byName(loaded, 'emailservice').terminationGracePeriodMs).toBe(5_000);
  });

  test('the twelve Services are listed and skipped; workloads without an entry are named', () => {
    expect(loaded.warnings).toContainEqual(expect.stringMatching(/skipped 12 object\(s\) of kinds the simulator does not model: Service x12 \(emailservice, checkoutservice, recommendationservice, frontend, \.\.\.\)/));
    expect(loaded.warnings).toContainEqual(expect.stringMatching(/11 imported workload\(s\) have no entry in spec.workloads/));
  });
});

describe('Kubernetes documentation examples (kubernetes/website content/en/examples)', () => {
  const loaded = mustLoad(
    scenario(`  imports:
    - manifests: manifests/k8s-website/app
  workloads:
    - name: php-apache
      load: { type: constant, rps: 10 }
      cpuPerRequest: 20ms
      workerThreads: 1
`),
  );

  test('php-apache: requests 200m, limit 500m, and the autoscaling/v2 HPA 1..10 at 50 % CPU', () => {
    const w = byName(loaded, 'php-apache');
    expect(w.requests).toEqual({ cpuMilli: 200, memoryBytes: 0 });
    expect(w.limits).toEqual({ cpuMilli: 500, memoryBytes: null });
    expect(w.hpa).toMatchObject({ minReplicas: 1, maxReplicas: 10, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }] });
    // No spec.replicas and an HPA: the simulation starts at minReplicas.
    expect(w.replicas).toBe(1);
  });

  test('zookeeper: a StatefulSet of 3 at 0.5 CPU / 1Gi, its PDB, its anti-affinity kept as data', () => {
    const zk = byName(loaded, 'zk');
    expect([zk.kind, zk.replicas, zk.requests.cpuMilli, zk.requests.memoryBytes, zk.limits.cpuMilli]).toEqual(['StatefulSet', 3, 500, Gi, null]);
    expect(zk.podDisruptionBudget).toEqual({ minAvailable: null, maxUnavailable: 1 });
    expect(loaded.inputs?.before.placement.zk?.podAffinity).toHaveProperty('podAntiAffinity');
  });

  test('the DaemonSet becomes per-node overhead (no requests: 0, with a warning)', () => {
    expect(loaded.before.cluster.daemonSets).toEqual([
      { name: 'example-daemonset', namespace: 'default', requests: { cpuMilli: 0, memoryBytes: 0 }, limits: { cpuMilli: null, memoryBytes: null } },
    ]);
    expect(loaded.warnings).toContainEqual(expect.stringMatching(/basic-daemonset.yaml:21:21: documents\[0\].spec.template.spec.containers: DaemonSet "example-daemonset": no container has resource requests/));
  });
});

describe('hand-written: sidecars, LimitRange, old HPA versions, PDB expressions, quota', () => {
  const loaded = mustLoad(
    scenario(`  imports:
    - manifests: manifests/hand-written/sidecars-and-hpas.yaml
  workloads:
    - name: api
      load: { type: constant, rps: 5 }
      cpuPerRequest: 10ms
      workerThreads: 2
`),
  );
  const api = byName(loaded, 'api');
  const db = byName(loaded, 'db');

  test('api: LimitRange defaults, sidecar and init container counted as the scheduler does', () => {
    // log-shipper gets cpu request 100m / limit 400m and memory request = limit = 256Mi from the LimitRange.
    // Requests: running = app 300 + log-shipper 100 + proxy sidecar 50 = 450m; init migrate alone 900m -> 900m.
    // Memory: 512 + 256 + 32 = 800Mi; init 64Mi. Limits: 1000 + 400 + 100 = 1500m; 1024 + 256 + 64 = 1344Mi.
    expect(api.requests).toEqual({ cpuMilli: 900, memoryBytes: 800 * Mi });
    expect(api.limits).toEqual({ cpuMilli: 1500, memoryBytes: 1344 * Mi });
    expect([api.namespace, api.replicas]).toEqual(['shop', 4]);
    expect(api.nodeSelector).toEqual({ pool: 'general' });
    expect(api.tolerations).toEqual([{ key: 'dedicated', operator: 'Equal', value: 'shop', effect: 'NoSchedule' }]);
    expect(loaded.warnings).toContainEqual(expect.stringMatching(/LimitRange in namespace shop set cpu limit for container log-shipper; cpu request for container log-shipper; memory limit for container log-shipper; memory request for container log-shipper/));
  });

  test('autoscaling/v1 targetCPUUtilizationPercentage becomes a v2 cpu Utilization metric', () => {
    expect(api.hpa).toMatchObject({ minReplicas: 2, maxReplicas: 12, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 65 } } }] });
  });

  test('autoscaling/v2beta1 targetAverageUtilization becomes a v2 target; minReplicas defaults to 1', () => {
    expect(db.hpa).toMatchObject({ minReplicas: 1, maxReplicas: 5, metrics: [{ type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 75 } } }] });
    expect(db.limits).toEqual({ cpuMilli: null, memoryBytes: 4 * Gi });
    expect(db.podDisruptionBudget).toEqual({ minAvailable: '50%', maxUnavailable: null });
  });

  test('the ResourceQuota and the LimitRange become the namespace\'s guardrails (spec.namespaces)', () => {
    const shop = loaded.before.namespaces.find((n) => n.name === 'shop');
    expect(shop?.resourceQuota).toEqual({ name: 'compute', hard: { requestsCpuMilli: 20_000, requestsMemoryBytes: null, limitsCpuMilli: null, limitsMemoryBytes: 64 * Gi, pods: 50 } });
    // LimitRange item defaulting: defaultRequest.memory was not given, so it is the default 256Mi.
    expect(shop?.limitRange?.container).toMatchObject({ default: { cpuMilli: 400, memoryBytes: 256 * Mi }, defaultRequest: { cpuMilli: 100, memoryBytes: 256 * Mi } });
    expect(loaded.before.namespaces.map((n) => n.name)).toEqual(['shop']);
  });

  test('the CronJob is listed as skipped', () => {
    expect(loaded.warnings).toContainEqual(expect.stringMatching(/skipped 1 object\(s\) of kinds the simulator does not model: CronJob x1 \(report\)/));
  });
});

describe('LimitRange and ResourceQuota examples from the Kubernetes documentation', () => {
  const loaded = mustLoad(
    scenario(`  imports:
    - manifests: [manifests/k8s-website/limits, manifests/k8s-website/app/php-apache.yaml]
      namespace: demo
  workloads:
    - name: php-apache
`),
  );

  test('php-apache sets no memory: the memory LimitRange gives request 256Mi and limit 512Mi', () => {
    const w = byName(loaded, 'php-apache');
    // cpu-defaults (default 1, defaultRequest 0.5) changes nothing: the container sets both.
    expect(w.requests).toEqual({ cpuMilli: 200, memoryBytes: 256 * Mi });
    expect(w.limits).toEqual({ cpuMilli: 500, memoryBytes: 512 * Mi });
    expect(w.namespace).toBe('demo');
  });

  test('the two LimitRanges combine into one, the quota keeps its four values', () => {
    const demo = loaded.before.namespaces.find((n) => n.name === 'demo')!;
    expect(demo.limitRange?.container).toMatchObject({ default: { cpuMilli: 1000, memoryBytes: 512 * Mi }, defaultRequest: { cpuMilli: 500, memoryBytes: 256 * Mi } });
    expect(demo.resourceQuota?.hard).toEqual({ requestsCpuMilli: 1000, requestsMemoryBytes: Gi, limitsCpuMilli: 2000, limitsMemoryBytes: 2 * Gi, pods: null });
    expect(loaded.warnings).toContainEqual(expect.stringMatching(/several LimitRanges: combined into one/));
  });
});
