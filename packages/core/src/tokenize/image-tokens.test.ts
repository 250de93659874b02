import { describe, expect, it } from "vitest";
import { imageTokens } from "./image-tokens.js";

describe("imageTokens — OpenAI tiles", () => {
  it("counts low detail as a flat 85", () => {
    expect(
      imageTokens({ family: "openai", detail: "low", size: { width: 4000, height: 3000 } }),
    ).toBe(85);
  });

  it("follows the published high-detail examples", () => {
    // 1024×1024 fits 2048; shortest side 1024 → 768: 768×768 = 2×2 tiles → 4 × 170 + 85.
    expect(imageTokens({ family: "openai", size: { width: 1024, height: 1024 } })).toBe(
      4 * 170 + 85,
    );
    // 2048×4096 → fit 2048: 1024×2048 → shortest 768: 768×1536 = 2×3 tiles → 6 × 170 + 85 = 1105.
    expect(imageTokens({ family: "openai", size: { width: 2048, height: 4096 } })).toBe(1105);
  });

  it("does not upscale small images", () => {
    // 512×512: one tile → 170 + 85.
    expect(
      imageTokens({ family: "openai", size: { width: 512, height: 512 }, detail: "high" }),
    ).toBe(255);
  });

  it("uses 4 tiles when the size is unknown, and gpt-4o-mini's own rates", () => {
    expect(imageTokens({ family: "openai" })).toBe(4 * 170 + 85);
    const size = { width: 1024, height: 1024 };
    expect(imageTokens({ family: "openai", size, model: "gpt-4o-mini" })).toBe(2833 + 4 * 5667);
  });
});

describe("imageTokens — Anthropic and Google", () => {
  it("counts Anthropic as width × height / 750, capped at 1,600", () => {
    expect(imageTokens({ family: "anthropic", size: { width: 1000, height: 1000 } })).toBe(
      Math.ceil(1_000_000 / 750), // 1334
    );
    expect(imageTokens({ family: "anthropic", size: { width: 200, height: 200 } })).toBe(54); // 40000/750 = 53.3
    expect(imageTokens({ family: "anthropic", size: { width: 4000, height: 4000 } })).toBe(1600);
    expect(imageTokens({ family: "anthropic" })).toBe(1600);
  });

  it("counts Google as 258 per image or per 768-px tile", () => {
    expect(imageTokens({ family: "google", size: { width: 384, height: 384 } })).toBe(258);
    expect(imageTokens({ family: "google" })).toBe(258);
    // 1000×1000: ceil(1000/768) = 2 per side → 4 tiles × 258.
    expect(imageTokens({ family: "google", size: { width: 1000, height: 1000 } })).toBe(1032);
  });

  it("uses OpenAI's rule for families without their own", () => {
    expect(imageTokens({ family: "mistral", size: { width: 1024, height: 1024 } })).toBe(765);
  });
});
