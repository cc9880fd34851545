// The whole suite, as CI runs it: type check; build; the import-boundary check of src/ (the layers
// in .dependency-cruiser.cjs, counted as one test); every test except the kernel calibration; then the
// kernel calibration alone (it loads both CPUs at the highest cgroup weight, which would starve
// tests running beside it). Ends with the plain line "N passed, N failed, N skipped" (tests, not
// files; a file that failed without a failing test counts once) and exits
// non-zero when anything failed. Extra arguments go to vitest (e.g. a test file filter).
import { spawnSync } from 'node:child_process';
import { readFileSync, mkdirSync, rmSync } from 'node:fs';
import { summarizeVitest } from './summarize-vitest.mjs';

const bin = (name) => new URL(`../node_modules/.bin/${name}`, import.meta.url).pathname;
const calibration = 'test/models/cpu/calibration.test.ts';
const extra = process.argv.slice(2);

const tsc = spawnSync(bin('tsc'), ['--noEmit', '-p', '.'], { stdio: 'inherit' });
if (tsc.status !== 0) {
  console.log('type check failed');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

// Worker threads (compare, sweep) load the compiled JavaScript: build it from the sources under test.
const build = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
if (build.status !== 0) {
  console.log('build failed');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

mkdirSync('out', { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0, brokenFiles: 0 };
let ok = true;

// The layers of src/ (docs/architecture.md): a forbidden import fails the run like a failed test.
// Skipped, like the calibration, when a filter selects some tests.
if (extra.length === 0) {
  const boundaries = spawnSync('npm', ['run', '--silent', 'lint:deps'], { stdio: 'inherit' });
  if (boundaries.status === 0) {
    totals.passed += 1;
  } else {
    console.log('import-boundary check failed (npm run lint:deps)');
    totals.failed += 1;
    ok = false;
  }
}

function vitest(label, args, env) {
  const report = `out/vitest-${label}.json`;
  rmSync(report, { force: true });
  const run = spawnSync(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...args], {
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  try {
    const r = summarizeVitest(JSON.parse(readFileSync(report, 'utf8')));
    for (const key of Object.keys(totals)) totals[key] += r[key];
  } catch {
    totals.failed += 1;
  }
  // vitest exits 1 when no file matched a filter; that is not a failure of the suite.
  if (run.status !== 0 && !(extra.length > 0 && run.status === 1 && totals.failed === 0)) ok = false;
}

vitest('main', ['--exclude', calibration, ...extra], { KUBE_WHATIF_SKIP_CALIBRATION: '1' });
if (extra.length === 0) vitest('calibration', [calibration], {});

if (!ok && totals.failed === 0) totals.failed = 1;
const broken = totals.brokenFiles ? ` (of which ${totals.brokenFiles} test file${totals.brokenFiles === 1 ? '' : 's'} that did not run)` : '';
console.log(`${totals.passed} passed, ${totals.failed} failed${broken}, ${totals.skipped} skipped`);
process.exit(ok && totals.failed === 0 ? 0 : 1);
