import { describe, expect, it } from "vitest";
import { createLedger } from "../ledger/create-ledger.js";
import { hashPrompt } from "./hash-prompt.js";

const system = { role: "system", content: "You are a terse assistant." };

describe("hashPrompt", () => {
  it("gives equal prompts equal hashes and different prompts different ones", () => {
    const first = hashPrompt({ messages: [system, { role: "user", content: "Hi" }] });
    const again = hashPrompt({ messages: [{ ...system }, { role: "user", content: "Hi" }] });
    const other = hashPrompt({ messages: [system, { role: "user", content: "Hi!" }] });
    expect(first?.promptHash).toMatch(/^[0-9a-f]{16}$/);
    expect(again?.promptHash).toBe(first?.promptHash);
    expect(other?.promptHash).not.toBe(first?.promptHash);
    // Same leading system part → same system hash.
    expect(other?.systemHash).toBe(first?.systemHash);
    expect(first?.systemText).toBe("You are a terse assistant.");
  });

  it("keeps field boundaries: ['ab','c'] and ['a','bc'] hash apart", () => {
    const left = hashPrompt({ messages: [{ role: "user", content: ["ab", "c"] }] });
    const right = hashPrompt({ messages: [{ role: "user", content: ["a", "bc"] }] });
    expect(left?.promptHash).not.toBe(right?.promptHash);
  });

  it("ignores ids, provider options and cache markers that change per call", () => {
    const base = [
      { role: "user", content: [{ type: "text", text: "Hi" }] },
      {
        role: "assistant",
        content: [{ type: "tool-call", toolCallId: "call_1", toolName: "weather", input: {} }],
      },
    ];
    const varied = [
      {
        role: "user",
        content: [
          { type: "text", text: "Hi", providerOptions: { anthropic: { cacheControl: {} } } },
        ],
      },
      {
        role: "assistant",
        content: [{ type: "tool-call", toolCallId: "call_2", toolName: "weather", input: {} }],
      },
    ];
    expect(hashPrompt({ messages: varied })?.promptHash).toBe(
      hashPrompt({ messages: base })?.promptHash,
    );
  });

  it("hashes a LangChain message like the OpenAI message it stands for", () => {
    class HumanMessage {
      content = "Hi";
      id = "run-123";
      _getType(): string {
        return "human";
      }
    }
    const openai = hashPrompt({ messages: [{ role: "user", content: "Hi" }] });
    const langchain = hashPrompt({ messages: [new HumanMessage()] });
    const tuple = hashPrompt({ messages: [["human", "Hi"]] });
    expect(langchain?.promptHash).toBe(openai?.promptHash);
    expect(tuple?.promptHash).toBe(openai?.promptHash);
  });

  it("covers image bytes, the plain prompt and tools; none without a prompt", () => {
    const image = (byte: number) => ({
      messages: [
        { role: "user", content: [{ type: "image", image: new Uint8Array([1, 2, byte]) }] },
      ],
    });
    expect(hashPrompt(image(3))?.promptHash).not.toBe(hashPrompt(image(4))?.promptHash);
    expect(hashPrompt({ prompt: "Hi" })?.promptHash).not.toBe(
      hashPrompt({ prompt: "Hi", tools: [{ name: "search" }] })?.promptHash,
    );
    expect(hashPrompt({ prompt: "Hi" })?.systemHash).toBeUndefined();
    expect(hashPrompt({})).toBeUndefined();
    expect(hashPrompt({ messages: [] })).toBeUndefined();
  });

  it("is filled on ledger records from the reserved messages, with the system part's tokens", async () => {
    const ledger = createLedger();
    const messages = [
      { role: "system", content: "Hello world" },
      { role: "user", content: "Hi" },
    ];
    const reservation = await ledger.reserve({ model: "gpt-4o", messages, maxOutputTokens: 10 });
    const record = await reservation.settle({ inputTokens: 20, outputTokens: 3 });
    const expected = hashPrompt({ messages });
    expect(record.promptHash).toBe(expected?.promptHash);
    expect(record.systemHash).toBe(expected?.systemHash);
    // o200k_base: "Hello world" is 2 tokens ("Hello", " world"); counted as plain text.
    expect(record.systemTokens).toBe(2);

    const explicit = await ledger.record({
      model: "gpt-4o",
      usage: { inputTokens: 1, outputTokens: 1 },
      messages,
      promptHash: "mine",
    });
    expect(explicit.promptHash).toBe("mine");
    expect(explicit.systemHash).toBe(expected?.systemHash);
  });
});
