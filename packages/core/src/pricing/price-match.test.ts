import { describe, expect, it } from "vitest";
import { UnknownModelError } from "../errors/unknown-model-error.js";
import { calculateCost } from "./calculate-cost.js";
import type { CatalogSnapshot } from "./catalog-snapshot.js";
import { createCatalog } from "./create-catalog.js";
import { classifyMatch } from "./price-match.js";

describe("classifyMatch", () => {
  const names = ["claude-opus-5", "claude-5-opus"];
  it("tells exact ids, declared aliases, dated snapshots and family matches apart", () => {
    expect(classifyMatch("claude-opus-5", "claude-opus-5", names, true)).toBe("exact");
    expect(classifyMatch("claude-5-opus", "claude-opus-5", names, true)).toBe("alias");
    expect(classifyMatch("claude-opus-5-20260301", "claude-opus-5", names, true)).toBe("snapshot");
    expect(classifyMatch("claude-opus-5@20260301", "claude-opus-5", names, true)).toBe("snapshot");
    expect(classifyMatch("claude-opus-5-2026-03-01", "claude-opus-5", names, true)).toBe(
      "snapshot",
    );
    expect(classifyMatch("claude-opus-5-latest", "claude-opus-5", names, true)).toBe("alias");
    expect(classifyMatch("claude-opus-5-thinking", "claude-opus-5", names, true)).toBe("family");
  });

  it("never matches a declared name followed by a version number (a newer model)", () => {
    expect(classifyMatch("claude-opus-5-5", "claude-opus-5", names, true)).toBeUndefined();
    expect(classifyMatch("claude-opus-5.5", "claude-opus-5", names, true)).toBeUndefined();
    expect(
      classifyMatch("mistral-medium-3-5", "mistral-medium-3", ["mistral-medium"], true),
    ).toBeUndefined();
  });

  it("keeps sizes after a family name ending in a separator as family", () => {
    expect(classifyMatch("gemma-3-27b-it", "gemma-3", ["gemma-3-", "gemma-3"], true)).toBe(
      "family",
    );
  });

  it("reads Bedrock locations and API versions as aliases of the same model", () => {
    const bedrock = ["claude-sonnet-4-5-20250929"];
    const entry = "regional.anthropic.claude-sonnet-4-5-20250929-v1:0";
    expect(classifyMatch("anthropic.claude-sonnet-4-5-20250929-v1:0", entry, bedrock, true)).toBe(
      "alias",
    );
    expect(
      classifyMatch("us.anthropic.claude-sonnet-4-5-20250929-v1:0", entry, bedrock, true),
    ).toBe("alias");
  });

  it("does not match what the rule does not match and no name declares", () => {
    expect(classifyMatch("gpt-4o", "claude-opus-5", names, false)).toBeUndefined();
  });
});

/** A one-provider snapshot whose entry declares a prefix rule (genai-prices style). */
const acmeSnapshot: CatalogSnapshot = {
  source: "test-data@1",
  date: "2026-12-01",
  providers: [
    {
      id: "acme",
      name: "Acme",
      models: [
        {
          id: "acme-pro",
          match: { or: [{ startsWith: "acme-pro" }, { equals: "acme-pro-latest-name" }] },
          // $2 / $8 per 1M tokens, in nano-USD per 1M.
          prices: { input: 2_000_000_000, output: 8_000_000_000 },
        },
      ],
    },
  ],
};

describe("catalog resolution says how it matched", () => {
  const catalog = createCatalog({ snapshot: acmeSnapshot });

  it("prices a family match approximately and says so", () => {
    const cost = calculateCost(
      {
        model: "acme-pro-turbo",
        provider: "acme",
        usage: { inputTokens: 1000, outputTokens: 500 },
      },
      catalog,
    );
    // 1000 × $2/1M + 500 × $8/1M = $0.002 + $0.004 = $0.006 = 6,000,000 nano-USD.
    expect(cost.totalNanoUsd).toBe(6_000_000);
    expect(cost).toMatchObject({
      priceMatch: "family",
      priceEntry: "acme:acme-pro",
      priceSnapshot: "test-data@1/2026-12-01",
    });
  });

  it("reports exact, alias and snapshot matches", () => {
    expect(catalog.resolve("acme-pro", "acme")?.priceMatch).toBe("exact");
    expect(catalog.resolve("acme-pro-latest-name", "acme")?.priceMatch).toBe("alias");
    expect(catalog.resolve("acme-pro-20261201", "acme")?.priceMatch).toBe("snapshot");
    expect(catalog.resolve("acme-pro-2", "acme")).toBeUndefined();
  });

  it("names user prices as user entries", () => {
    const user = createCatalog({
      snapshot: acmeSnapshot,
      prices: { "acme:acme-pro-2": { inputMtok: 1, outputMtok: 1 } },
    });
    expect(user.resolve("acme-pro-2", "acme")).toMatchObject({
      priceMatch: "exact",
      priceEntry: "acme:acme-pro-2",
      priceSnapshot: "user",
    });
  });
});

describe("the bundled catalog", () => {
  // The red team's ids (claude-opus-5-5, mistral-medium-3-5) are in the data since genai-prices
  // npm 0.1.8 (2026-09-23); versions past the data's newest stand in for them.
  it("never prices claude-opus-6-1 or mistral-medium-4-2 as an older model", () => {
    expect(createCatalog().resolve("claude-opus-6-1")).toBeUndefined();
    expect(createCatalog().resolve("mistral-medium-4-2", "mistral")).toBeUndefined();
    expect(() =>
      calculateCost({ model: "claude-opus-6-1", usage: { inputTokens: 10, outputTokens: 10 } }),
    ).toThrow(UnknownModelError);
  });

  it("prices the red team's ids by their own entries now that the data has them", () => {
    expect(createCatalog().resolve("claude-opus-5-5")).toMatchObject({
      priceMatch: "exact",
      priceEntry: "anthropic:claude-opus-5-5",
    });
  });

  it("prices a dated snapshot of a known model as a snapshot", () => {
    const cost = calculateCost({
      model: "claude-sonnet-4-5-20250929",
      usage: { inputTokens: 100_000, outputTokens: 0 },
      at: "2026-10-01",
    });
    // Claude Sonnet 4.5: $3 per 1M input tokens up to 200K (anthropic.com/pricing, checked
    // 2026-12): 100,000 × $3 / 1M = $0.30.
    expect(cost.totalNanoUsd).toBe(300_000_000);
    expect(cost).toMatchObject({
      priceMatch: "snapshot",
      priceEntry: "anthropic:claude-sonnet-4-5",
    });
  });

  it("prices a declared alias as an alias", () => {
    expect(createCatalog().resolve("claude-sonnet-4.5")).toMatchObject({
      priceMatch: "alias",
      priceEntry: "anthropic:claude-sonnet-4-5",
    });
    expect(createCatalog().resolve("grok-4", "xai")).toMatchObject({
      priceMatch: "alias",
      priceEntry: "x-ai:grok-4-0709",
    });
  });
});
