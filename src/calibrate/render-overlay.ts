import type { Calibration } from './calibrate-recordings.js';
import type { ParameterEstimate } from './fit-workload.js';

/**
 * The calibration as a scenario overlay: a strategic-merge patch on `spec` that sets, per workload,
 * the parameters the data identify, each with a comment saying where it came from. Parameters the
 * data cannot identify are not written (the scenario keeps its value) and say why in a comment.
 */
export function renderOverlay(c: Calibration): string {
  const lines = [
    '# kube-whatif calibration overlay (a patch on the scenario spec).',
    `# Fitted from the recordings in ${oneLine(c.recordings)} for ${oneLine(c.scenario)}.`,
    '# Use it with --overlay, e.g.: whatif backtest <scenario> --from <recordings> --overlay <this file>',
    '# Model: CPU per ready pod = idleCpu + cpuPerRequest x requests/s per pod (Huber robust regression).',
    'spec:',
    '  workloads:',
  ];
  let written = 0;
  for (const f of c.fits) {
    const body: string[] = [];
    const cpr = f.cpuPerRequestMs;
    const idle = f.idleCpuMilli;
    const pts = `${f.points} points, R² ${f.rSquared?.toFixed(3) ?? 'n/a'}`;
    if (cpr && cpr.identified && cpr.value > 0) {
      body.push(`      # cpuPerRequest: slope of the fit, 95 % interval ${ms(cpr.low)} .. ${ms(cpr.high)} (${pts})`);
      body.push(`      cpuPerRequest: ${ms(cpr.value)}`);
    } else {
      body.push(`      # cpuPerRequest: not identified by the data (${reason(cpr)}); the scenario keeps its value`);
    }
    if (idle && idle.identified) {
      body.push(`      # idleCpu: intercept of the fit (CPU per pod at no load), 95 % interval ${milli(idle.low)} .. ${milli(idle.high)}`);
      body.push(`      idleCpu: ${Math.max(0, Math.round(idle.value))}m`);
    } else {
      body.push(`      # idleCpu: not identified by the data (${reason(idle)}); the scenario keeps its value`);
    }
    const g = f.loadGrowthMs;
    if (g && (g.low > 0 || g.high < 0)) {
      const verb = g.low > 0 ? 'grows' : 'falls';
      body.push(`      # CPU per request ${verb} with load: ${g.value.toFixed(4)}ms per request/s per pod (95 % ${g.low.toFixed(4)} .. ${g.high.toFixed(4)});`);
      body.push('      # the simulator models a fixed cost per request, so this is not written as a parameter.');
    }
    const cv = f.cpuPerRequestCv;
    if (cv && cv.identified) {
      body.push(`      # cpuPerRequestCv: spread of the queue-free recorded latency (probit slope of its histogram buckets), 95 % interval ${cv.low.toFixed(2)} .. ${cv.high.toFixed(2)} (${f.latency!.points} points)`);
      body.push(`      cpuPerRequestCv: ${Number(cv.value.toFixed(2))}`);
    } else if (cv) {
      body.push(`      # cpuPerRequestCv: not identified by the latency (${reason(cv)}); the scenario keeps its value`);
    } else {
      body.push(`      # cpuPerRequestCv: ${f.latency ? 'too few queue-free latency points' : 'needs a latency histogram (<workload>.latency-buckets.json)'}; rate-averaged CPU hides it; the scenario keeps its value`);
    }
    for (const w of f.warnings) body.push(`      # warning: ${oneLine(w)}`);
    lines.push(`    - name: ${JSON.stringify(f.workload)}`, ...body);
    written++;
  }
  if (written === 0) lines.push('    []');
  return `${lines.join('\n')}\n`;
}

function reason(e: ParameterEstimate | null): string {
  if (!e) return 'no fit';
  return `estimate ${e.value.toFixed(2)}, 95 % interval ${e.low.toFixed(2)} .. ${e.high >= Number.MAX_VALUE ? 'unbounded' : e.high.toFixed(2)}`;
}

/** Milliseconds with three significant digits, as a duration the scenario reads ("6.25ms"). */
function ms(v: number): string {
  return `${Number(Math.max(0, v).toPrecision(3))}ms`;
}

function milli(v: number): string {
  return `${v.toFixed(1)}m`;
}

/** Comments are single lines: a newline in a name or message would end the comment. */
function oneLine(s: string): string {
  return s.replace(/[\r\n]+/g, ' ');
}
