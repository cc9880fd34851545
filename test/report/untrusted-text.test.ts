import { beforeAll, describe, expect, test } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { readFileSync } from 'node:fs';
import { renderMarkdown } from '../../src/report/markdown-report.js';
import { renderHtml } from '../../src/report/html-report.js';
import { renderJunit } from '../../src/report/junit-report.js';
import { renderComparison } from '../../src/report/terminal-report.js';
import { colorsFor } from '../../src/report/colors.js';
import { toSweepCsv } from '../../src/sweep/sweep-csv.js';
import { csvText, htmlText, markdownCode, markdownText, terminalText, xmlAttr, xmlText } from '../../src/report/escape.js';
import type { ComparisonResult } from '../../src/report/comparison.js';
import type { SweepResult } from '../../src/sweep/types.js';
import { smallCompare } from './small-compare.js';

/** What someone who can open a merge request may write as a name, a description or a message. */
const HOSTILE = [
  { name: 'GitLab quick action on its own line', text: 'ok\n/label ~bug\n/assign @all' },
  { name: 'mention of everyone', text: 'ping @all and @here' },
  { name: 'new line and a heading', text: 'x\n# heading\n---' },
  { name: 'ANSI colour and terminal title', text: 'red \u001b[31mALERT\u001b[0m \u001b]0;owned\u0007 \u009b2J' },
  { name: 'HTML script', text: '<script>alert(1)</script><img src=x onerror=alert(2)>' },
  { name: 'CDATA end and XML markup', text: ']]><evil attr="1"/>&amp;' },
  { name: 'spreadsheet formula', text: "=cmd|' /C calc'!A0" },
  { name: 'backticks and a link', text: '``` [click](https://evil.example) **bold** `x`' },
  { name: 'bidirectional override', text: 'abc\u202Efed\u2066x\u2069' },
];

/** The cells of an RFC 4180 document, in order. */
function parseCsv(csv: string): string[] {
  const cells: string[] = [];
  let i = 0;
  while (i < csv.length) {
    let cell = '';
    if (csv[i] === '"') {
      i++;
      for (;;) {
        if (csv[i] === '"' && csv[i + 1] === '"') (cell += '"'), (i += 2);
        else if (csv[i] === '"') break;
        else cell += csv[i++];
      }
      i++;
    } else while (i < csv.length && csv[i] !== ',' && csv[i] !== '\n') cell += csv[i++];
    cells.push(cell);
    i++;
  }
  return cells;
}

/** Markdown with code spans taken out (CommonMark: a run of n backticks up to the next run of exactly n). */
function liveMarkdown(md: string): string {
  let out = '';
  let i = 0;
  while (i < md.length) {
    if (md[i] !== '`') {
      out += md[i++];
      continue;
    }
    let n = 0;
    while (md[i + n] === '`') n++;
    const fence = '`'.repeat(n);
    let j = md.indexOf(fence, i + n);
    while (j >= 0 && md[j + n] === '`') {
      let k = j;
      while (md[k] === '`') k++;
      j = md.indexOf(fence, k);
    }
    if (j < 0) {
      out += fence;
      i += n;
    } else i = j + n;
  }
  return out;
}

function assertMarkdownInert(md: string): void {
  const live = liveMarkdown(md);
  expect(live).not.toMatch(/@all|@here/);
  expect(live).not.toMatch(/^\s*\//m);
  expect(live).not.toMatch(/~bug/);
  expect(live).not.toMatch(/^# heading/m);
  expect(live).not.toMatch(/<script|<img|<evil|\]\(https?:/i);
  expect(md).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
}

describe('the escape functions, one target each', () => {
  test.each(HOSTILE)('$name: markdownText keeps one line with nothing live', ({ text }) => {
    const md = markdownText(text);
    expect(md).not.toContain('\n');
    assertMarkdownInert(md);
  });

  test('markdownText leaves plain words as they are and code-spans the others', () => {
    expect(markdownText('raise maxReplicas of payments from 10 to 30 (+25.1%)')).toBe('raise maxReplicas of payments from 10 to 30 (+25.1%)');
    expect(markdownText('ping @all now')).toBe('ping `@all` now');
    expect(markdownText('a <= b & c')).toBe('a &lt;= b &amp; c');
    expect(markdownText('/label ~bug')).toBe('`/label` `~bug`');
  });

  test('markdownCode fences text that holds backticks with a longer fence', () => {
    expect(markdownCode('a`b')).toBe('``a`b``');
    expect(markdownCode('`x`')).toBe('`` `x` ``');
  });

  test.each(HOSTILE)('$name: terminalText holds no control character', ({ text }) => {
    expect(terminalText(text)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  });

  test.each(HOSTILE)('$name: htmlText opens no tag, entity or attribute', ({ text }) => {
    const h = htmlText(text);
    expect(h).not.toMatch(/[<>"\u001b]/);
    expect(h.replace(/&(amp|lt|gt|quot);/g, '')).not.toContain('&');
  });

  test.each(HOSTILE)('$name: xmlText and xmlAttr are well-formed character data', ({ text }) => {
    for (const x of [xmlText(text), xmlAttr(text)]) {
      expect(x).not.toMatch(/[<>\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
      expect(x).not.toContain(']]>');
    }
    expect(xmlAttr(text)).not.toMatch(/["\n\t]/);
  });

  test.each([
    ['=cmd|\' /C calc\'!A0', "'=cmd|' /C calc'!A0"],
    ['+1+2', "'+1+2"],
    ['-2+3+cmd', "'-2+3+cmd"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['-12.5', '-12.5'],
    ['+3e4', '+3e4'],
    ['payments', 'payments'],
  ])('csvText(%j) is %j', (input, expected) => {
    expect(csvText(input)).toBe(expected);
  });
});

describe('hostile text from the scenario reaches no report alive', () => {
  let base: ComparisonResult;
  beforeAll(async () => {
    base = await smallCompare({ seeds: 1 });
  }, 60_000);

  /** The result with the scenario's name and description, the change and a workload named by the attacker. */
  function hostile(text: string): ComparisonResult {
    const quoted = JSON.stringify(text).slice(1, -1);
    const json = JSON.stringify(base).replace(/\bweb\b/g, quoted);
    const r = JSON.parse(json) as ComparisonResult;
    const decision = { timeMs: 60_000, from: 2, to: 3, reason: 'SuccessfulRescale', limitedReason: 'DesiredWithinRange', message: text };
    return {
      ...r,
      scenario: { ...r.scenario, name: text, description: text, file: `dir/${text}.yaml` },
      change: { ...r.change, description: text },
      runs: { ...r.runs, after: { ...r.runs.after, hpaDecisions: { ...r.runs.after.hpaDecisions, api: [decision] } } },
    };
  }

  test.each(HOSTILE)('$name: Markdown', ({ text }) => {
    const md = renderMarkdown(hostile(text));
    assertMarkdownInert(md);
    // The layout is the benign one: untrusted text adds no line.
    expect(md.split('\n').length).toBe(renderMarkdown(hostile('benign')).split('\n').length);
  });

  test.each(HOSTILE)('$name: HTML', ({ text }) => {
    const lib = { name: 'lib', version: '0', css: '', script: '' };
    const page = renderHtml(hostile(text), lib);
    const benign = renderHtml(hostile('benign'), lib);
    for (const tag of ['<script', '<img', '<evil']) expect(page.split(tag).length, tag).toBe(benign.split(tag).length);
    expect(page).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  });

  const xsd = readFileSync('test/fixtures/junit/junit.xsd', 'utf8');
  test.each(HOSTILE)('$name: JUnit is valid against the schema and has no extra element', async ({ text }) => {
    const xml = renderJunit(hostile(text));
    const result = await validateXML({ xml: [{ fileName: 'r.xml', contents: xml }], schema: [{ fileName: 'junit.xsd', contents: xsd }] });
    expect(result.errors.map((e) => e.rawMessage)).toEqual([]);
    expect(xml.split('<').length).toBe(renderJunit(hostile('benign')).split('<').length);
  });

  test.each(HOSTILE)('$name: terminal, with colours on, carries only its own colour codes', ({ text }) => {
    const out = renderComparison(hostile(text), colorsFor({ isTTY: true }, {}));
    const escapes = out.match(/\u001b[^m]*m?/g) ?? [];
    for (const e of escapes) expect(e).toMatch(/^\u001b\[\d+m$/);
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001a\u001c-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(out).not.toMatch(/^(\/label|# heading)/m);
  });

  test.each(HOSTILE)('$name: CSV has no formula cell', ({ text }) => {
    const sweep = {
      parameters: [text],
      quality: 'unrelated.throttledRatio.p95',
      workloads: [text],
      assertions: [text],
      points: [
        { index: 0, configuration: 0, seed: 1, values: { [text]: text }, status: 'error', pass: false, costMonthlyUsd: -1.5, nodesPeak: 1, nodesMean: 1, quality: null, workloads: {}, assertions: [], error: text },
      ],
    } as unknown as SweepResult;
    const csv = toSweepCsv(sweep);
    const cells = parseCsv(csv);
    expect(cells.length).toBeGreaterThan(10);
    for (const c of cells) if (/^[=+\-@\t\r]/.test(c)) expect(c, c).toMatch(/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/);
  });
});
