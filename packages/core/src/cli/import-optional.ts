import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { InvalidConfigError } from "../errors/invalid-config-error.js";

function isNotFound(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND";
}

/**
 * Imports an optional package (a database client): from tokenledger's own dependencies, else
 * from the project in `cwd` (where an app installs its client). A missing package is a usage
 * error naming what to install.
 */
export async function importOptional<T>(name: string, cwd: string, purpose: string): Promise<T> {
  try {
    return (await import(name)) as T;
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  try {
    const resolved = createRequire(join(cwd, "noop.js")).resolve(name);
    return (await import(pathToFileURL(resolved).href)) as T;
  } catch (error) {
    if (!isNotFound(error)) throw error;
    throw new InvalidConfigError({
      message: `${purpose} needs the "${name}" package, which is not installed. Install it in your project (npm install ${name}) and run the command again.`,
      cause: error,
    });
  }
}
