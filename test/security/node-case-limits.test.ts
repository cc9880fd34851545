import { describe, expect, test } from 'vitest';
import { parseNodeCase } from '../../src/scenario/node-case-load.js';
import { formatProblem } from '../../src/scenario/problem.js';
import { cli, project } from './cli-helpers.js';
import { join } from 'node:path';
import { limitsFromEnv } from '../../src/scenario/limits.js';

const nodeCase = (containers: string, extra = '') => `name: c\nduration_s: 60\ncores: 4\n${extra}containers:\n${containers}`;
const poisson = (rate: number) => `  - { name: a, requests_millicores: 500, load: { type: poisson, rate_per_s: ${rate}, cpu_ms: 5 } }\n`;

function problems(text: string): string[] {
  const r = parseNodeCase('case.yaml', text);
  return r.ok ? [] : r.problems.map(formatProblem);
}

describe('node cases: bounded work', () => {
  test('a request rate x duration above the limit is refused before simulating', () => {
    // 1,000,000 requests/s x 60 s = 60 million requests, above 10 million.
    expect(problems(nodeCase(poisson(1_000_000)))).toEqual([
      expect.stringMatching(/^case\.yaml:2:13: error: duration_s: exceeds the limit of 10000000 requests per node case .*WHATIF_MAX_NODE_CASE_REQUESTS.* \(got 60000000\)/),
    ]);
    expect(problems(nodeCase(poisson(100)))).toEqual([]);
  });

  test('threads per container and containers per case have limits', () => {
    expect(problems(nodeCase('  - { name: a, load: { type: busy, threads: 100000 } }\n'))[0]).toMatch(/containers\[0\]\.load\.threads: exceeds the limit of 10000 threads per node-case container/);
    const many = Array.from({ length: 501 }, (_, i) => `  - { name: c${i}, load: { type: idle } }\n`).join('');
    expect(problems(nodeCase(many))[0]).toMatch(/containers: exceeds the limit of 500 containers per node case .* \(got 501\)/);
  });

  test('a CPU list beyond any Linux machine is refused instead of being expanded', () => {
    expect(problems(nodeCase(poisson(10), 'cpus: "0-1000000000"\n'))[0]).toMatch(/cpus: CPU ids go up to 8191/);
  });

  test('the node command refuses a device as its case file', async () => {
    const r = await cli(['node', '/dev/zero']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/\/dev\/zero is not a regular file/);
    const dir = project({ 'case.yaml': nodeCase(poisson(1_000_000)) });
    const over = await cli(['node', join(dir, 'case.yaml')]);
    expect(over.code).toBe(2);
    expect(over.err).toMatch(/exceeds the limit of 10000000 requests per node case/);
  });

  test('the variable raises the limit', () => {
    const limits = limitsFromEnv({ WHATIF_MAX_NODE_CASE_REQUESTS: '100000000' });
    if (!limits.ok) throw new Error(limits.message);
    expect(parseNodeCase('case.yaml', nodeCase(poisson(1_000_000)), { limits: limits.limits }).ok).toBe(true);
  });
});
