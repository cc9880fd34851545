import { closeSync, existsSync, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve as resolvePath } from 'node:path';
import { DEFAULT_LIMITS, overLimit, type Limits } from '../limits.js';

/** Reads a file's text, or undefined when it does not exist (injectable for reading git revisions). */
export type ReadText = (path: string) => string | undefined;

/** Every file below a directory (recursively, sorted), or undefined when `path` is not a directory. */
export type ListFiles = (path: string) => readonly string[] | undefined;

/** Why a path was refused (outside the project, not a regular file, too large); undefined when it was not. */
export type Refusal = (path: string) => string | undefined;

/** How the loader reads input files: injectable so git revisions can be read without a checkout. */
export interface InputReader {
  readonly readText: ReadText;
  readonly listFiles: ListFiles;
  /** Why the last read or list of `path` gave nothing, when it was refused rather than missing. */
  readonly refusal?: Refusal;
}

export interface DiskReaderOptions {
  /** Folders inputs may come from; every path must resolve, symbolic links followed, inside one. */
  readonly roots: readonly string[];
  readonly limits?: Limits;
}

/**
 * The project a scenario belongs to: the git top level above it (the nearest folder with a `.git`
 * entry, as git finds it), else the scenario's own folder. Found without running git, so loading
 * stays a pure file-system read.
 */
export function projectRoot(scenarioFile: string): string {
  const start = realOrSelf(dirname(resolvePath(scenarioFile)));
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return start;
  }
}

/**
 * Reads input files from disk, refusing what a scenario must not make the tool read: a path that
 * resolves (after following symbolic links) outside the allowed roots, anything but a regular file
 * (a FIFO or a device never ends), and a file above the size limit, which is checked while
 * reading since /proc files report size 0.
 */
export function diskReader(options: DiskReaderOptions): Required<InputReader> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const roots = options.roots.map((r) => realOrSelf(resolvePath(r)));
  const refused = new Map<string, string>();
  const outside = (path: string): string | undefined => {
    const real = realpathSync(path);
    if (roots.some((root) => isInside(root, real))) return undefined;
    return `${path} is outside the project (${roots.join(', ')})${real !== resolvePath(path) ? `: it resolves to ${real}` : ''}; pass --allow-path DIR to read files from DIR`;
  };
  const refuse = (path: string, why: string): undefined => {
    refused.set(path, why);
    return undefined;
  };
  const readText: ReadText = (path) => {
    refused.delete(path);
    try {
      if (!existsSync(path)) return undefined;
      const out = outside(path);
      if (out) return refuse(path, out);
      const stat = statSync(path);
      if (stat.isDirectory()) return undefined;
      if (!stat.isFile()) return refuse(path, `${path} is not a regular file (a FIFO, socket or device is never read)`);
      return readCapped(path, limits.fileBytes.value) ?? refuse(path, `${path}: ${overLimit(limits.fileBytes, stat.size > limits.fileBytes.value ? stat.size : limits.fileBytes.value + 1)}`);
    } catch {
      return undefined;
    }
  };
  const listFiles: ListFiles = (path) => {
    try {
      // A refusal of the same path as a file stays: the caller tries the file first.
      if (!statSync(path).isDirectory()) return undefined;
      refused.delete(path);
      const out = outside(path);
      if (out) return refuse(path, out);
      const files: string[] = [];
      const walk = (dir: string): boolean => {
        for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
          const full = join(dir, entry.name);
          if (entry.isDirectory()) {
            if (!walk(full)) return false;
          } else {
            files.push(full);
            if (files.length > limits.filesPerFolder.value) return false;
          }
        }
        return true;
      };
      if (!walk(path)) return refuse(path, `${path}: ${overLimit(limits.filesPerFolder, files.length)}`);
      return files;
    } catch {
      return undefined;
    }
  };
  return { readText, listFiles, refusal: (path) => refused.get(path) };
}

/** The file's text, or undefined when it holds more than `maxBytes` bytes. */
function readCapped(path: string, maxBytes: number): string | undefined {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > maxBytes) return undefined;
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(1 << 20, maxBytes + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > maxBytes) return undefined;
    }
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** A reader with no containment, for tests and tools that read files the user named themselves. */
export const readFromDisk: ReadText = (path) => diskReader({ roots: ['/'] }).readText(path);

export const listFromDisk: ListFiles = (path) => diskReader({ roots: ['/'] }).listFiles(path);

/** File names a manifest folder contributes (as kubectl apply -f <dir> reads them). */
export function isManifestFile(path: string): boolean {
  return /\.(ya?ml|json)$/i.test(path);
}

/** An input path written in a scenario, relative to the scenario's folder (kept relative when that is). */
export function inputPath(baseDir: string, path: string): string {
  return isAbsolute(path) ? path : join(baseDir, path);
}

/** The message for an input that gave no text: why it was refused, else that it may not exist. */
export function cannotRead(path: string, refusal: Refusal | undefined, missing = 'does it exist?'): string {
  return refusal?.(path) ?? `cannot read ${path} (${missing})`;
}
