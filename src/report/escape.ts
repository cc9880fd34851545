/**
 * The one home of untrusted text in reports. Names, descriptions, messages and file names come
 * from files that anyone who opens a merge request controls; every renderer passes them through
 * the function for its target before they reach the page, the terminal or the CI comment:
 * - {@link terminalText} / {@link terminalSafe}: no escape sequences or control characters;
 * - {@link markdownText} / {@link markdownCode}: one line, no quick action, mention, reference,
 *   link or HTML (words with such characters become code spans);
 * - {@link htmlText}: `& < > "` as entities;
 * - {@link xmlText} / {@link xmlAttr}: XML 1.0 character data and attribute values;
 * - {@link csvText}: no spreadsheet formula.
 */

/**
 * ECMA-48 escape sequences: CSI (`ESC [` ... final byte, e.g. colours), OSC (`ESC ]` ... BEL or
 * ST, e.g. terminal titles and hyperlinks), DCS/SOS/PM/APC strings, two-byte escapes, and the C1
 * form of CSI (U+009B).
 */
// eslint-disable-next-line no-control-regex
const ESCAPE_SEQUENCE = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[PX^_][^\u001b]*(?:\u001b\\)?|\u001b[ -/]*[0-~]|\u009b[0-?]*[ -/]*[@-~]/g;

/** Line breaks and tabs: they become one space, so untrusted text never starts a line. */
const LINE_BREAK = /\r\n|[\n\r\t\u000b\u000c\u0085\u2028\u2029]/g;

/** Other C0 and C1 control characters (including a lone ESC), removed. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** Bidirectional overrides and isolates ("Trojan Source", CVE-2021-42574): they reorder what a reader sees. */
const BIDI_CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Halves of a surrogate pair on their own: not text in any encoding. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** One line of plain, visible text: escape sequences and controls removed, line breaks as spaces. */
export function plainText(s: string): string {
  return s.replace(ESCAPE_SEQUENCE, '').replace(LINE_BREAK, ' ').replace(CONTROL, '').replace(BIDI_CONTROL, '').replace(LONE_SURROGATE, '\uFFFD');
}

/** Untrusted text for a terminal: nothing that moves the cursor, recolours, retitles or hides text. */
export function terminalText(s: string): string {
  return plainText(s);
}

/**
 * A copy of `value` with every string (values and keys) through {@link terminalText}: a terminal
 * renderer applies it to its input once, so no name or message it prints can carry a control
 * sequence, whatever field it came from. Numbers, booleans and typed arrays are kept as they are.
 */
export function terminalSafe<T>(value: T): T {
  return deepMapStrings(value, terminalText) as T;
}

function deepMapStrings(value: unknown, f: (s: string) => string): unknown {
  if (typeof value === 'string') return f(value);
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return value;
  if (Array.isArray(value)) return value.map((v) => deepMapStrings(v, f));
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [deepMapStrings(k, f), deepMapStrings(v, f)]));
  if (value instanceof Set) return new Set([...value].map((v) => deepMapStrings(v, f)));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[f(k)] = deepMapStrings(v, f);
  return out;
}

/**
 * ASCII characters a Markdown word may hold and stay plain text in GitHub and GitLab comments
 * (`<` and `&` as entities, `|` escaped by the table that holds it). Left out on purpose: `@`
 * (mentions), `#` `!` `~` (issue, merge request and label references), `*` `_` `` ` `` `\` `{`
 * `}` `^` (emphasis, code, math), `/` (GitLab quick actions, link targets) but as a word of its own.
 * Letters of every script, digits and other non-ASCII characters stay plain.
 */
const MARKDOWN_PLAIN_ASCII = /^[A-Za-z0-9 .,:;()'"=+\-%?<>&|$[\]]$/;

function isPlainMarkdownWord(word: string): boolean {
  // A lone slash ("4 / 6") is plain; a slash in a word may start a quick action or make a link.
  if (word === '/') return true;
  for (const ch of word) if (ch.charCodeAt(0) < 0x80 && !MARKDOWN_PLAIN_ASCII.test(ch)) return false;
  return true;
}

/**
 * Untrusted text for Markdown, on one line: words made only of plain characters stay plain (with
 * `&` and `<` as entities), any other word becomes a code span, where GitHub and GitLab render
 * nothing: no mention (`@all`), quick action (`/label`), reference (`#12`, `!3`, `~bug`), emphasis
 * or HTML.
 */
export function markdownText(s: string): string {
  return plainText(s)
    .split(' ')
    .map((word) => (isPlainMarkdownWord(word) ? word.replace(/&/g, '&amp;').replace(/</g, '&lt;') : markdownCode(word)))
    .join(' ');
}

/** Untrusted text as one Markdown code span, with a fence longer than any run of backticks inside. */
export function markdownCode(s: string): string {
  const t = plainText(s);
  if (t === '') return '';
  const longest = Math.max(0, ...(t.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  // A space inside each end keeps a backtick at the edge from joining the fence (CommonMark strips one).
  const pad = t.startsWith('`') || t.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${t}${pad}${fence}`;
}

/** Untrusted text in HTML element content or a double-quoted attribute; line breaks are kept. */
export function htmlText(s: string): string {
  return withoutControls(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Characters XML 1.0 forbids anywhere (C0 controls but tab, LF, CR; U+FFFE/F). */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Untrusted text as XML character data: markup characters as entities, forbidden characters as U+FFFD. */
export function xmlText(s: string): string {
  return s.replace(ESCAPE_SEQUENCE, '').replace(NOT_XML, '\uFFFD').replace(LONE_SURROGATE, '\uFFFD').replace(BIDI_CONTROL, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Untrusted text as a double-quoted XML attribute value. */
export function xmlAttr(s: string): string {
  // Newlines and tabs as character references, or attribute-value normalisation turns them into spaces.
  return xmlText(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

/** A number as a spreadsheet reads it; such a cell is data, never a formula. */
const CSV_NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/**
 * Untrusted text for a CSV cell: a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
 * return would be a formula in Excel, LibreOffice or Google Sheets ("CSV injection"), so it gets a
 * leading `'`, which they show as text. Plain numbers are left alone. Quoting is the caller's.
 */
export function csvText(s: string): string {
  const t = withoutControls(s);
  return /^[=+\-@\t\r]/.test(t) && !CSV_NUMBER.test(t) ? `'${t}` : t;
}

/** Escape sequences, controls (but tab and line breaks) and bidirectional controls removed. */
function withoutControls(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(ESCAPE_SEQUENCE, '').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '').replace(BIDI_CONTROL, '').replace(LONE_SURROGATE, '\uFFFD');
}
