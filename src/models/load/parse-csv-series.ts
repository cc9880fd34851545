import { countDuplicateTimes, implausibleTime, toTimeSeries, type SeriesIssue, type SeriesParse, type SeriesParseOptions } from './time-series.js';

/** Unix times at or above this are read as milliseconds (1e11 s is the year 5138; 1e11 ms is 1973). */
const MS_EPOCH_THRESHOLD = 1e11;

/**
 * Reads `timestamp,value` lines (comma, semicolon or tab separated). A first line whose time does
 * not parse is a header; blank lines and `#` comments are skipped; columns after the second are
 * ignored. Times are Unix seconds, Unix milliseconds (>= 1e11) or RFC 3339 / ISO 8601 (no offset =
 * UTC, so a file means the same on every machine). Values must be numbers >= 0. Samples that share
 * a time are merged by their mean, with a note (as for one Prometheus series).
 */
export function parseCsvSeries(text: string, options: SeriesParseOptions = {}): SeriesParse {
  const lines = text.split(/\r?\n/);
  const issues: SeriesIssue[] = [];
  const samples: [number, number][] = [];
  const notes: string[] = [];
  let separator: string | null = null;
  let sawData = false;
  let extraColumns = false;
  lines.forEach((raw, i) => {
    if (options.maxPoints !== undefined && samples.length > options.maxPoints) return;
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    separator ??= [',', ';', '\t'].find((s) => line.includes(s)) ?? ',';
    const fields = line.split(separator).map((f) => f.trim().replace(/^"(.*)"$/, '$1'));
    const t = parseTime(fields[0] ?? '');
    if (!sawData && t === null) {
      sawData = true; // a header line
      return;
    }
    sawData = true;
    if (t === null) {
      issues.push({ line: i + 1, column: 1, path: '', message: `not a time: ${excerpt(fields[0] ?? '')} (expected Unix seconds, Unix ms or RFC 3339)` });
      return;
    }
    const implausible = implausibleTime(t, options);
    if (implausible) {
      issues.push({ line: i + 1, column: 1, path: '', message: `${excerpt(fields[0] ?? '')}: ${implausible}` });
      return;
    }
    if (fields.length < 2) {
      issues.push({ line: i + 1, column: raw.length + 1, path: '', message: 'expected two columns: timestamp,value' });
      return;
    }
    if (fields.length > 2) extraColumns = true;
    const v = Number(fields[1]);
    if (fields[1] === '' || !Number.isFinite(v)) {
      issues.push({ line: i + 1, column: raw.indexOf(separator!) + 2, path: '', message: `not a number: ${excerpt(fields[1] ?? '')}` });
      return;
    }
    if (v < 0) {
      issues.push({ line: i + 1, column: raw.indexOf(separator!) + 2, path: '', message: `a rate or a CPU usage cannot be negative: ${excerpt(fields[1] ?? '')}` });
      return;
    }
    samples.push([t, v]);
    if (options.maxPoints !== undefined && samples.length > options.maxPoints) {
      issues.push({ line: i + 1, column: 1, path: '', message: options.tooManyPoints ?? `more than ${options.maxPoints} samples` });
    }
  });
  if (issues.length > 0) return { ok: false, issues };
  const duplicates = countDuplicateTimes(samples);
  if (duplicates > 0) notes.push(`${duplicates} sample(s) repeat an earlier time: the values at one time were averaged`);
  if (samples.length < 2) return { ok: false, issues: [{ line: 0, column: 0, path: '', message: 'need at least two samples to replay' }] };
  if (extraColumns) notes.push('read the first two columns (time, value); the others were ignored');
  return { ok: true, series: toTimeSeries(samples), notes };
}

/** A field quoted in a message: at most 40 characters, so an error never echoes a whole line of data. */
export function excerpt(field: string): string {
  return JSON.stringify(field.length > 40 ? `${field.slice(0, 40)}...` : field);
}

function parseTime(field: string): number | null {
  if (/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(field)) {
    const n = Number(field);
    return Math.round(n >= MS_EPOCH_THRESHOLD ? n : n * 1000);
  }
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(field)) return null;
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(field) && field.length > 10;
  const iso = field.length === 10 ? `${field}T00:00:00Z` : hasZone ? field.replace(' ', 'T') : `${field.replace(' ', 'T')}Z`;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : null;
}
