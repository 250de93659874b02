import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { InvalidConfigError } from "../errors/invalid-config-error.js";

/** Reads a UTF-8 file given on the command line; a missing or unreadable file is a usage error. */
export async function readTextFile(
  path: string,
  cwd: string,
  what: string,
  hint: string,
): Promise<string> {
  const absolute = resolve(cwd, path);
  try {
    return await readFile(absolute, "utf8");
  } catch (error) {
    const code = (error as { code?: string }).code;
    const reason =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "it is a directory"
          : code === "EACCES"
            ? "permission denied"
            : String((error as Error).message);
    throw new InvalidConfigError({
      message: `Cannot read ${what} "${path}": ${reason}. ${hint}`,
      cause: error,
    });
  }
}

/** Reads and parses a JSON file given on the command line (usage error when it is not JSON). */
export async function readJsonFile(
  path: string,
  cwd: string,
  what: string,
  hint: string,
): Promise<unknown> {
  const text = await readTextFile(path, cwd, what, hint);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new InvalidConfigError({
      message: `${what[0]?.toUpperCase()}${what.slice(1)} "${path}" is not valid JSON (${(error as Error).message}). ${hint}`,
      cause: error,
    });
  }
}
