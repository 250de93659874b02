import { describe, expect, it } from "vitest";
import { InvalidPriceError } from "../errors/invalid-price-error.js";
import { calculateCost } from "./calculate-cost.js";
import { createCatalog } from "./create-catalog.js";

describe("user prices", () => {
  it("win over the catalog, also for dated ids and framework provider names", () => {
    const catalog = createCatalog({ prices: { "openai:gpt-4o": { inputMtok: 1, outputMtok: 2 } } });
    const cost = calculateCost(
      {
        model: "gpt-4o-2024-08-06",
        provider: "openai.responses",
        usage: { inputTokens: 1_000, cacheReadTokens: 500, outputTokens: 100 },
      },
      catalog,
    );
    // cache read has no user price: charged at the input price
    // 500 × 1e9 + 500 × 1e9 + 100 × 2e9 = 1.2e12
    expect(cost.totalNanoUsd).toBe(1_200_000);
    expect(cost.priceSource).toBe("user");
    expect(
      calculateCost(
        { model: "gpt-4o", usage: { inputTokens: 1_000_000, outputTokens: 0 } },
        catalog,
      ).totalNanoUsd,
    ).toBe(1_000_000_000);
  });

  it("price custom models, with every optional part and tiers", () => {
    const catalog = createCatalog({
      prices: {
        "acme:my-model": {
          inputMtok: 1.5,
          outputMtok: 2,
          cacheReadMtok: 0.15,
          cacheWriteMtok: 1.875,
          cacheWrite1hMtok: 3,
          reasoningMtok: 4,
          tiers: [{ startInputTokens: 100_000, inputMtok: 3, outputMtok: 4 }],
          maxOutputTokens: 8_192,
          contextWindow: 200_000,
        },
      },
    });
    expect(catalog.resolve("my-model", "acme")).toMatchObject({
      provider: "acme",
      model: "my-model",
      maxOutputTokens: 8_192,
      contextWindow: 200_000,
      priceSource: "user",
    });
    const usage = {
      inputTokens: 1_000,
      cacheReadTokens: 100,
      cacheWriteTokens: 300,
      cacheWrite1hTokens: 100,
      outputTokens: 500,
      reasoningTokens: 200,
    };
    // 600×1.5e9 + 100×0.15e9 + 200×1.875e9 + 100×3e9 + 300×2e9 + 200×4e9
    //   = 900e9 + 15e9 + 375e9 + 300e9 + 600e9 + 800e9 = 2_990e9
    expect(calculateCost({ model: "acme:my-model", usage }, catalog).totalNanoUsd).toBe(2_990_000);
    // above 100k input: input $3, output $4, the rest keep their base price
    const big = calculateCost(
      {
        model: "acme/my-model",
        usage: { inputTokens: 100_001, cacheReadTokens: 1, outputTokens: 10 },
      },
      catalog,
    );
    // 100_000×3e9 + 1×0.15e9 + 10×4e9 = 300_000e9 + 0.15e9 + 40e9 = 300_040.15e9
    expect(big.totalNanoUsd).toBe(300_040_150);
    expect(big.tierStartTokens).toBe(100_000);
  });

  it("give a user-only catalog with includeDefaults: false", () => {
    const catalog = createCatalog({
      includeDefaults: false,
      prices: { "my-model": { inputMtok: 1, outputMtok: 1 } },
    });
    expect(catalog.source).toBe("user");
    expect(catalog.resolve("gpt-4o")).toBeUndefined();
    expect(catalog.resolve("my-model", "anything")?.model).toBe("my-model");
  });

  it("accept provider wildcards such as ollama:*", () => {
    const catalog = createCatalog({ prices: { "ollama:*": { inputMtok: 0, outputMtok: 0 } } });
    const cost = calculateCost(
      { model: "llama3.1:8b", provider: "ollama", usage: { inputTokens: 10, outputTokens: 10 } },
      catalog,
    );
    expect(cost.totalNanoUsd).toBe(0);
    expect(cost.model).toBe("llama3.1:8b");
    expect(cost.priceSource).toBe("user");
  });

  it.each([
    ["a negative price", { inputMtok: -1, outputMtok: 2 }, /"acme:bad": inputMtok must be ≥ 0/],
    ["NaN", { inputMtok: Number.NaN, outputMtok: 2 }, /"acme:bad": inputMtok must be a number/],
    [
      "Infinity",
      { inputMtok: 1, outputMtok: Number.POSITIVE_INFINITY },
      /outputMtok must be a number/,
    ],
    [
      "more than 9 decimals",
      { inputMtok: 0.1234567891, outputMtok: 2 },
      /inputMtok must have at most 9 decimals/,
    ],
    [
      "a float artifact",
      { inputMtok: 0.1 + 0.2, outputMtok: 2 },
      /inputMtok must have at most 9 decimals/,
    ],
    ["a string", { inputMtok: "1.5", outputMtok: 2 }, /inputMtok must be a number/],
    ["a missing output price", { inputMtok: 1 }, /outputMtok must be a number/],
    [
      "an unknown key",
      { inputMtok: 1, outputMtok: 2, cachedInputMtok: 1 },
      /unknown field "cachedInputMtok"/,
    ],
    [
      "a fractional tier start",
      {
        inputMtok: 1,
        outputMtok: 2,
        tiers: [{ startInputTokens: 1.5, inputMtok: 2, outputMtok: 3 }],
      },
      /tiers\[0\]\.startInputTokens must be a whole number/,
    ],
    [
      "an unknown tier key",
      {
        inputMtok: 1,
        outputMtok: 2,
        tiers: [{ startInputTokens: 1, inputMtok: 2, outputMtok: 3, start: 5 }],
      },
      /tiers\[0\]: unknown field "start" \(did you mean "startInputTokens"\?/,
    ],
    [
      "a zero context window",
      { inputMtok: 1, outputMtok: 2, contextWindow: 0 },
      /contextWindow must be > 0/,
    ],
    ["not an object", 5, /"acme:bad": the price must be an object/],
  ])("refuse %s with InvalidPriceError naming model and field", (_name, price, message) => {
    let caught: unknown;
    try {
      createCatalog({ prices: { "acme:bad": price as never } });
    } catch (error) {
      caught = error;
    }
    expect(InvalidPriceError.isInstance(caught)).toBe(true);
    const error = caught as InvalidPriceError;
    expect(error.message).toMatch(message);
    expect(error.model).toBe("acme:bad");
    expect((error.cause as Error).name).toBe("ValidationError");
    expect((error.cause as { issues?: unknown[] }).issues?.length).toBeGreaterThan(0);
  });

  it("refuse tiers that repeat a start or set a part missing at the top level", () => {
    expect(() =>
      createCatalog({
        prices: {
          "acme:bad": {
            inputMtok: 1,
            outputMtok: 2,
            tiers: [
              { startInputTokens: 10, inputMtok: 2, outputMtok: 3 },
              { startInputTokens: 10, inputMtok: 3, outputMtok: 4 },
            ],
          },
        },
      }),
    ).toThrow(/two tiers start at 10 input tokens/);
    expect(() =>
      createCatalog({
        prices: {
          "acme:bad": {
            inputMtok: 1,
            outputMtok: 2,
            tiers: [{ startInputTokens: 10, inputMtok: 2, outputMtok: 3, cacheReadMtok: 1 }],
          },
        },
      }),
    ).toThrow(/tiers set cacheReadMtok but the price has no top-level cacheReadMtok/);
  });

  it("refuse a prices value that is not an object", () => {
    expect(() => createCatalog({ prices: [] as never })).toThrow(InvalidPriceError);
  });
});
