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

/** Exit codes, documented in README. */
export const ExitCode = {
  ok: 0,
  assertionFailed: 1,
  badInput: 2,
} as const;
