/**
 * Growth of the cost: the least-squares slope of log(cost) against log(size). A cost proportional
 * to size^k has slope k, so 1 means linear growth; a fixed start-up cost pulls the slope below 1
 * for small sizes.
 */
export function logLogSlope(points: readonly { readonly x: number; readonly y: number }[]): number | null {
  const usable = points.filter((p) => p.x > 0 && p.y > 0);
  if (usable.length < 2) return null;
  const xs = usable.map((p) => Math.log(p.x));
  const ys = usable.map((p) => Math.log(p.y));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
  }
  return sxx === 0 ? null : sxy / sxx;
}

/**
 * The cost of a run of `targetHours` from runs of the same cluster that finished: with two or more,
 * the last measured run plus the marginal cost per hour between the last two (start-up and cache
 * warm-up are paid once); with one, proportional to it (an upper estimate, since that run carries
 * the whole start-up). Null with none.
 */
export function extrapolateInTime(measured: readonly { readonly hours: number; readonly cpuSeconds: number }[], targetHours: number): { cpuSeconds: number; how: string } | null {
  const done = [...measured].filter((m) => m.hours < targetHours).sort((a, b) => a.hours - b.hours);
  const last = done.at(-1);
  if (!last) return null;
  const previous = done.at(-2);
  if (previous) {
    const perHour = Math.max(0, (last.cpuSeconds - previous.cpuSeconds) / (last.hours - previous.hours));
    return { cpuSeconds: last.cpuSeconds + perHour * (targetHours - last.hours), how: `${hoursLabel(last.hours)} plus the ${hoursLabel(previous.hours)}-${hoursLabel(last.hours)} marginal rate` };
  }
  return { cpuSeconds: (last.cpuSeconds * targetHours) / last.hours, how: `${hoursLabel(last.hours)} x ${+(targetHours / last.hours).toFixed(1)} (linear, an upper estimate)` };
}

export function hoursLabel(hours: number): string {
  return hours >= 48 && hours % 24 === 0 ? `${hours / 24} d` : `${hours} h`;
}
