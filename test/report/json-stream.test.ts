import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { toJson, writeCompactJson, writeJson } from '../../src/report/to-json.js';
import { htmlWriter, renderHtml } from '../../src/report/html-report.js';
import { readChartLibrary } from '../../src/report/html/chart-library.js';
import { smallCompare } from './small-compare.js';

function streamed(value: unknown): { text: string; chunks: string[] } {
  const chunks: string[] = [];
  writeJson(value, (c) => void chunks.push(c));
  return { text: chunks.join(''), chunks };
}

describe('JSON written in pieces is the same text as toJson', () => {
  test('the small compare result, byte for byte', async () => {
    const r = await smallCompare({ seeds: 1 });
    expect(streamed(r).text).toBe(toJson(r));
  });

  test.each([
    ['empty object and array', { a: {}, b: [] }],
    ['NaN and Infinity become null, rounding to 6 digits', { x: NaN, y: -Infinity, z: 1 / 3, w: [Infinity, 2.5e-7, 123456789.123] }],
    ['undefined and functions: left out of objects, null in arrays', { a: undefined, b: () => 1, c: [undefined, () => 1, 3] }],
    ['toJSON is honoured', { when: new Date(0), nested: { toJSON: () => ({ k: 1 }) } }],
    ['a key JSON leaves out does not leave a stray comma', { a: 1, b: undefined, c: 2, d: undefined }],
    ['only left-out keys: an empty object', { a: undefined }],
    ['strings needing escapes and unicode', { 'k"ey\n': 'line\nbreak \u2028 "quoted" \\ é 🚀' }],
    ['-0 and integers', [-0, 0, 1, -5, Number.MAX_SAFE_INTEGER]],
    ['top-level scalars', 'text'],
  ])('%s', (_name, value) => {
    expect(streamed(value).text).toBe(toJson(value));
  });

  test('any JSON value (property)', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => streamed(v).text === toJson(v)), { numRuns: 300 });
  });

  test('a document larger than one piece arrives in several pieces of bounded size', () => {
    // 200,000 numbers at about 12 characters each with indentation: about 2.4 M characters.
    const big = { series: Array.from({ length: 200_000 }, (_, i) => i + 0.5) };
    const { text, chunks } = streamed(big);
    expect(text).toBe(toJson(big));
    expect(chunks.length).toBeGreaterThan(1);
    // A piece is flushed once it reaches 1 Mi characters; the last write that crossed it is one short token.
    for (const c of chunks) expect(c.length).toBeLessThan((1 << 20) + 100);
  });
});

describe('compact JSON written in pieces is JSON.stringify', () => {
  const compact = (value: unknown): string => {
    const chunks: string[] = [];
    writeCompactJson(value, (c) => void chunks.push(c));
    return chunks.join('');
  };

  test.each([
    ['empty object and array', { a: {}, b: [] }],
    ['numbers as they are, NaN and Infinity as null', { x: NaN, y: -Infinity, z: 1 / 3, w: [Infinity, 2.5e-7, 123456789.123] }],
    ['undefined and functions: left out of objects, null in arrays', { a: undefined, b: () => 1, c: [undefined, () => 1, 3] }],
    ['toJSON is honoured', { when: new Date(0), nested: { toJSON: () => ({ k: 1 }) } }],
    ['strings needing escapes and unicode', { 'k"ey\n': 'line\nbreak \u2028 "</script>" \\ é 🚀' }],
  ])('%s', (_name, value) => {
    expect(compact(value)).toBe(JSON.stringify(value));
  });

  test('any JSON value (property)', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => compact(v) === JSON.stringify(v)), { numRuns: 300 });
  });
});

describe('the HTML page is written in pieces', () => {
  test('the pieces join to the page renderHtml returns, and chart data never closes its script', async () => {
    const r = await smallCompare({ seeds: 1 });
    const lib = readChartLibrary();
    const hostile = { ...r, scenario: { ...r.scenario, description: '</script><script>alert(1)</script>' } };
    const chunks: string[] = [];
    htmlWriter(hostile, lib)((c) => void chunks.push(c));
    const page = chunks.join('');
    expect(chunks.length).toBeGreaterThan(2);
    expect(page).toBe(renderHtml(hostile, lib));
    const data = page.slice(page.indexOf('id="whatif-chart-data">') + 23, page.indexOf('</script>', page.indexOf('id="whatif-chart-data">')));
    expect(() => JSON.parse(data)).not.toThrow();
  });
});
