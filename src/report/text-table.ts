/** Left-aligned first column, right-aligned others, two spaces apart; widths by content. */
export function textTable(rows: readonly (readonly string[])[], indent = '  '): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, visibleLength(cell))));
  return rows
    .map((row) => indent + row.map((cell, i) => (i === 0 ? padEnd(cell, widths[i]!) : padStart(cell, widths[i]!))).join('  ').trimEnd())
    .join('\n');
}

/** Length without ANSI colour codes. */
export function visibleLength(s: string): number {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\u001b\[[0-9;]*m/g, '').length;
}

function padEnd(s: string, w: number): string {
  return s + ' '.repeat(Math.max(0, w - visibleLength(s)));
}

function padStart(s: string, w: number): string {
  return ' '.repeat(Math.max(0, w - visibleLength(s))) + s;
}
