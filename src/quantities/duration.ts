/**
 * Durations as Kubernetes and Go write them ("90s", "10m", "1h30m", "500ms", "720h"), or a plain
 * number of seconds (as in `stabilizationWindowSeconds: 300`). Results are integer milliseconds,
 * the simulator's unit of time.
 */
export type DurationResult = { ok: true; ms: number } | { ok: false; reason: string };

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/y;

export function parseDuration(input: string | number, options: { exact?: boolean } = {}): DurationResult {
  // Simulated time is whole milliseconds; `exact` keeps fractions (a CPU cost per request of 0.3ms).
  const round = options.exact ? (x: number) => x : Math.round;
  if (typeof input === 'number') {
    if (!Number.isFinite(input) || input < 0) return { ok: false, reason: 'must be a non-negative number of seconds' };
    return { ok: true, ms: round(input * 1000) };
  }
  const text = input.trim();
  if (text === '') return { ok: false, reason: 'empty duration' };
  if (/^\d+(\.\d+)?$/.test(text)) return parseDuration(Number(text), options);
  let total = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < text.length) {
    const start = PART.lastIndex;
    const match = PART.exec(text);
    if (!match || match.index !== start) {
      return { ok: false, reason: 'expected a duration such as "30s", "10m", "1h30m" or "500ms"' };
    }
    total += Number(match[1]) * UNIT_MS[match[2]!]!;
  }
  return { ok: true, ms: round(total) };
}

/** "1h30m", "45s", "2d" style text for reports. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  let seconds = Math.round(ms / 1000);
  const parts: string[] = [];
  for (const [unit, size] of [['d', 86400], ['h', 3600], ['m', 60], ['s', 1]] as const) {
    if (seconds >= size) {
      parts.push(`${Math.floor(seconds / size)}${unit}`);
      seconds %= size;
    }
  }
  return parts.join('');
}

/** "14:05" style clock time of a simulated instant (the scenario starts at 00:00 of day 1). */
export function formatClock(ms: number): string {
  const totalMinutes = Math.floor(ms / 60_000);
  const day = Math.floor(totalMinutes / 1440);
  const hh = String(Math.floor((totalMinutes % 1440) / 60)).padStart(2, '0');
  const mm = String(totalMinutes % 60).padStart(2, '0');
  return day > 0 ? `d${day + 1} ${hh}:${mm}` : `${hh}:${mm}`;
}
