import { describe, expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import type { CommandIo } from '../../src/cli/io.js';

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CommandIo = { stdout: (s) => void (out += s), stderr: (s) => void (err += s), stdoutIsTty: false, stderrIsTty: false, env: {} };
  return { code: await main(args, io), out, err };
}

/** The seed's workflow: a merge request that edits a chart's values.yaml, simulated from git. */
describe('whatif compare --git and whatif explain --git', () => {
  const values = (maxReplicas: number, cpu: string) => `replicaCount: 2
resources:
  requests: { cpu: ${cpu}, memory: 256Mi }
  limits: { cpu: "1", memory: 512Mi }
autoscaling:
  enabled: true
  minReplicas: 2
  maxReplicas: ${maxReplicas}
  targetCPUUtilizationPercentage: 80
`;
  const scenario = readFileSync('test/fixtures/scenarios/small-change.yaml', 'utf8')
    .replace(/  change:\n(    .*\n|      .*\n|        .*\n|          .*\n)+/, '')
    .replace(/    - name: api\n      replicas: 2\n      resources:\n        requests: \{ cpu: 200m, memory: 256Mi \}\n        limits: \{ cpu: "1", memory: 512Mi \}\n      hpa:\n        minReplicas: 2\n        maxReplicas: 4\n/, '    - name: api\n      helm: { values: values.yaml }\n');

  function repo(): string {
    const dir = mkdtempSync(join(tmpdir(), 'whatif-git-'));
    const git = (...a: string[]) => execFileSync('git', a, { cwd: dir, stdio: 'pipe' });
    git('init', '-q', '-b', 'main');
    git('config', 'user.email', 'ci@example.com');
    git('config', 'user.name', 'ci');
    mkdirSync(join(dir, 'deploy'));
    writeFileSync(join(dir, 'deploy', 'scenario.yaml'), scenario);
    writeFileSync(join(dir, 'deploy', 'values.yaml'), values(4, '200m'));
    git('add', '-A');
    git('commit', '-qm', 'base');
    writeFileSync(join(dir, 'deploy', 'values.yaml'), values(12, '800m'));
    git('commit', '-qam', 'payments: more replicas, bigger requests');
    // An uncommitted edit must not be seen: only the revisions are read.
    writeFileSync(join(dir, 'deploy', 'values.yaml'), values(99, '3'));
    return dir;
  }

  test('the before config is read at the base revision and the after config at the head', async () => {
    expect(scenario).toMatch(/helm: \{ values: values\.yaml \}/);
    const dir = repo();
    const out = join(dir, 'r.json');
    const r = await cli('compare', '--git', 'HEAD~1..HEAD', join(dir, 'deploy', 'scenario.yaml'), '--seeds', '1', '--json', out);
    expect(r.err).not.toMatch(/error/);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    const fields = Object.fromEntries(json.change.fields.map((f: { path: string; before: unknown; after: unknown }) => [f.path, [f.before, f.after]]));
    // Exactly the committed change (4 -> 12, 200m -> 800m), not the uncommitted 99 / 3 cores.
    expect(fields['workloads.api.hpa.maxReplicas']).toEqual([4, 12]);
    expect(fields['workloads.api.requests.cpuMilli']).toEqual([200, 800]);
    expect(json.cluster['cost.monthly'].after).toBeGreaterThan(json.cluster['cost.monthly'].before);
  });

  test('explain --git states the bounds of the same change', async () => {
    const dir = repo();
    const r = await cli('explain', '--git', 'HEAD~1..HEAD', join(dir, 'deploy', 'scenario.yaml'));
    expect(r.code).toBe(0);
    // 4 x 200m = 0.8 cores before, 12 x 800m = 9.6 cores after.
    expect(r.out).toMatch(/maximum CPU requests from 0\.8 to 9\.6 cores/);
  });

  test('a revision missing from the clone is an environment problem: exit 3, for compare and explain', async () => {
    const dir = repo();
    const r = await cli('compare', '--git', 'nope..HEAD', join(dir, 'deploy', 'scenario.yaml'));
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/unknown revision nope/);
    expect((await cli('explain', '--git', 'nope..HEAD', join(dir, 'deploy', 'scenario.yaml'))).code).toBe(3);
    expect(r.err).not.toMatch(/\n\s+at /);
  });
});
