import { describe, expect, it } from "vitest";
import { correctStreamedUsage, usageFromStreamedChunks } from "./streamed-usage.js";

// Anthropic through LangChain: message_start says output 1, message_delta the cumulative 20.
const messageStart = { input_tokens: 100, output_tokens: 1, total_tokens: 101 };
const messageDelta = { input_tokens: 0, output_tokens: 20, total_tokens: 20 };
const summedByLangChain = { input_tokens: 100, output_tokens: 21, total_tokens: 121 };

describe("correctStreamedUsage", () => {
  it("takes the cumulative output of an Anthropic stream instead of LangChain's sum", () => {
    expect(
      correctStreamedUsage(summedByLangChain, [messageStart, messageDelta], "anthropic"),
    ).toEqual({
      input_tokens: 100,
      output_tokens: 20,
      total_tokens: 120,
    });
  });

  it("leaves other providers, single chunks and an already-correct total alone", () => {
    expect(correctStreamedUsage(summedByLangChain, [messageStart, messageDelta], "openai")).toBe(
      summedByLangChain,
    );
    expect(correctStreamedUsage(summedByLangChain, [summedByLangChain], "anthropic")).toBe(
      summedByLangChain,
    );
    const fixed = { ...summedByLangChain, output_tokens: 20, total_tokens: 120 };
    expect(correctStreamedUsage(fixed, [messageStart, messageDelta], "anthropic")).toBe(fixed);
  });
});

describe("usageFromStreamedChunks", () => {
  it("sums the chunks of a stream that never ended, corrected the same way", () => {
    expect(usageFromStreamedChunks([messageStart, messageDelta], "anthropic")).toMatchObject({
      input_tokens: 100,
      output_tokens: 20,
      total_tokens: 120,
    });
    expect(usageFromStreamedChunks([], "anthropic")).toBeUndefined();
  });
});
