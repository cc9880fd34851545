import { describe, expect, test } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSweepBase } from '../../src/sweep/load-sweep-base.js';
import { planSweep } from '../../src/sweep/plan-sweep.js';
import type { SweepFlags } from '../../src/sweep/read-sweep-spec.js';
import { formatProblem } from '../../src/scenario/problem.js';

const fixture = readFileSync('test/fixtures/scenarios/small-change.yaml', 'utf8');

/** The fixture with a sweep block (YAML lines under `spec:`) appended. */
function withSweep(block: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'whatif-plan-'));
  const file = join(dir, 'scenario.yaml');
  writeFileSync(file, `${fixture}  sweep:\n${block}`);
  return file;
}

function plan(file: string, flags: SweepFlags = {}) {
  const base = loadSweepBase(file);
  if (!base.ok) return { ok: false as const, problems: base.problems.map(formatProblem) };
  const p = planSweep(base.value, flags);
  return p.ok ? p : { ok: false as const, problems: p.problems.map(formatProblem) };
}

describe('planSweep', () => {
  test('a block with a range grid, a list grid and seeds: 3 x 2 configurations x 2 seeds = 12 points', () => {
    const file = withSweep(['    parameters:', '      workloads.api.hpa.maxReplicas: { from: 4, to: 12, step: 4 }', '      workloads.web.resources.requests.cpu: [300m, 500m]', '    seeds: 2'].map((l) => `${l}\n`).join(''));
    const p = plan(file);
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    expect(p.plan.points).toHaveLength(12);
    expect(p.plan.configurations).toHaveLength(6);
    // Seeds from spec.seed (7) on.
    expect(p.plan.header.seeds).toEqual([7, 8]);
    // Configuration 1 is maxReplicas 4 with web at 500m; the resolved after config has both (and the change's 800m for api).
    const c1 = p.plan.configurations[1]!;
    expect(c1.workloads.find((w) => w.name === 'api')!.hpa!.maxReplicas).toBe(4);
    expect(c1.workloads.find((w) => w.name === 'api')!.requests.cpuMilli).toBe(800);
    expect(c1.workloads.find((w) => w.name === 'web')!.requests.cpuMilli).toBe(500);
    // A swept path into web makes web a changed workload: "unrelated" no longer counts it.
    expect(p.plan.header.changedWorkloads).toEqual(['api', 'web']);
    // The baseline stays the before configuration.
    expect(p.plan.baseline.workloads.find((w) => w.name === 'api')!.hpa!.maxReplicas).toBe(4);
  });

  test('flags add to the block and replace a path it has', () => {
    const file = withSweep('    parameters:\n      workloads.api.hpa.maxReplicas: [4, 8]\n');
    const p = plan(file, { param: ['workloads.api.hpa.maxReplicas=5,6,7', 'cluster.nodePools.shared.maxNodes=3..4'] });
    expect(p.ok && p.plan.points.length).toBe(6);
  });

  test('the same inputs give the same sweep id; another seed count another', () => {
    const file = withSweep('    parameters:\n      workloads.api.hpa.maxReplicas: [4, 8]\n');
    const a = plan(file);
    const b = plan(file);
    const c = plan(file, { seeds: 2 });
    expect(a.ok && b.ok && a.plan.header.sweepId === b.plan.header.sweepId).toBe(true);
    expect(a.ok && c.ok && a.plan.header.sweepId !== c.plan.header.sweepId).toBe(true);
  });

  // The fixture has 45 lines; `sweep:` is line 46, `parameters:` 47, the parameter's key line 48 at column 7.
  test.each([
    { name: 'a misspelt workload in a path, at the sweep block', block: '    parameters:\n      workloads.apu.hpa.maxReplicas: [4, 8]\n', flags: {}, problem: /scenario\.yaml:48:7: error: spec\.sweep\.parameters\.workloads\.apu\.hpa\.maxReplicas: workloads has no item named "apu"; did you mean "api"\?/ },
    { name: 'a misspelt workload in a --param flag, on the command line', block: '    seeds: 1\n', flags: { param: ['workloads.apu.replicas=2'] }, problem: /^\(command line\): error: workloads\.apu\.replicas: workloads has no item named "apu"; did you mean "api"\?/ },
    { name: 'a value the schema refuses', block: '    parameters:\n      workloads.api.hpa.maxReplicas: [0]\n', flags: {}, problem: /maxReplicas/ },
    { name: 'an unknown key in the block', block: '    paramters:\n      workloads.api.hpa.maxReplicas: [4]\n', flags: {}, problem: /unknown field "paramters".*did you mean "parameters"/ },
    { name: 'an unknown quality metric', block: '    quality: unrelated.throtledRatio\n', flags: {}, problem: /quality metric: unknown metric "unrelated\.throtledRatio"/ },
    { name: 'random parameters without a count', block: '    seeds: 1\n', flags: { range: ['workloads.api.hpa.maxReplicas=4..12'] }, problem: /need a sample count/ },
    { name: 'a path both on the grid and random', block: '    seeds: 1\n', flags: { param: ['workloads.api.replicas=2,3'], range: ['workloads.api.replicas=2..3'], random: 2 }, problem: /both a grid and a random parameter/ },
  ])('$name is a problem before anything runs', ({ block, flags, problem }) => {
    const p = plan(withSweep(block), flags);
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.problems.join('\n')).toMatch(problem);
  });
});
