import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

/** A request the loopback report server saw. */
export interface SeenRequest {
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
}

/**
 * A loopback HTTP server answering a provider's cost-report path with JSON pages: the first
 * request (no `page`) gets `pages.first`, a request with `page=<token>` gets `pages[token]`.
 * Answers 401 unless `authorized(headers)`. Close it with `close()`.
 */
export async function startCostReportServer(options: {
  path: string;
  pages: Record<string, unknown>;
  authorized: (headers: IncomingHttpHeaders) => boolean;
}): Promise<{ url: string; seen: SeenRequest[]; close: () => Promise<void> }> {
  const seen: SeenRequest[] = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://loopback");
    seen.push({ path: url.pathname, query: url.searchParams, headers: request.headers });
    response.setHeader("content-type", "application/json");
    if (!options.authorized(request.headers)) {
      response.statusCode = 401;
      response.end(JSON.stringify({ error: { message: "invalid admin key" } }));
      return;
    }
    const body =
      url.pathname === options.path
        ? options.pages[url.searchParams.get("page") ?? "first"]
        : undefined;
    if (body === undefined) {
      response.statusCode = 404;
      response.end(JSON.stringify({ error: { message: "not found" } }));
      return;
    }
    response.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      ),
  };
}
