import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { toJson } from '../../src/report/to-json.js';
import { goldenName, goldenSummary, scenarioFiles } from './golden-summary.js';

/**
 * Every file in scenarios/ against its golden summary in test/golden/summaries/ (exact bytes).
 * When a change is meant to move the numbers, regenerate them all with `npm run golden:update`
 * (UPDATE_GOLDEN=1) and review the diff; a plain test run never writes them.
 */
const root = resolve(fileURLToPath(import.meta.url), '../../..');
const dir = join(root, 'test/golden/summaries');
const update = process.env.UPDATE_GOLDEN === '1';
const files = scenarioFiles(root);
const hint = 'if the change is intended, run npm run golden:update and review the diff';

describe('golden summaries of the shipped scenarios', () => {
  test('every scenario file has a golden summary, and every summary a scenario file', () => {
    const expected = files.map(goldenName).sort();
    if (update) {
      mkdirSync(dir, { recursive: true });
      for (const n of readdirSync(dir)) if (!expected.includes(n)) rmSync(join(dir, n));
      return;
    }
    const present = existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.json')).sort() : [];
    expect(present, hint).toEqual(expected);
  });

  test.each(files)('%s', async (file) => {
    const actual = toJson(await goldenSummary(file));
    const path = join(dir, goldenName(file));
    if (update) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(path, actual);
      return;
    }
    expect(existsSync(path), `${path} is missing: ${hint}`).toBe(true);
    expect(actual, `${file} no longer gives its golden summary; ${hint}`).toBe(readFileSync(path, 'utf8'));
  }, 120_000);
});
