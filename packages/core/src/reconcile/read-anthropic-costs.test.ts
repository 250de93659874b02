import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UsageRecordPart } from "../ledger/types.js";
import type { CostBreakdown } from "../pricing/types.js";
import { startCostReportServer } from "./__fixtures__/cost-report-server.js";
import { usageRecord } from "./__fixtures__/usage-record.js";
import { readAnthropicCosts } from "./read-anthropic-costs.js";
import { reconcileCosts } from "./reconcile-costs.js";

// Response shape of GET /v1/organizations/cost_report as documented in Anthropic's Admin API
// reference (platform.claude.com/docs/en/api/admin/cost_report): daily buckets with
// starting_at / ending_at (RFC 3339), results with `amount` in cents as a decimal string
// ("123.45" USD is $1.2345), `currency`, `model`, `description`, `workspace_id`, `cost_type`;
// pages with has_more / next_page.
const tokens = (amount: string, model: string, description: string, currency = "USD") => ({
  amount,
  currency,
  model,
  description,
  cost_type: "tokens",
  context_window: "0-200k",
  service_tier: "standard",
  token_type: "output_tokens",
  workspace_id: null,
});
const PAGES = {
  first: {
    data: [
      {
        starting_at: "2026-11-20T00:00:00Z",
        ending_at: "2026-11-21T00:00:00Z",
        results: [
          tokens("10.000", "claude-sonnet-4-5-20250929", "Claude Sonnet 4.5 Usage - Output Tokens"),
          tokens("2.345", "claude-sonnet-4-5-20250929", "Claude Sonnet 4.5 Usage - Input Tokens"),
        ],
      },
    ],
    has_more: true,
    next_page: "page_MjAyNi0xMS0yMVQwMDowMDowMFo=",
  },
  "page_MjAyNi0xMS0yMVQwMDowMDowMFo=": {
    data: [
      {
        starting_at: "2026-11-21T00:00:00Z",
        ending_at: "2026-11-22T00:00:00Z",
        results: [
          tokens("20", "claude-sonnet-4-5-20250929", "Claude Sonnet 4.5 Usage - Output Tokens"),
          tokens("50", "claude-opus-4-1-20250805", "Claude Opus 4.1 Usage - Output Tokens"),
          {
            amount: "1.5",
            currency: "USD",
            model: null,
            description: "Web Search",
            cost_type: "web_search",
            context_window: null,
            service_tier: null,
            token_type: null,
            workspace_id: "wrkspc_01",
          },
          tokens(
            "100",
            "claude-sonnet-4-5-20250929",
            "Claude Sonnet 4.5 Usage - Output Tokens",
            "EUR",
          ),
        ],
      },
    ],
    has_more: false,
    next_page: null,
  },
};
const KEY = "sk-ant-admin01-test";

/** A priced part of a multi-part call (only its model and cost matter here). */
function part(model: string, step: string, costNanoUsd: number): UsageRecordPart {
  const cost: CostBreakdown = {
    provider: "anthropic",
    model,
    totalNanoUsd: costNanoUsd,
    totalUsd: costNanoUsd / 1e9,
    lines: [],
    priceSource: "test",
  };
  return {
    model,
    provider: "anthropic",
    step,
    usage: { inputTokens: 0, outputTokens: 0 },
    cost,
    costNanoUsd,
  };
}
let server: Awaited<ReturnType<typeof startCostReportServer>>;

beforeAll(async () => {
  server = await startCostReportServer({
    path: "/v1/organizations/cost_report",
    pages: PAGES,
    authorized: (headers) =>
      headers["x-api-key"] === KEY && headers["anthropic-version"] === "2023-06-01",
  });
});
afterAll(() => server.close());

const FROM_MS = Date.parse("2026-11-20T00:00:00Z");
const TO_MS = Date.parse("2026-11-22T00:00:00Z");

describe("readAnthropicCosts", () => {
  it("reads both pages; cents strings become exact nano-USD; EUR is listed, not converted", async () => {
    const report = await readAnthropicCosts({
      fromMs: FROM_MS,
      toMs: TO_MS,
      env: { ANTHROPIC_ADMIN_API_KEY: KEY },
      baseUrl: server.url,
    });
    // "10.000" cents = $0.10 = 100,000,000 nano-USD; "2.345" cents = $0.02345 = 23,450,000.
    expect(report.rows.map((row) => [row.day, row.model, row.costNanoUsd])).toEqual([
      ["2026-11-20", "claude-sonnet-4-5-20250929", 100_000_000],
      ["2026-11-20", "claude-sonnet-4-5-20250929", 23_450_000],
      ["2026-11-21", "claude-sonnet-4-5-20250929", 200_000_000],
      ["2026-11-21", "claude-opus-4-1-20250805", 500_000_000],
      ["2026-11-21", "Web Search", 15_000_000],
    ]);
    expect(report.rows[4]?.project).toBe("wrkspc_01");
    expect(report.unconverted).toEqual([
      {
        day: "2026-11-21",
        provider: "anthropic",
        model: "claude-sonnet-4-5-20250929",
        amount: "100",
        currency: "EUR",
      },
    ]);
    expect(server.seen.map((request) => request.query.get("page"))).toEqual([
      null,
      "page_MjAyNi0xMS0yMVQwMDowMDowMFo=",
    ]);
    expect(server.seen[0]?.query.get("starting_at")).toBe("2026-11-20T00:00:00.000Z");
    expect(server.seen[0]?.query.getAll("group_by[]")).toEqual(["description", "workspace_id"]);
  });

  it("names both variables when no key is set", async () => {
    await expect(
      readAnthropicCosts({ fromMs: FROM_MS, toMs: TO_MS, env: {}, baseUrl: server.url }),
    ).rejects.toThrow(/ANTHROPIC_ADMIN_KEY or ANTHROPIC_ADMIN_API_KEY/);
  });
});

describe("reconcileCosts against the Anthropic report", () => {
  it("counts each part of a multi-part call under its own model; only the web search differs", async () => {
    const records = [
      // $0.12345 = 123,450,000 nano-USD; the report has 10.000 + 2.345 cents.
      usageRecord({
        time: "2026-11-20T08:00:00Z",
        provider: "anthropic",
        model: "claude-sonnet-4-5",
        costNanoUsd: 123_450_000,
      }),
      // An advisor call: $0.20 on Sonnet + $0.50 on Opus, $0.70 in total.
      usageRecord({
        time: "2026-11-21T08:00:00Z",
        provider: "anthropic",
        model: "claude-sonnet-4-5",
        costNanoUsd: 700_000_000,
        parts: [
          part("claude-sonnet-4-5", "message", 200_000_000),
          part("claude-opus-4-1", "advisor_message", 500_000_000),
        ],
      }),
    ];
    const report = await readAnthropicCosts({
      fromMs: FROM_MS,
      toMs: TO_MS,
      adminKey: KEY,
      baseUrl: server.url,
    });
    const outcome = reconcileCosts({ records, report });
    expect(
      outcome.rows.map((row) => [row.day, row.model, row.differenceNanoUsd, row.causes.join(",")]),
    ).toEqual([
      ["2026-11-20", "claude-sonnet-4-5", 0, ""],
      ["2026-11-21", "claude-opus-4-1", 0, ""],
      ["2026-11-21", "claude-sonnet-4-5", 0, ""],
      // $0.015 billed, nothing in the ledger, beyond the default one-cent tolerance.
      ["2026-11-21", "web search", 15_000_000, "calls-outside-ledger"],
    ]);
    expect(outcome.differences).toBe(1);
  });
});
