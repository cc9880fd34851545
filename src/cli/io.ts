/** Where a command writes: injectable so tests call commands in-process. */
export interface CommandIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readonly stdoutIsTty: boolean;
  readonly stderrIsTty: boolean;
  readonly env: NodeJS.ProcessEnv;
}

export const processIo: CommandIo = {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
  stdoutIsTty: process.stdout.isTTY === true,
  stderrIsTty: process.stderr.isTTY === true,
  env: process.env,
};

/**
 * Exit codes, documented in README, docs/security-and-limits.md and `whatif --help`. A CI job can
 * act on each: 1 is a policy verdict, 2 a fix in the merge request, 3 a fix in the job, 4 a report.
 */
export const ExitCode = {
  ok: 0,
  /** A policy (assertion) is violated; every output file is still written. */
  assertionFailed: 1,
  /** The input is wrong: the message names file, line, column and field. */
  badInput: 2,
  /** The machine is the problem: an output cannot be written, a git revision is missing, memory ran out. */
  environment: 3,
  /** A bug in kube-whatif. */
  internal: 4,
} as const;

/** The exit codes as `whatif --help` lists them. */
export const EXIT_CODES_HELP = `
Exit codes:
  0    pass: every policy (spec.assert) holds
  1    a policy is violated (outputs are written)
  2    bad input: the message names file, line, column and field
  3    environment: an output cannot be written (read-only or full disk, a folder or device
       in its place), a git revision is missing, memory ran out
  4    internal error: a bug in kube-whatif; please report it
  130  interrupted (Ctrl-C)
`;
