/** Where the CLI reads and writes: the process by default, buffers in tests. */
export interface CliIo {
  /** Writes to standard output (text ends with a newline when it is a whole line). */
  stdout(text: string): void;
  /** Writes to standard error. */
  stderr(text: string): void;
  /** Reads all of standard input as UTF-8 text (for `estimate -`). */
  readStdin(): Promise<string>;
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
    // A terminal left attached is no prompt: read nothing rather than wait for Ctrl-D.
    readStdin: async () => (process.stdin.isTTY ? "" : readAll(process.stdin)),
    cwd: process.cwd(),
    env: process.env,
    now: () => Date.now(),
  };
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}
