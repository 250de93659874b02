import type { CliIo } from "../cli-io.js";

/** A CLI io writing into strings, at a fixed time, in `cwd`. */
export function bufferIo(options: {
  cwd: string;
  nowIso?: string;
  env?: Record<string, string>;
  /** What standard input holds; reading it when absent fails like an empty terminal would. */
  stdin?: string;
}): CliIo & {
  out: () => string;
  err: () => string;
} {
  let out = "";
  let err = "";
  const nowMs = Date.parse(options.nowIso ?? "2026-11-22T12:00:00.000Z");
  return {
    stdout: (text) => {
      out += text;
    },
    stderr: (text) => {
      err += text;
    },
    readStdin: async () => options.stdin ?? "",
    cwd: options.cwd,
    env: options.env ?? {},
    now: () => nowMs,
    out: () => out,
    err: () => err,
  };
}
