import { describe, expect, it } from "vitest";
import type { SnapshotProvider } from "../../src/pricing/catalog-snapshot.js";
import { fillLimits } from "./fill-limits.js";
import { readLitellmEntry } from "./litellm-price-set.js";
import type { LitellmEntry } from "./load-litellm.js";
import type { LoadedSource } from "./load-source.js";
import { matchLitellmEntries } from "./match-litellm-entries.js";
import { mergeSecondarySource } from "./merge-secondary-source.js";
import { newerSource } from "./select-newer-source.js";

const B = 1_000_000_000; // nano-USD per USD

function openai(): SnapshotProvider[] {
  return [
    {
      id: "openai",
      name: "OpenAI",
      models: [
        {
          id: "gpt-4o-2024-05-13",
          match: { equals: "gpt-4o-2024-05-13" },
          prices: { input: 5 * B, output: 15 * B },
        },
        {
          id: "gpt-4o",
          match: { or: [{ equals: "gpt-4o" }, { startsWith: "gpt-4o-" }] },
          contextWindow: 128_000,
          prices: { input: 2.5 * B, cacheRead: 1.25 * B, output: 10 * B },
        },
        { id: "gpt-x", match: { equals: "gpt-x" }, prices: { input: 1 * B, output: 4 * B } },
      ],
    },
  ];
}

function litellm(): Map<string, LitellmEntry> {
  return new Map<string, LitellmEntry>([
    [
      "gpt-4o",
      {
        litellm_provider: "openai",
        mode: "chat",
        input_cost_per_token: 2.5e-6,
        output_cost_per_token: 1e-5,
        cache_read_input_token_cost: 1.25e-6,
        input_cost_per_token_batches: 1.25e-6,
        output_cost_per_token_batches: 5e-6,
        input_cost_per_token_priority: 4.25e-6,
        output_cost_per_token_priority: 1.7e-5,
        max_input_tokens: 128_000,
        max_output_tokens: 16_384,
        search_context_cost_per_query: { search_context_size_medium: 0.035 },
      },
    ],
    // A snapshot the catalog prices apart: must not be read for gpt-4o.
    [
      "gpt-4o-2024-05-13",
      {
        litellm_provider: "openai",
        mode: "chat",
        input_cost_per_token: 5e-6,
        output_cost_per_token: 1.5e-5,
        max_output_tokens: 4096,
      },
    ],
    // Older list price than the catalog's: tiers not taken, the price difference reported.
    [
      "gpt-x",
      {
        litellm_provider: "openai",
        input_cost_per_token: 2e-6,
        output_cost_per_token: 8e-6,
        output_cost_per_token_flex: 4e-6,
        max_output_tokens: 32_000,
      },
    ],
    ["azure/gpt-x", { litellm_provider: "azure", max_output_tokens: 1 }],
  ]);
}

describe("readLitellmEntry", () => {
  it("converts USD per token to nano-USD per 1M tokens, with long-context steps and tiers", () => {
    const data = readLitellmEntry({
      input_cost_per_token: 5e-6,
      input_cost_per_token_above_272k_tokens: 1e-5,
      input_cost_per_token_priority: 1e-5,
      input_cost_per_token_above_272k_tokens_priority: 2e-5,
      cache_creation_input_token_cost_above_1hr: 6e-6,
      max_output_tokens: 128_000,
    });
    // $5/MTok = 5e9 nano-USD per 1M tokens; steps start above 272 × 1000 input tokens.
    expect(data.prices.input).toEqual({ base: 5 * B, tiers: [{ start: 272_000, price: 10 * B }] });
    expect(data.prices.cacheWrite1h).toBe(6 * B);
    expect(data.serviceTiers.priority?.input).toEqual({
      base: 10 * B,
      tiers: [{ start: 272_000, price: 20 * B }],
    });
    expect(data.maxOutputTokens).toBe(128_000);
  });
});

describe("mergeSecondarySource", () => {
  const providers = openai();
  const matches = matchLitellmEntries(providers, litellm());
  const merged = mergeSecondarySource(providers, matches, "2026-09-23");
  const model = (id: string) => merged.providers[0]?.models.find((entry) => entry.id === id);

  it("pairs each catalog model with the LiteLLM entry its own rules resolve to", () => {
    expect(matches.map((match) => [match.model.id, match.key])).toEqual([
      ["gpt-4o-2024-05-13", "gpt-4o-2024-05-13"],
      ["gpt-4o", "gpt-4o"],
      ["gpt-x", "gpt-x"],
    ]);
    expect(model("gpt-4o-2024-05-13")?.maxOutputTokens).toBe(4096);
    expect(model("gpt-4o")?.maxOutputTokens).toBe(16_384);
  });

  it("takes tiers and web search where both sources list the same price", () => {
    expect(model("gpt-4o")?.serviceTiers).toEqual({
      priority: { input: 4.25 * B, output: 17 * B },
      batch: { input: 1.25 * B, output: 5 * B },
    });
    // $0.035 per query = $35 per 1,000 = 35e9 nano-USD per 1,000.
    expect(model("gpt-4o")?.prices).toMatchObject({ webSearchesKcount: 35 * B });
  });

  it("keeps the primary price on a conflict, reports it, and derives batch by the provider rule", () => {
    expect(model("gpt-x")?.prices).toEqual({ input: 1 * B, output: 4 * B });
    expect(
      merged.conflicts.filter((conflict) => conflict.model === "gpt-x").map((c) => c.field),
    ).toEqual(["input", "output"]);
    expect(merged.skipped.map((note) => note.model)).toEqual(["gpt-x"]);
    // OpenAI batch = 50 % of $1 / $4.
    expect(model("gpt-x")?.serviceTiers).toEqual({ batch: { input: 0.5 * B, output: 2 * B } });
    expect(merged.derived.map((note) => note.model)).toEqual(["gpt-4o-2024-05-13", "gpt-x"]);
  });
});

describe("newerSource", () => {
  const source = (readFrom: string, date: string | undefined, data: unknown): LoadedSource => ({
    data,
    readFrom,
    label: readFrom,
    ...(date ? { date } : {}),
    licenseText: "",
    warnings: [],
  });

  it("takes the later date, else the later price change", () => {
    expect(
      newerSource(source("dir", "2026-08-21", []), source("npm", "2026-09-23", [])).readFrom,
    ).toBe("npm");
    expect(
      newerSource(source("dir", "2026-10-01", []), source("npm", "2026-09-23", [])).readFrom,
    ).toBe("dir");
    const older = [{ prices: [{ constraint: { start_date: "2026-08-01" } }] }];
    const newer = [{ prices: [{ constraint: { start_date: "2026-09-22" } }] }];
    expect(
      newerSource(source("dir", "2026-08-21", newer), source("npm", undefined, older)).readFrom,
    ).toBe("dir");
  });
});

describe("fillLimits", () => {
  it("corrects stale limits by hand and copies a maker's limit to the same id elsewhere", () => {
    const { providers, corrected, copied } = fillLimits([
      {
        id: "anthropic",
        name: "Anthropic",
        models: [
          { id: "claude-x", match: { equals: "claude-x" }, maxOutputTokens: 64_000, prices: {} },
        ],
      },
      {
        id: "deepseek",
        name: "DeepSeek",
        models: [
          {
            id: "deepseek-v4-flash",
            match: { equals: "deepseek-v4-flash" },
            maxOutputTokens: 8192,
            prices: {},
          },
        ],
      },
      {
        id: "google",
        name: "Google",
        models: [{ id: "claude-x", match: { equals: "claude-x" }, prices: {} }],
      },
    ]);
    // DeepSeek: "MAX OUTPUT: MAXIMUM 384K" = 384 × 1024 tokens.
    expect(providers[1]?.models[0]?.maxOutputTokens).toBe(393_216);
    expect(providers[2]?.models[0]?.maxOutputTokens).toBe(64_000);
    expect(corrected.map((note) => note.model)).toEqual(["deepseek-v4-flash"]);
    expect(copied.map((note) => `${note.provider}/${note.model}`)).toEqual(["google/claude-x"]);
  });
});
