import { describe, expect, test } from 'vitest';
import { join } from 'node:path';
import { cli, project, scenario } from './cli-helpers.js';

/** The scenario with one instance type of its own, used by the pool. */
const withType = (type: string) =>
  scenario()
    .replace('machineType: e2-standard-4', 'machineType: my-type')
    .replace('  cluster:\n', `  cluster:\n    instanceTypes:\n      - { name: my-type, provider: generic, ${type} }\n`);

describe('prices and quantities outside physical ranges are errors, not null in the JSON', () => {
  test.each([
    ['a price of 1e308 USD an hour', 'vcpu: 4, memory: 16Gi, onDemandHourly: 1e308', /onDemandHourly: .*<= 10000/],
    ['a machine with a billion CPUs', 'vcpu: 1000000000, memory: 16Gi, onDemandHourly: 0.2', /vcpu: .*<= 8192/],
    ['memory of 1e999999999 bytes', 'vcpu: 4, memory: "1e999999999", onDemandHourly: 0.2', /memory: not a Kubernetes quantity: too large/],
  ])('%s', async (_name, type, expected) => {
    const dir = project({ 'scenario.yaml': withType(type) });
    const r = await cli(['run', join(dir, 'scenario.yaml')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/scenario\.yaml:9:\d+: error: spec\.cluster\.instanceTypes\[0\]\./);
    expect(r.err).toMatch(expected);
  });

  test('a plausible machine of its own still runs', async () => {
    const dir = project({ 'scenario.yaml': withType('vcpu: 4, memory: 16Gi, onDemandHourly: 0.2') });
    const r = await cli(['run', join(dir, 'scenario.yaml'), '--json', join(dir, 'r.json')]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });
});
