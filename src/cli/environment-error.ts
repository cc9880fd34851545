/**
 * A problem of the machine the run is on, not of the input and not a bug: an output that cannot be
 * written (read-only or full disk, a folder or device where a file should go), a git revision that
 * is not in the clone, memory running out. The CLI entry maps it to exit code 3.
 */
export class EnvironmentError extends Error {
  override readonly name = 'EnvironmentError';
  /** True when the details were already printed (the entry then adds no second message). */
  readonly reported: boolean;
  constructor(message: string, options: { reported?: boolean; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.reported = options.reported ?? false;
  }
}

/** Node's error for a failed system call (`ENOSPC`, `EROFS`, `EISDIR`, ...), with the path when it has one. */
export function isSystemError(error: unknown): error is NodeJS.ErrnoException & { code: string } {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && /^E[A-Z0-9]+$/.test((error as NodeJS.ErrnoException).code!);
}

/** What running out of memory or stack looks like from JavaScript, when V8 lets the program see it. */
export function isResourceExhaustion(error: unknown): boolean {
  if (!(error instanceof RangeError)) return false;
  return /Invalid string length|Invalid array length|Array buffer allocation failed|Maximum call stack size exceeded|Invalid typed array length/.test(error.message);
}

/** One line naming the path and the reason: `cannot write out/report.md: no space left on device (ENOSPC)`. */
export function describeSystemError(error: NodeJS.ErrnoException & { code: string }, action?: string, path?: string): string {
  const where = path ?? error.path ?? (error as { dest?: string }).dest ?? '';
  const reason = SYSTEM_ERROR_TEXT[error.code] ?? error.message.replace(/^[A-Z0-9]+: /, '').replace(/, \w+ '.*'$/, '');
  const verb = action ?? (error.syscall ? `${error.syscall}` : 'use');
  return `cannot ${verb}${where ? ` ${where}` : ''}: ${reason} (${error.code})`;
}

/** Plain words for the codes people meet in CI. */
const SYSTEM_ERROR_TEXT: Record<string, string> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EISDIR: 'is a directory',
  ENOTDIR: 'a parent is not a directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOENT: 'no such file or directory',
  EEXIST: 'already exists',
  ELOOP: 'too many symbolic links, or a symbolic link where none is followed',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files in the system',
  ENOMEM: 'out of memory',
  EIO: 'input/output error',
  EXDEV: 'not on the same file system',
  ETXTBSY: 'file busy',
};
