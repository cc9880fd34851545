import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** The charting library's browser build, inlined into the HTML report so it works offline. */
export interface ChartLibrary {
  readonly name: string;
  readonly version: string;
  /** Browser script defining the global `uPlot`. */
  readonly script: string;
  readonly css: string;
}

/**
 * Reads uPlot (MIT, https://github.com/leeoniya/uPlot) from node_modules at report time: the
 * installed package is the only source, no CDN. The one file-reading step of the HTML report.
 */
export function readChartLibrary(): ChartLibrary {
  const require = createRequire(import.meta.url);
  const read = (file: string) => readFileSync(require.resolve(`uplot/${file}`), 'utf8');
  const pkg = JSON.parse(read('package.json')) as { version: string };
  return { name: 'uPlot', version: pkg.version, script: read('dist/uPlot.iife.min.js'), css: read('dist/uPlot.min.css') };
}
