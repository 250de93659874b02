import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLedger } from "../../ledger/create-ledger.js";
import type { LedgerEvents } from "../../ledger/types.js";
import { calculateCost } from "../calculate-cost.js";
import { type RemoteCatalogEvents, remoteCatalog } from "./remote-catalog.js";

/**
 * genai-prices v2 data in its upstream shape. gpt-4o at $2.50 / $10 per 1M tokens is its
 * list price (openai.com/api/pricing, checked 2026-12) and the bundled copy's; acme-1 is new.
 */
function priceData(gpt4oInputMtok = 2.5): unknown[] {
  return [
    {
      id: "openai",
      name: "OpenAI",
      model_match: { starts_with: "gpt-" },
      models: [
        {
          id: "gpt-4o",
          match: { equals: "gpt-4o" },
          prices: { input_mtok: gpt4oInputMtok, output_mtok: 10 },
        },
        { id: "acme-1", match: { equals: "acme-1" }, prices: { input_mtok: 1, output_mtok: 2 } },
      ],
    },
  ];
}

type Handler = (
  request: import("node:http").IncomingMessage,
  response: import("node:http").ServerResponse,
) => void;
let handler: Handler = (_request, response) => response.end("[]");
let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((request, response) => handler(request, response));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/data.json`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const serveJson =
  (body: unknown): Handler =>
  (_request, response) => {
    response.setHeader("content-type", "application/json");
    response.end(JSON.stringify(body));
  };

/** A catalog that has fetched good data once, with its failure events collected. */
async function refreshedCatalog(options: { timeoutMs?: number; maxBytes?: number } = {}) {
  handler = serveJson(priceData());
  const catalog = remoteCatalog({ url, fetchOnStart: false, ...options });
  const failures: RemoteCatalogEvents["price-refresh-failed"][] = [];
  catalog.on("price-refresh-failed", (event) => failures.push(event));
  const status = await catalog.refresh();
  expect(status.origin).toBe("remote");
  return { catalog, failures };
}

/** acme-1 costs 1000 × $1/1M + 1000 × $2/1M = $0.003 = 3,000,000 nano-USD in the good data. */
function expectGoodPricesKept(catalog: ReturnType<typeof remoteCatalog>): void {
  const cost = calculateCost(
    { model: "acme-1", provider: "openai", usage: { inputTokens: 1000, outputTokens: 1000 } },
    catalog,
  );
  expect(cost.totalNanoUsd).toBe(3_000_000);
  expect(cost.priceSnapshot).toMatch(/^genai-prices@remote\//);
}

describe("remoteCatalog against a loopback server", () => {
  it("serves the bundled prices until a refresh succeeds, then the fetched ones", async () => {
    handler = serveJson(priceData());
    const catalog = remoteCatalog({ url, fetchOnStart: false });
    expect(catalog.status().origin).toBe("bundled");
    expect(catalog.resolve("acme-1", "openai")).toBeUndefined();
    const refreshed: RemoteCatalogEvents["prices-refreshed"][] = [];
    catalog.on("prices-refreshed", (event) => refreshed.push(event));
    await catalog.refresh();
    expectGoodPricesKept(catalog);
    expect(refreshed).toMatchObject([{ url, models: 2, fromCache: false }]);
  });

  const cases: [string, Handler, string][] = [
    [
      "answers 500",
      (_request, response) => {
        response.statusCode = 500;
        response.end("oops");
      },
      "http-status",
    ],
    [
      "sends truncated JSON",
      (_request, response) => response.end(JSON.stringify(priceData()).slice(0, 120)),
      "malformed-json",
    ],
    ["sends the wrong schema", serveJson({ models: { "gpt-4o": 2.5 } }), "invalid-data"],
    ["sends an empty list", serveJson([]), "invalid-data"],
    ["sends prices ×1000", serveJson(priceData(2500)), "price-jump"],
    [
      "sends a negative price",
      serveJson([
        {
          id: "x",
          name: "X",
          models: [{ id: "m", match: { equals: "m" }, prices: { input_mtok: -1 } }],
        },
      ]),
      "invalid-data",
    ],
    [
      "sends an absurd price",
      serveJson([
        {
          id: "x",
          name: "X",
          models: [{ id: "m", match: { equals: "m" }, prices: { input_mtok: 90000 } }],
        },
      ]),
      "absurd-price",
    ],
  ];
  for (const [what, serve, reason] of cases) {
    it(`keeps the last good prices and fires price-refresh-failed when the server ${what}`, async () => {
      const { catalog, failures } = await refreshedCatalog();
      handler = serve;
      const status = await catalog.refresh();
      expect(failures.map((failure) => failure.reason)).toEqual([reason]);
      expect(status.lastError?.reason).toBe(reason);
      expect(status.origin).toBe("remote");
      expectGoodPricesKept(catalog);
    });
  }

  it("keeps the last good prices when the body is larger than maxBytes", async () => {
    const { catalog, failures } = await refreshedCatalog({ maxBytes: 5_000 });
    handler = (_request, response) => response.end(" ".repeat(50_000));
    await catalog.refresh();
    expect(failures.map((failure) => failure.reason)).toEqual(["too-large"]);
    expectGoodPricesKept(catalog);
  });

  it("keeps the last good prices when the server is slow", async () => {
    const { catalog, failures } = await refreshedCatalog({ timeoutMs: 200 });
    handler = () => {
      /* never answers */
    };
    await catalog.refresh();
    expect(failures.map((failure) => failure.reason)).toEqual(["timeout"]);
    expectGoodPricesKept(catalog);
  });

  it("keeps the last good prices when the server is down", async () => {
    const { catalog, failures } = await refreshedCatalog();
    const down = createServer();
    await new Promise<void>((resolve) => down.listen(0, "127.0.0.1", resolve));
    const port = (down.address() as AddressInfo).port;
    await new Promise<void>((resolve) => down.close(() => resolve()));
    const offline = remoteCatalog({ url: `http://127.0.0.1:${port}/`, fetchOnStart: false });
    const offlineFailures: string[] = [];
    offline.on("price-refresh-failed", (event) => offlineFailures.push(event.reason));
    await offline.refresh();
    expect(offlineFailures).toEqual(["network"]);
    // The bundled prices stay in use: gpt-4o at $2.50 / $10 per 1M tokens.
    expect(
      calculateCost({ model: "gpt-4o", usage: { inputTokens: 1000, outputTokens: 0 } }, offline)
        .totalNanoUsd,
    ).toBe(2_500_000);
    expect(failures).toEqual([]);
    expectGoodPricesKept(catalog);
  });

  it("loads the last good copy from a cache and writes fetched prices to it", async () => {
    let stored: string | undefined = JSON.stringify(priceData());
    handler = (_request, response) => {
      response.statusCode = 503;
      response.end();
    };
    const catalog = remoteCatalog({
      url,
      refreshMs: 0,
      cache: {
        read: () => stored,
        write: (text) => {
          stored = text;
        },
      },
    });
    const reasons: string[] = [];
    catalog.on("price-refresh-failed", (event) => reasons.push(event.reason));
    await new Promise<void>((resolve) => catalog.on("price-refresh-failed", () => resolve()));
    // Let the failed start-up refresh settle before asking for another.
    await new Promise((resolve) => setImmediate(resolve));
    expect(catalog.status().origin).toBe("cache");
    expect(reasons).toEqual(["http-status"]);
    expectGoodPricesKept(catalog);
    stored = undefined;
    handler = serveJson(priceData());
    await catalog.refresh();
    expect(stored).toBe(JSON.stringify(priceData()));
  });

  it("plugs into createLedger({ prices }) and forwards refresh failures as ledger events", async () => {
    handler = serveJson(priceData());
    const prices = remoteCatalog({ url, fetchOnStart: false });
    const ledger = createLedger({ prices });
    const failures: LedgerEvents["price-refresh-failed"][] = [];
    ledger.on("price-refresh-failed", (event) => failures.push(event));
    await prices.refresh();
    const record = await ledger.record({
      model: "acme-1",
      provider: "openai",
      usage: { inputTokens: 1000, outputTokens: 1000 },
    });
    // 1000 × $1/1M + 1000 × $2/1M = $0.003.
    expect(record).toMatchObject({ costNanoUsd: 3_000_000, priceMatch: "exact" });
    expect(record.priceSnapshot).toMatch(/^genai-prices@remote\//);
    handler = serveJson(priceData(2500));
    await prices.refresh();
    expect(failures.map((failure) => failure.reason)).toEqual(["price-jump"]);
  });
});
