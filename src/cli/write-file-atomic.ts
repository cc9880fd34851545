import { closeSync, constants, fsyncSync, lstatSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** A file written in full beside its target, waiting to be renamed over it. */
export interface StagedFile {
  readonly target: string;
  readonly temporary: string;
}

/**
 * Why a target may not be replaced; null when it is absent or a regular file. A folder on the way
 * from the working directory to the target must not be a symbolic link either: a link committed to
 * the repository (`out -> /etc`) would otherwise carry the report out of the checkout. Folders
 * above the working directory, and absolute paths outside it, are the job's own choice.
 */
export function unsafeTarget(path: string): string | null {
  const linked = symlinkedFolder(path);
  if (linked) return `${linked} on the way to ${path} is a symbolic link; kube-whatif does not write through links inside the working directory (write to a real folder)`;
  let kind: string;
  try {
    const s = lstatSync(path);
    if (s.isFile()) return null;
    kind = s.isSymbolicLink() ? 'a symbolic link' : s.isDirectory() ? 'a directory' : s.isFIFO() ? 'a named pipe' : s.isSocket() ? 'a socket' : 'a device file';
  } catch {
    // Absent: it will be created. Any other failure (a parent that is a file) shows when it is written.
    return null;
  }
  return `${path} exists and is ${kind}, not a regular file; kube-whatif only replaces regular files (remove it or choose another path)`;
}

/** The first folder between the working directory and `path` (exclusive) that is a symbolic link. */
function symlinkedFolder(path: string): string | null {
  const inside = relative(process.cwd(), resolve(path));
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return null;
  const folders = inside.split(sep).slice(0, -1);
  let at = process.cwd();
  for (const folder of folders) {
    at = join(at, folder);
    try {
      if (lstatSync(at).isSymbolicLink()) return relative(process.cwd(), at);
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * Text produced in pieces: called with a `write` that takes each piece as it comes, so that a large
 * document goes to disk without ever being one string.
 */
export type StreamedText = (write: (chunk: string) => void) => void;

/**
 * Writes `content` (a string, bytes, or the pieces a {@link StreamedText} gives) to a new file in the
 * target's folder: a name nobody can predict, created exclusively (O_EXCL) without following a
 * symbolic link (O_NOFOLLOW), flushed to disk. Nothing at `target` changes until
 * {@link commitStaged}. Throws the system error (ENOSPC, EROFS, ...), or whatever the producer
 * threw, after removing what it created.
 */
export function stageFile(target: string, content: string | Uint8Array | StreamedText): StagedFile {
  const dir = dirname(target);
  mkdirSync(dir, { recursive: true });
  const temporary = join(dir, `.${basename(target)}.${randomBytes(8).toString('hex')}.tmp`);
  // 0o666 before the umask, as any new file of the user's.
  const fd = openSync(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o666);
  try {
    const putBytes = (bytes: Uint8Array): void => {
      let offset = 0;
      while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    };
    const put = (text: string): void => putBytes(Buffer.from(text, 'utf8'));
    if (typeof content === 'string') put(content);
    else if (content instanceof Uint8Array) putBytes(content);
    else content(put);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temporary, { force: true });
    throw error;
  }
  closeSync(fd);
  return { target, temporary };
}

/** Renames the staged file over its target (atomic within a file system); refuses a target that is no longer a regular file. */
export function commitStaged(staged: StagedFile): void {
  const problem = unsafeTarget(staged.target);
  if (problem) {
    const error: NodeJS.ErrnoException = new Error(problem);
    error.code = 'EEXIST';
    error.path = staged.target;
    throw error;
  }
  renameSync(staged.temporary, staged.target);
}

/** Removes a staged file that will not be committed. */
export function discardStaged(staged: StagedFile): void {
  rmSync(staged.temporary, { force: true });
}

/** Writes through a temporary file in the same folder and renames it: never a half-written file. */
export function writeFileAtomic(path: string, content: string | Uint8Array | StreamedText): void {
  const staged = stageFile(path, content);
  try {
    commitStaged(staged);
  } catch (error) {
    discardStaged(staged);
    throw error;
  }
}
