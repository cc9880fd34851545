import { describe, expect, test } from 'vitest';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { cli, project, scenario } from './cli-helpers.js';
import { formatProblem } from '../../src/scenario/problem.js';

/** A scenario importing `manifests: <path>` from `sub/scenario.yaml` of a fresh git repository. */
function importing(path: string, files: Record<string, string> = {}): { dir: string; file: string } {
  const dir = project({ 'sub/scenario.yaml': scenario({ spec: `  imports:\n    - manifests: ${JSON.stringify(path)}\n` }), ...files });
  mkdirSync(join(dir, '.git'));
  return { dir, file: join(dir, 'sub/scenario.yaml') };
}

const SECRET = 'TOP_SECRET_TOKEN_VALUE';

describe('paths a scenario names stay inside its project', () => {
  test.each([
    ['a relative path climbing out', '../../../../../../../../etc/passwd'],
    ['an absolute path', '/etc/passwd'],
    ['the process environment', '/proc/self/environ'],
  ])('%s is refused with exit 2 and the hint --allow-path', async (_name, path) => {
    const { file } = importing(path);
    const r = await cli(['run', file]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/scenario\.yaml:\d+:\d+: error: spec\.imports\[0\]\.manifests: .* is outside the project .*--allow-path/);
    expect(r.err).not.toMatch(/root:x:0/);
  });

  test('a symbolic link inside the project to a file outside is refused, and nothing of it is printed', async () => {
    const outside = project({ 'secret.yaml': `apiVersion: v1\nkind: ${SECRET}\n` });
    const { dir, file } = importing('link.yaml');
    symlinkSync(join(outside, 'secret.yaml'), join(dir, 'sub/link.yaml'));
    const r = await cli(['run', file]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/link\.yaml is outside the project .*: it resolves to .*secret\.yaml/);
    expect(r.err).not.toContain(SECRET);
  });

  test('--allow-path DIR admits files below DIR', async () => {
    const outside = project({ 'api.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: api }\nspec:\n  replicas: 3\n  template: { spec: { containers: [{ name: c, resources: { requests: { cpu: 100m } } }] } }\n' });
    const { file } = importing(join(outside, 'api.yaml'));
    expect((await cli(['run', file])).code).toBe(2);
    const r = await cli(['run', file, '--allow-path', outside]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });

  test('the project is the git top level: a file beside the scenario folder is read', async () => {
    const { file } = importing('../manifests/api.yaml', {
      'manifests/api.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: api }\nspec:\n  replicas: 3\n  template: { spec: { containers: [{ name: c, resources: { requests: { cpu: 100m } } }] } }\n',
    });
    const r = await cli(['run', file]);
    expect(r.err).not.toMatch(/outside the project/);
    expect(r.code).toBe(0);
  });

  test('without a git repository the project is the scenario folder', async () => {
    const dir = project({ 'sub/scenario.yaml': scenario({ spec: '  imports:\n    - manifests: ../api.yaml\n' }), 'api.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: api }\n' });
    const r = await cli(['run', join(dir, 'sub/scenario.yaml')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/api\.yaml is outside the project/);
  });

  test('a FIFO is refused before it is opened for reading (it would block forever)', async () => {
    const { dir, file } = importing('pipe.yaml');
    execFileSync('mkfifo', [join(dir, 'sub/pipe.yaml')]);
    const r = await cli(['run', file]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/pipe\.yaml is not a regular file/);
  });

  test('a device is refused even when its folder is allowed', async () => {
    const { file } = importing('/dev/zero');
    const r = await cli(['run', file, '--allow-path', '/dev']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/\/dev\/zero is not a regular file/);
  });

  test.each([
    ['Helm values', (p: string) => scenario({ workload: `      helm: { values: ${JSON.stringify(p)} }\n` })],
    ['a recorded load', (p: string) => scenario().replace('load: { type: constant, rps: 10 }', `load: { type: replay, file: ${JSON.stringify(p)} }`)],
    ['change.file', (p: string) => scenario({ spec: `  change: { file: ${JSON.stringify(p)} }\n` })],
  ])('%s outside the project is refused', async (_name, make) => {
    const dir = project({ 'scenario.yaml': make('/etc/hostname') });
    const r = await cli(['run', join(dir, 'scenario.yaml')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/\/etc\/hostname is outside the project/);
  });

  test('a manifest folder holding a symbolic link out is refused, not silently skipped', async () => {
    const outside = project({ 'x.yaml': 'kind: Secret\n' });
    const { dir, file } = importing('manifests');
    mkdirSync(join(dir, 'sub/manifests'));
    writeFileSync(join(dir, 'sub/manifests/a.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: api }\n');
    symlinkSync(join(outside, 'x.yaml'), join(dir, 'sub/manifests/b.yaml'));
    const r = await cli(['run', file]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/b\.yaml is outside the project/);
  });

  test('every command that loads a scenario accepts --allow-path', async () => {
    for (const command of ['compare', 'run', 'explain', 'sweep', 'search', 'node']) {
      const r = await cli([command, '--help']);
      expect(r.out, command).toContain('--allow-path <dir>');
    }
  });
});

describe('messages quote at most a short excerpt of a file', () => {
  test('a long value in a manifest is cut in the message', async () => {
    const secret = `S${'x'.repeat(5000)}END`;
    const { file } = importing('m.yaml', {
      'sub/m.yaml': `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: api }\nspec:\n  replicas: ${JSON.stringify(secret)}\n`,
    });
    const r = await cli(['run', file]);
    expect(r.code).toBe(2);
    expect(r.err).not.toContain('END');
    for (const line of r.err.split('\n')) expect(line.length).toBeLessThan(400);
  });

  test('formatProblem cuts any value found to 80 characters', () => {
    const text = formatProblem({ file: 'f.yaml', line: 1, column: 1, path: 'x', message: 'bad', value: 'y'.repeat(1000), severity: 'error' });
    expect(text).toBe(`f.yaml:1:1: error: x: bad (got ${'y'.repeat(80)}... (1000 characters))`);
  });
});
