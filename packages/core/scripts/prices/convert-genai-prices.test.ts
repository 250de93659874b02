import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { convertGenaiPrices, PriceDataError } from "./convert-genai-prices.js";
import { findDefaultSourceDir, parseProvenanceNote, parseUnitPriceKeys } from "./load-source.js";
import type { PriceCorrection } from "./price-correction.js";
import { priceKindForKey } from "./price-kind-for-key.js";
import { renderCatalogModule, renderLicenseFile, toJsonLine } from "./render-catalog.js";

/** A tiny genai-prices v2 document exercising every feature the converter keeps. */
function fixture(): unknown[] {
  return [
    {
      id: "acme",
      name: "Acme AI",
      pricing_urls: ["https://acme.example/pricing"],
      api_pattern: "https://api\\.acme\\.example",
      description: "dropped",
      model_match: { starts_with: "acme-" },
      provider_match: { or: [{ contains: "acme" }, { equals: "acme-ai" }] },
      extractors: [{ api_flavor: "default", root: "usage", mappings: [] }],
      models: [
        {
          id: "acme-large",
          name: "Acme Large",
          description: "dropped too",
          match: { or: [{ equals: "acme-large" }, { regex: "^acme-large-\\d{8}$" }] },
          context_window: 200000,
          prices: {
            input_mtok: {
              base: 1.25,
              tiers: [
                { start: 400000, price: 5 },
                { start: 200000, price: 2.5 },
              ],
            },
            cache_read_mtok: 0.125,
            output_mtok: 10,
            cache_write_1h_mtok: 2,
            requests_kcount: 12,
          },
        },
        {
          id: "acme-history",
          match: { starts_with: "acme-history" },
          deprecated: true,
          prices: [
            { prices: { input_mtok: 10, output_mtok: 40 } },
            { constraint: { start_date: "2025-06-10" }, prices: { input_mtok: 2, output_mtok: 8 } },
            {
              constraint: { start_time: "00:30:00Z", end_time: "16:30:00Z", type: "time_of_date" },
              prices: { input_mtok: 0.00875, output_mtok: 0.000000001 },
            },
          ],
        },
      ],
    },
    {
      id: "reseller",
      name: "Reseller",
      api_pattern: "x",
      fallback_model_providers: ["acme"],
      models: [{ id: "free", match: { ends_with: ":free" }, prices: {} }],
    },
  ];
}

describe("convertGenaiPrices", () => {
  it("converts prices to integer nano-USD exactly and keeps rules, tiers and history", () => {
    const { providers } = convertGenaiPrices(fixture());
    expect(providers).toEqual([
      {
        id: "acme",
        name: "Acme AI",
        modelMatch: { startsWith: "acme-" },
        providerMatch: { or: [{ contains: "acme" }, { equals: "acme-ai" }] },
        models: [
          {
            id: "acme-large",
            match: { or: [{ equals: "acme-large" }, { regex: "^acme-large-\\d{8}$" }] },
            contextWindow: 200_000,
            prices: {
              // $1.25 → 1_250_000_000 nano-USD; tiers sorted by start
              input: {
                base: 1_250_000_000,
                tiers: [
                  { start: 200_000, price: 2_500_000_000 },
                  { start: 400_000, price: 5_000_000_000 },
                ],
              },
              cacheRead: 125_000_000,
              output: 10_000_000_000,
              cacheWrite1h: 2_000_000_000,
              // $12 per 1,000 requests, kept per 1,000
              requestsKcount: 12_000_000_000,
            },
          },
          {
            id: "acme-history",
            match: { startsWith: "acme-history" },
            deprecated: true,
            prices: [
              { prices: { input: 10_000_000_000, output: 40_000_000_000 } },
              { startDate: "2025-06-10", prices: { input: 2_000_000_000, output: 8_000_000_000 } },
              {
                startTime: "00:30:00Z",
                endTime: "16:30:00Z",
                // $0.00875 → 8_750_000; $0.000000001 → 1
                prices: { input: 8_750_000, output: 1 },
              },
            ],
          },
        ],
      },
      {
        id: "reseller",
        name: "Reseller",
        fallbackModelProviders: ["acme"],
        models: [{ id: "free", match: { endsWith: ":free" }, prices: {} }],
      },
    ]);
  });

  it("fails loudly, listing every value with more than 9 decimals and every unknown key", () => {
    const data = fixture() as { models: { prices: unknown }[] }[];
    const acme = data[0] as { models: { prices: unknown }[] };
    (acme.models[0] as { prices: unknown }).prices = {
      input_mtok: 0.18000000000000002,
      output_mtok: -1,
      cache_read_mtok: 0.0000000001,
      sparkle_mtok: 1,
    };
    let caught: unknown;
    try {
      convertGenaiPrices(data);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PriceDataError);
    const problems = (caught as PriceDataError).problems;
    expect(problems).toHaveLength(4);
    expect(problems.join("\n")).toMatch(
      /acme\/acme-large\.prices\.input_mtok: price 0\.18000000000000002: .*more than 9 decimals/,
    );
    expect(problems.join("\n")).toMatch(/output_mtok: price -1: -1 is negative/);
    expect(problems.join("\n")).toMatch(/cache_read_mtok: price 1e-10: .*more than 9 decimals/);
    expect(problems.join("\n")).toMatch(/sparkle_mtok: unknown price key/);
  });

  it("rejects malformed rules, constraints and fallbacks", () => {
    const data = fixture() as Record<string, unknown>[];
    const acme = data[0] as { models: Record<string, unknown>[] };
    (acme.models[0] as Record<string, unknown>).match = { regex: "(" };
    (acme.models[1] as Record<string, unknown>).prices = [
      { constraint: { start_date: "10/06/2025" }, prices: { input_mtok: 1 } },
    ];
    (data[1] as Record<string, unknown>).fallback_model_providers = ["nobody"];
    expect(() => convertGenaiPrices(data)).toThrow(
      /regex "\(" does not compile[\s\S]*start_date must be YYYY-MM-DD[\s\S]*unknown provider "nobody"/,
    );
  });

  it("applies a listed correction only while the upstream value is exactly the artifact", () => {
    const data = fixture() as { models: { prices: Record<string, unknown> }[] }[];
    const model = (data[0] as { models: { prices: Record<string, unknown> }[] }).models[0];
    (model as { prices: Record<string, unknown> }).prices.cache_read_mtok = 0.18000000000000002;
    const correction: PriceCorrection = {
      provider: "acme",
      model: "acme-large",
      key: "cache_read_mtok",
      found: "0.18000000000000002",
      use: "0.18",
      reason: "test",
    };
    const stale: PriceCorrection = { ...correction, model: "acme-history" };
    const result = convertGenaiPrices(data, [correction, stale]);
    const prices = result.providers[0]?.models[0]?.prices as Record<string, unknown>;
    expect(prices.cacheRead).toBe(180_000_000);
    expect(result.appliedCorrections).toEqual([correction]);
    expect(result.staleCorrections).toEqual([stale]);
  });
});

describe("priceKindForKey", () => {
  it("maps upstream price keys to kinds", () => {
    expect(priceKindForKey("input_mtok")).toBe("input");
    expect(priceKindForKey("cache_write_1h_mtok")).toBe("cacheWrite1h");
    expect(priceKindForKey("output_reasoning_mtok")).toBe("outputReasoning");
    expect(priceKindForKey("web_searches_kcount")).toBe("webSearchesKcount");
    expect(priceKindForKey("input_gpixels")).toBe("inputGpixels");
    expect(priceKindForKey("sparkle_mtok")).toBeUndefined();
  });

  it("knows every price key of the genai-prices unit registry", () => {
    const dir = findDefaultSourceDir(path.dirname(fileURLToPath(import.meta.url)));
    if (dir === undefined) {
      console.warn("skipped: ../shared/pricing-sources/genai-prices not found");
      return;
    }
    const keys = parseUnitPriceKeys(readFileSync(path.join(dir, "units.yml"), "utf8"));
    expect(keys.length).toBeGreaterThan(50);
    expect(keys.filter((key) => priceKindForKey(key) === undefined)).toEqual([]);
  });
});

describe("rendering", () => {
  const provenance = {
    readFrom: "../shared/pricing-sources/genai-prices/data.json",
    commit: "47df840a5ab10bbcffb8e5ac01b9899032245d1b",
    date: "2026-08-21",
    licenseText: "The MIT License (MIT)\n\nCopyright (c) Pydantic Services Inc. 2025 to present\n",
    appliedCorrections: [],
  };

  it("writes compact JSON lines, and refuses text the String.raw template cannot hold", () => {
    expect(
      toJsonLine({ id: "a", match: { equals: "x" }, "odd-key": [1, 2], gone: undefined }),
    ).toBe('{"id":"a","match":{"equals":"x"},"odd-key":[1,2]}');
    expect(() => toJsonLine({ id: "a`b" })).toThrow(RangeError);
    expect(() => toJsonLine({ regex: "^x${" })).toThrow(RangeError);
  });

  it("is idempotent: the same data renders byte-identical files", () => {
    const snapshot = {
      source: "genai-prices@47df840",
      providers: convertGenaiPrices(fixture()).providers,
    };
    const first = renderCatalogModule(snapshot, provenance);
    const second = renderCatalogModule(
      { ...snapshot, providers: convertGenaiPrices(fixture()).providers },
      provenance,
    );
    expect(second).toBe(first);
    expect(first.startsWith("/*\n * generated by scripts/generate-prices.ts — do not edit")).toBe(
      true,
    );
    expect(first).toContain("commit 47df840a5ab10bbcffb8e5ac01b9899032245d1b, 2026-08-21");
    expect(first).toContain("Copyright (c) Pydantic Services Inc. 2025 to present");
    // The JSON text sits in single-quoted literals: its backslashes doubled, so the regex
    // `\d` (written `\\d` in JSON) reads `\\\\d` in the module's source.
    expect(first).toContain(
      '{"id":"acme-large","match":{"or":[{"equals":"acme-large"},{"regex":"^acme-large-\\\\\\\\d{8}$"}]},"contextWindow":200000,',
    );
    expect(renderLicenseFile(provenance)).toBe(renderLicenseFile(provenance));
  });

  it("reads commit and date from a SOURCE.md note", () => {
    expect(
      parseProvenanceNote("commit 47df840a5ab10bbcffb8e5ac01b9899032245d1b (2026-08-21):"),
    ).toEqual({ commit: "47df840a5ab10bbcffb8e5ac01b9899032245d1b", date: "2026-08-21" });
  });
});
