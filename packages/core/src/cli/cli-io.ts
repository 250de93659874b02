/** Where the CLI reads and writes: the process by default, buffers in tests. */
export interface CliIo {
  /** Writes to standard output (text ends with a newline when it is a whole line). */
  stdout(text: string): void;
  /** Writes to standard error. */
  stderr(text: string): void;
  /** Directory relative paths are resolved against. */
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** The current time, epoch ms. */
  now(): number;
}

/** The real process's streams, directory, environment and clock. */
export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    now: () => Date.now(),
  };
}
