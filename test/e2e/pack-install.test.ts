import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ensureDist, root } from '../sweep/ensure-dist.js';

/**
 * What the CI recipes (docs/ci.md) do on a clean machine: `npm pack` makes the tarball, an empty
 * folder installs it with npm preferring the local cache (the dependencies' tarballs are there
 * after `npm ci`; npm asks the registry only for their version lists), and `npx whatif` runs a
 * scenario copied out of the package. When npm cannot install (no registry, empty cache) the test
 * is skipped and says why.
 */
const work = mkdtempSync(join(tmpdir(), 'whatif-pack-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function npm(args: string[], cwd: string): SpawnSyncReturns<string> {
  // The parent `npm test` exports its own settings (npm_config_*, npm_package_*); the child starts clean.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_(package|lifecycle|config_(?!cache$|registry$))/i.test(k)));
  return spawnSync('npm', args, { cwd, encoding: 'utf8', env, timeout: 120_000 });
}

describe('npm pack, install the tarball in an empty folder, run npx whatif', () => {
  test('the tarball installs from the cache and compares a copied scenario', async (ctx) => {
    ensureDist();
    const pack = npm(['pack', '--ignore-scripts', '--json', '--pack-destination', work], root);
    expect(pack.status, pack.stderr).toBe(0);
    const [packed] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
    const files = packed!.files.map((f) => f.path);
    expect(files).toContain('dist/cli/main.js');
    expect(files).toContain('dist/sweep/worker.js');
    expect(files).toContain('dist/sweep/worker-entry.cjs');
    expect(files.filter((f) => f.startsWith('test/') || f.startsWith('src/') || f.startsWith('bench/'))).toEqual([]);

    const app = join(work, 'app');
    mkdirSync(app);
    const install = npm(['install', '--prefer-offline', '--no-audit', '--no-fund', join(work, packed!.filename)], app);
    if (install.status !== 0) {
      ctx.skip(`npm could not install the tarball's dependencies (registry unreachable and not in the local cache): ${install.stderr.trim().split('\n').slice(-3).join(' ')}`);
      return;
    }

    const version = spawnSync('npx', ['--no-install', 'whatif', '--version'], { cwd: app, encoding: 'utf8' });
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);

    // A shipped scenario, copied out of the installed package as a user would.
    copyFileSync(join(app, 'node_modules/kube-whatif/scenarios/reports-cpu-limit.yaml'), join(app, 'scenario.yaml'));
    const run = spawnSync('npx', ['--no-install', 'whatif', 'compare', 'scenario.yaml', '--seeds', '1', '--workers', '1', '--json', 'out.json'], {
      cwd: app,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.stderr).not.toMatch(/internal error|Error:/);
    expect([0, 1]).toContain(run.status);
    expect(run.stdout).toContain('reports-cpu-limit');
    const result = JSON.parse(readFileSync(join(app, 'out.json'), 'utf8')) as { verdict: string };
    expect(result.verdict).toBe(run.status === 0 ? 'pass' : 'fail');
    expect(readdirSync(app).sort()).toEqual(['node_modules', 'out.json', 'package-lock.json', 'package.json', 'scenario.yaml']);
  }, 180_000);
});
