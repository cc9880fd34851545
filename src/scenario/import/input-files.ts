import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';

/** Reads a file's text, or undefined when it does not exist (injectable for reading git revisions). */
export type ReadText = (path: string) => string | undefined;

/** Every file below a directory (recursively, sorted), or undefined when `path` is not a directory. */
export type ListFiles = (path: string) => readonly string[] | undefined;

export const readFromDisk: ReadText = (path) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

export const listFromDisk: ListFiles = (path) => {
  try {
    if (!statSync(path).isDirectory()) return undefined;
    const out: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        const full = join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else out.push(full);
      }
    };
    walk(path);
    return out;
  } catch {
    return undefined;
  }
};

/** File names a manifest folder contributes (as kubectl apply -f <dir> reads them). */
export function isManifestFile(path: string): boolean {
  return /\.(ya?ml|json)$/i.test(path);
}

/** An input path written in a scenario, relative to the scenario's folder (kept relative when that is). */
export function inputPath(baseDir: string, path: string): string {
  return isAbsolute(path) ? path : join(baseDir, path);
}
