import { ProviderReportError } from "./provider-report-error.js";

/** Reads one page of a provider's admin report as JSON, turning failures into a typed error. */
export async function fetchReportPage(options: {
  provider: string;
  url: URL;
  headers: Record<string, string>;
  fetch: typeof fetch;
  /** The environment variable of the key, named in the message of a 401/403. */
  keyVariable: string;
}): Promise<unknown> {
  const where = `${options.url.origin}${options.url.pathname}`;
  let response: Response;
  try {
    response = await options.fetch(options.url, { headers: options.headers });
  } catch (error) {
    throw new ProviderReportError({
      provider: options.provider,
      message: `Could not reach ${where}: ${(error as Error).message}. Check the network (or --base-url).`,
      cause: error,
    });
  }
  if (response.status === 401 || response.status === 403) {
    throw new ProviderReportError({
      provider: options.provider,
      status: response.status,
      message: `${where} refused the admin key (HTTP ${response.status}). Set ${options.keyVariable} to an organization admin key (a regular API key cannot read cost reports).`,
    });
  }
  if (!response.ok) {
    const body = (await response.text().catch(() => "")).slice(0, 200);
    throw new ProviderReportError({
      provider: options.provider,
      status: response.status,
      message: `${where} answered HTTP ${response.status}${body ? `: ${body}` : ""}. Retry later, or narrow --from/--to.`,
    });
  }
  try {
    return await response.json();
  } catch (error) {
    throw new ProviderReportError({
      provider: options.provider,
      status: response.status,
      message: `${where} did not answer JSON. Check --base-url points at the provider's API.`,
      cause: error,
    });
  }
}

/** The admin key from the option or the first set environment variable, else a typed error. */
export function requireAdminKey(
  provider: string,
  adminKey: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  variables: readonly string[],
): string {
  const key = adminKey ?? variables.map((name) => env[name]).find((value) => value);
  if (!key) {
    throw new ProviderReportError({
      provider,
      message: `No ${provider} admin key. Set ${variables.join(" or ")} to an organization admin key; it is read from the environment and never stored.`,
    });
  }
  return key;
}

/** A malformed report: names the field, so the fix (or a bug report) is obvious. */
export function badShape(provider: string, detail: string): ProviderReportError {
  return new ProviderReportError({
    provider,
    message: `The ${provider} cost report has an unexpected shape (${detail}). Update tokenledger, or report the response shape.`,
  });
}

/** The process environment when there is one (edge runtimes have none). */
export function defaultEnv(): Readonly<Record<string, string | undefined>> {
  const process = (globalThis as { process?: { env?: Record<string, string | undefined> } })
    .process;
  return process?.env ?? {};
}
