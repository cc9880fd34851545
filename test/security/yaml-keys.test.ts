import { describe, expect, test } from 'vitest';
import { join } from 'node:path';
import { cli, project, scenario } from './cli-helpers.js';
import { parseYamlSource } from '../../src/scenario/yaml-source.js';

const deployment = (extra: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: api }\nspec:\n  replicas: 3\n${extra}`;

describe('keys that are unsafe in a JavaScript object are refused with their position', () => {
  test.each([['__proto__'], ['constructor'], ['prototype']])('%s in a scenario', async (key) => {
    const dir = project({ 'scenario.yaml': scenario({ workload: `      ${key}: { replicas: 9 }\n` }) });
    const r = await cli(['run', join(dir, 'scenario.yaml')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`scenario\\.yaml:17:7: error: the key "${key}" is not accepted`));
  });

  test('__proto__ in a manifest', async () => {
    const dir = project({ 'scenario.yaml': scenario({ spec: '  imports: [{ manifests: m.yaml }]\n' }), 'm.yaml': deployment('  template:\n    __proto__: { polluted: true }\n') });
    const r = await cli(['run', join(dir, 'scenario.yaml')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/m\.yaml:7:5: error: documents\[0\]: the key "__proto__" is not accepted/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('constructor in Helm values', async () => {
    const dir = project({ 'scenario.yaml': scenario({ workload: '      helm: { values: values.yaml }\n' }), 'values.yaml': 'replicaCount: 2\nconstructor: 1\n' });
    const r = await cli(['run', join(dir, 'scenario.yaml')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/values\.yaml:2:1: error: the key "constructor" is not accepted/);
  });
});

describe('YAML merge keys are applied as YAML 1.1 tools apply them', () => {
  test('a merge key in a scenario fills the fields it names; the mapping\'s own keys win', async () => {
    // web takes every field of api (anchored) and overrides name and replicas.
    const withMerge = scenario().replace(
      '    - name: api\n      replicas: 2\n',
      '    - &api\n      name: api\n      replicas: 2\n',
    ).replace(/$/, '    - <<: *api\n      name: web\n      replicas: 4\n');
    const dir = project({ 'scenario.yaml': withMerge });
    const r = await cli(['run', join(dir, 'scenario.yaml')]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/web/);
  });

  test('merge keys in a manifest: fields of the anchored mapping, overridden locally', () => {
    const r = parseYamlSource('m.yaml', 'base: &b { cpu: 100m, memory: 64Mi }\nrequests:\n  <<: *b\n  memory: 128Mi\n');
    expect(r.ok && r.source.value).toEqual({ base: { cpu: '100m', memory: '64Mi' }, requests: { cpu: '100m', memory: '128Mi' } });
  });

  test('a list of merged mappings: earlier ones win, as YAML 1.1 says', () => {
    const r = parseYamlSource('m.yaml', 'a: &a { x: 1 }\nb: &b { x: 2, y: 2 }\nc:\n  <<: [*a, *b]\n');
    expect(r.ok && (r.source.value as { c: unknown }).c).toEqual({ x: 1, y: 2 });
  });
});
