import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memoryStore } from "../store/memory-store.js";
import { startCostReportServer } from "./__fixtures__/cost-report-server.js";
import { usageRecord } from "./__fixtures__/usage-record.js";
import { ProviderReportError } from "./provider-report-error.js";
import { readOpenAiCosts } from "./read-openai-costs.js";
import { reconcileCosts } from "./reconcile-costs.js";

// Response shape of GET /v1/organization/costs as documented in OpenAI's API reference
// ("Costs object": amount.value a number, amount.currency lowercase ISO-4217, line_item,
// project_id; pages with has_more / next_page; daily buckets with start_time / end_time).
const DAY_20 = Date.parse("2026-11-20T00:00:00Z") / 1000;
const DAY_21 = Date.parse("2026-11-21T00:00:00Z") / 1000;
const result = (value: number, lineItem: string, projectId: string | null, currency = "usd") => ({
  object: "organization.costs.result",
  amount: { value, currency },
  line_item: lineItem,
  project_id: projectId,
});
const PAGES = {
  first: {
    object: "page",
    data: [
      {
        object: "bucket",
        start_time: DAY_20,
        end_time: DAY_21,
        results: [
          result(0.5, "gpt-4o-2024-08-06, input", "proj_a"),
          result(0.25, "gpt-4o-2024-08-06, output", "proj_b"),
          result(0.1, "gpt-4o-mini-2024-07-18, input", "proj_a"),
        ],
      },
    ],
    has_more: true,
    next_page: "page_AAAA",
  },
  page_AAAA: {
    object: "page",
    data: [
      {
        object: "bucket",
        start_time: DAY_21,
        end_time: DAY_21 + 86_400,
        results: [
          result(1.3, "gpt-4o-2024-08-06, input", "proj_a"),
          result(0.42, "my-finetune, input", "proj_a"),
          result(0.205, "gpt-4o-mini-2024-07-18, output", "proj_a"),
          result(0.05, "o3-2025-04-16, input", "proj_b"),
          result(0.44, "gpt-4.1-2025-04-14, input", null),
          result(3.5, "gpt-4o-2024-08-06, input", "proj_eu", "eur"),
        ],
      },
    ],
    has_more: false,
    next_page: null,
  },
};
const KEY = "sk-admin-test-key";
let server: Awaited<ReturnType<typeof startCostReportServer>>;

beforeAll(async () => {
  server = await startCostReportServer({
    path: "/v1/organization/costs",
    pages: PAGES,
    authorized: (headers) => headers.authorization === `Bearer ${KEY}`,
  });
});
afterAll(() => server.close());

const FROM_MS = Date.parse("2026-11-20T00:00:00Z");
const TO_MS = Date.parse("2026-11-22T00:00:00Z");

describe("readOpenAiCosts", () => {
  it("reads both pages, daily buckets, USD to nano-USD, and lists the EUR amount unconverted", async () => {
    const report = await readOpenAiCosts({
      fromMs: FROM_MS,
      toMs: TO_MS,
      env: { OPENAI_ADMIN_KEY: KEY },
      baseUrl: server.url,
    });
    expect(report.rows).toHaveLength(8);
    expect(report.rows[0]).toEqual({
      day: "2026-11-20",
      provider: "openai",
      model: "gpt-4o-2024-08-06",
      lineItem: "gpt-4o-2024-08-06, input",
      project: "proj_a",
      costNanoUsd: 500_000_000,
    });
    // 0.205 USD = 205,000,000 nano-USD exactly (not 204,999,999.99…).
    expect(
      report.rows.find((row) => row.lineItem?.startsWith("gpt-4o-mini-2024-07-18, output")),
    ).toMatchObject({ day: "2026-11-21", costNanoUsd: 205_000_000 });
    expect(report.unconverted).toEqual([
      {
        day: "2026-11-21",
        provider: "openai",
        model: "gpt-4o-2024-08-06",
        amount: "3.5",
        currency: "eur",
      },
    ]);
    const last = server.seen.at(-1);
    expect(last?.query.get("page")).toBe("page_AAAA");
    expect(last?.query.get("start_time")).toBe(String(DAY_20));
    expect(last?.query.getAll("group_by")).toEqual(["line_item", "project_id"]);
    expect(
      server.seen.some(
        (request) => request.path.includes(KEY) || [...request.query.values()].includes(KEY),
      ),
    ).toBe(false);
  });

  it("names the variable to set when there is no key, and never echoes a refused key", async () => {
    await expect(
      readOpenAiCosts({ fromMs: FROM_MS, toMs: TO_MS, env: {}, baseUrl: server.url }),
    ).rejects.toThrow(/Set OPENAI_ADMIN_KEY/);
    const refused = await readOpenAiCosts({
      fromMs: FROM_MS,
      toMs: TO_MS,
      adminKey: "sk-wrong-secret",
      env: {},
      baseUrl: server.url,
    }).catch((error: unknown) => error);
    expect(ProviderReportError.isInstance(refused)).toBe(true);
    expect((refused as ProviderReportError).status).toBe(401);
    expect((refused as Error).message).not.toContain("sk-wrong-secret");
  });
});

describe("reconcileCosts against the OpenAI report", () => {
  it("shows the planted differences with their causes and nothing else", async () => {
    const store = memoryStore();
    await store.append([
      // 2026-11-20: matches the report (0.50 + 0.25 and 0.10).
      usageRecord({ time: "2026-11-20T10:00:00Z", model: "gpt-4o", costNanoUsd: 500_000_000 }),
      usageRecord({ time: "2026-11-20T11:00:00Z", model: "gpt-4o", costNanoUsd: 250_000_000 }),
      usageRecord({ time: "2026-11-20T12:00:00Z", model: "gpt-4o-mini", costNanoUsd: 100_000_000 }),
      // 2026-11-21
      usageRecord({
        time: "2026-11-21T09:00:00Z",
        model: "gpt-4o",
        costNanoUsd: 1_000_000_000,
        estimated: true,
      }),
      usageRecord({
        time: "2026-11-21T09:30:00Z",
        model: "my-finetune",
        costNanoUsd: 0,
        priced: false,
        priceMatch: undefined,
      }),
      usageRecord({ time: "2026-11-21T10:00:00Z", model: "gpt-4o-mini", costNanoUsd: 200_000_000 }),
      usageRecord({ time: "2026-11-21T11:00:00Z", model: "gpt-4.1", costNanoUsd: 400_000_000 }),
      usageRecord({ time: "2026-11-21T12:00:00Z", model: "gpt-4.1-nano", costNanoUsd: 30_000_000 }),
      // Another provider and another day: not compared.
      usageRecord({
        time: "2026-11-21T12:00:00Z",
        provider: "anthropic",
        model: "claude-sonnet-4-5",
        costNanoUsd: 9_000_000_000,
      }),
      usageRecord({ time: "2026-11-22T01:00:00Z", model: "gpt-4o", costNanoUsd: 7_000_000_000 }),
    ]);
    const report = await readOpenAiCosts({
      fromMs: FROM_MS,
      toMs: TO_MS,
      adminKey: KEY,
      baseUrl: server.url,
    });
    const records = await store.query({ from: FROM_MS, to: TO_MS, provider: "openai" });
    const outcome = reconcileCosts({ records, report, toleranceNanoUsd: 10_000_000 });

    const differing = outcome.rows
      .filter((row) => !row.withinTolerance)
      .map((row) => [
        row.day,
        row.model,
        row.ledgerCostNanoUsd,
        row.providerCostNanoUsd,
        row.differenceNanoUsd,
        row.causes.join(","),
      ]);
    // By hand (provider − ledger, nano-USD):
    expect(differing).toEqual([
      ["2026-11-21", "gpt-4.1", 400_000_000, 440_000_000, 40_000_000, "price-drift"],
      ["2026-11-21", "gpt-4.1-nano", 30_000_000, 0, -30_000_000, "missing-from-provider-report"],
      ["2026-11-21", "gpt-4o", 1_000_000_000, 1_300_000_000, 300_000_000, "estimated-records"],
      ["2026-11-21", "my-finetune", 0, 420_000_000, 420_000_000, "unpriced-records"],
      ["2026-11-21", "o3", 0, 50_000_000, 50_000_000, "calls-outside-ledger"],
    ]);
    expect(outcome.differences).toBe(5);
    // Within tolerance: 2026-11-20 gpt-4o (0.75 = 0.75), gpt-4o-mini (0.10 = 0.10) and
    // 2026-11-21 gpt-4o-mini (0.205 − 0.20 = 0.005 ≤ 0.01).
    expect(
      outcome.rows
        .filter((row) => row.withinTolerance)
        .map((row) => [row.day, row.model, row.differenceNanoUsd]),
    ).toEqual([
      ["2026-11-20", "gpt-4o", 0],
      ["2026-11-20", "gpt-4o-mini", 0],
      ["2026-11-21", "gpt-4o-mini", 5_000_000],
    ]);
    // Ledger 0.75 + 0.10 + 1.00 + 0.20 + 0.40 + 0.03 = 2.48; provider 0.85 + 1.3 + 0.42 + 0.205 + 0.05 + 0.44 = 3.265.
    expect(outcome.ledgerCostNanoUsd).toBe(2_480_000_000);
    expect(outcome.providerCostNanoUsd).toBe(3_265_000_000);
    expect(outcome.unconverted).toHaveLength(1);
  });
});
