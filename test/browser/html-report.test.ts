import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { renderHtml } from '../../src/report/html-report.js';
import { readChartLibrary } from '../../src/report/html/chart-library.js';
import { smallCompare } from '../report/small-compare.js';

/** Debian's chromium package; .ci/run installs it. */
const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = 'out/report-screenshot.png';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`test/browser skipped: ${CHROMIUM} not found (Debian: apt-get install -y chromium; .ci/run does it)`);

/** Charts per workload panel (replicas, throttling, latency, CPU) and in the cluster panel (nodes, cost). */
const CHARTS_PER_WORKLOAD = 4;
const CLUSTER_CHARTS = 2;
/** What the page's script exposes (the project's tsconfig has no DOM lib; the page's global is globalThis). */
type PageGlobal = { whatifCharts: number };

describe.skipIf(!hasChromium)(`HTML report in headless Chromium${hasChromium ? '' : ` (skipped: ${CHROMIUM} not installed)`}`, () => {
  let profile: string;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    const r = await smallCompare({ seeds: 2 });
    mkdirSync('out', { recursive: true });
    const file = resolve('out/report.html');
    writeFileSync(file, renderHtml(r, readChartLibrary()));
    profile = mkdtempSync(join(tmpdir(), 'whatif-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 900 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await context.newPage();
    page.on('console', (m) => void (m.type() === 'error' || m.type() === 'warning' ? problems.push(`console ${m.type()}: ${m.text()}`) : undefined));
    page.on('pageerror', (e) => void problems.push(`page error: ${e.message}`));
    page.on('request', (req) => void (req.url().startsWith('file:') ? undefined : requests.push(req.url())));
    await page.goto(pathToFileURL(file).href);
    await page.waitForFunction(() => (globalThis as unknown as PageGlobal).whatifCharts > 0, undefined, { timeout: 10_000 });
  }, 30_000);

  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  test('every chart outside a folded section is drawn on a canvas of non-zero size', async () => {
    const charts = await page.$$eval('.chart', (els) =>
      els.map((el) => {
        const canvas = el.querySelector('canvas');
        const box = canvas?.getBoundingClientRect();
        return { folded: el.closest('details:not([open])') !== null, width: box?.width ?? 0, height: box?.height ?? 0, noData: el.classList.contains('no-data') };
      }),
    );
    const shown = charts.filter((c) => !c.folded);
    // The small fixture: cluster + api (changed) + web, whose panel is open when it is in the blast radius.
    expect([CLUSTER_CHARTS + CHARTS_PER_WORKLOAD, CLUSTER_CHARTS + 2 * CHARTS_PER_WORKLOAD]).toContain(shown.length);
    for (const c of shown) {
      expect(c.noData).toBe(false);
      expect(c.width).toBeGreaterThan(200);
      expect(c.height).toBeGreaterThan(100);
    }
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobal).whatifCharts)).toBe(shown.length);
  });

  test('each chart has a legend with before and after', async () => {
    const legends = await page.$$eval('.chart .u-legend', (els) => els.map((el) => el.textContent ?? ''));
    expect(legends.length).toBeGreaterThan(0);
    for (const text of legends) expect(text).toMatch(/before[\s\S]*after/);
  });

  test('a folded workload panel draws its charts when opened', async () => {
    const folded = await page.$$('details.chart-group:not([open])');
    if (folded.length === 0) return;
    const before = await page.evaluate(() => (globalThis as unknown as PageGlobal).whatifCharts);
    await folded[0]!.evaluate((d) => ((d as unknown as { open: boolean }).open = true));
    await page.waitForFunction((n) => (globalThis as unknown as PageGlobal).whatifCharts === n, before + CHARTS_PER_WORKLOAD);
  });

  test('no console errors, no page errors, no request leaves the file (works offline)', () => {
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
  });

  test(`screenshot saved to ${SCREENSHOT}`, async () => {
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(existsSync(SCREENSHOT)).toBe(true);
  });
});
