import { countTokens as rawCl100k } from "gpt-tokenizer/encoding/cl100k_base";
import { countTokens as rawO200k } from "gpt-tokenizer/encoding/o200k_base";
import { describe, expect, it } from "vitest";
import { InvalidConfigError } from "../errors/invalid-config-error.js";
import { InvalidUsageError } from "../errors/invalid-usage-error.js";
import { pngHeader, toBase64 } from "./__fixtures__/image-headers.js";
import { createCorrectionFactors } from "./correction-factors.js";
import { estimateOutputTokens, estimateTokens } from "./estimate-tokens.js";
import type { Tokenizer } from "./tokenizer.js";

const plainText = { allowedSpecial: new Set<string>(), disallowedSpecial: new Set<string>() };
const o200k = (text: string): number => rawO200k(text, plainText);

// The openai-cookbook's example (How to count tokens with tiktoken, §6) with the API's counts.
const cookbookMessages = [
  {
    role: "system",
    content:
      "You are a helpful, pattern-following assistant that translates corporate jargon into plain English.",
  },
  {
    role: "system",
    name: "example_user",
    content: "New synergies will help drive top-line growth.",
  },
  {
    role: "system",
    name: "example_assistant",
    content: "Things working well together will increase revenue.",
  },
  {
    role: "system",
    name: "example_user",
    content:
      "Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage.",
  },
  {
    role: "system",
    name: "example_assistant",
    content: "Let's talk later when we're less busy about how to do better.",
  },
  {
    role: "user",
    content:
      "This late pivot means we don't have time to boil the ocean for the client deliverable.",
  },
];

// The cookbook's tool example (§7).
const weatherTools = [
  {
    type: "function",
    function: {
      name: "get_current_weather",
      description: "Get the current weather in a given location",
      parameters: {
        type: "object",
        properties: {
          location: { type: "string", description: "The city and state, e.g. San Francisco, CA" },
          unit: {
            type: "string",
            description: "The unit of temperature to return",
            enum: ["celsius", "fahrenheit"],
          },
        },
        required: ["location"],
      },
    },
  },
];
const weatherMessages = [
  {
    role: "system",
    content: "You are a helpful assistant that can answer to questions about the weather.",
  },
  { role: "user", content: "What's the weather like in San Francisco?" },
];

describe("estimateTokens — published OpenAI API counts", () => {
  it("matches the API's prompt_tokens for the cookbook messages", async () => {
    expect(
      (await estimateTokens({ messages: cookbookMessages }, { model: "gpt-4-0613" })).inputTokens,
    ).toBe(129);
    const gpt4o = await estimateTokens({ messages: cookbookMessages }, { model: "gpt-4o" });
    expect(gpt4o).toMatchObject({
      inputTokens: 124,
      encoding: "o200k_base",
      family: "openai",
      corrected: false,
    });
  });

  it("matches the API's prompt_tokens for the cookbook tool example", async () => {
    const input = { messages: weatherMessages, tools: weatherTools };
    expect((await estimateTokens(input, { model: "gpt-4o" })).inputTokens).toBe(101);
    expect((await estimateTokens(input, { model: "gpt-4" })).inputTokens).toBe(105);
  });
});

describe("estimateTokens — text and overhead", () => {
  it("counts a string as plain text, special tokens included", async () => {
    const text = "Summarize <|endoftext|> please";
    const estimate = await estimateTokens(text, { model: "gpt-4o" });
    expect(estimate.inputTokens).toBe(o200k(text));
    expect((await estimateTokens(text, { model: "gpt-3.5-turbo" })).inputTokens).toBe(
      rawCl100k(text, plainText),
    );
  });

  it("adds 3 per message, the role, 1 + name per name, and 3 for priming", async () => {
    const messages = [
      { role: "system", content: "Be brief." },
      { role: "user", name: "ada", content: "Hello world" },
    ];
    const expected =
      3 +
      o200k("system") +
      o200k("Be brief.") +
      3 +
      o200k("user") +
      1 +
      o200k("ada") +
      o200k("Hello world") +
      3;
    expect((await estimateTokens({ messages }, { model: "gpt-4o" })).inputTokens).toBe(expected);
  });

  it("counts the AI SDK prompt: text, files, tool calls and results", async () => {
    const prompt = [
      { role: "system", content: "You are terse." },
      {
        role: "user",
        content: [
          { type: "text", text: "What is in this picture?" },
          { type: "file", mediaType: "image/png", data: pngHeader(1024, 1024) },
        ],
      },
      {
        role: "assistant",
        content: [
          { type: "reasoning", text: "Look at the image." },
          { type: "tool-call", toolCallId: "c1", toolName: "lookup", input: { q: "cat" } },
        ],
      },
      {
        role: "tool",
        content: [
          {
            type: "tool-result",
            toolCallId: "c1",
            toolName: "lookup",
            output: { type: "json", value: { found: true } },
          },
        ],
      },
    ];
    const text =
      3 +
      o200k("system") +
      o200k("You are terse.") +
      3 +
      o200k("user") +
      o200k("What is in this picture?") +
      3 +
      o200k("assistant") +
      o200k("Look at the image.") +
      o200k("lookup") +
      o200k('{"q":"cat"}') +
      3 +
      o200k("tool") +
      o200k('{"found":true}') +
      3;
    const estimate = await estimateTokens({ messages: prompt }, { model: "gpt-4o" });
    // 1024×1024 high detail: 4 tiles × 170 + 85.
    expect(estimate).toMatchObject({ textTokens: text, fixedTokens: 765, inputTokens: text + 765 });
  });

  it("reads OpenAI image_url parts with detail and inline sizes", async () => {
    const dataUrl = `data:image/png;base64,${toBase64(pngHeader(2048, 4096))}`;
    const messages = [
      {
        role: "user",
        content: [
          { type: "text", text: "Compare" },
          { type: "image_url", image_url: { url: dataUrl, detail: "high" } },
          { type: "image_url", image_url: { url: "https://example.com/a.png", detail: "low" } },
        ],
      },
    ];
    const estimate = await estimateTokens({ messages }, { model: "gpt-4.1" });
    expect(estimate.fixedTokens).toBe(1105 + 85); // 2048×4096 → 6 tiles; low → 85
  });

  it("counts LangChain messages, their tool_calls and content blocks", async () => {
    class FakeMessage {
      constructor(
        readonly type: string,
        readonly content: unknown,
        readonly tool_calls?: { name: string; args: unknown }[],
      ) {}
      _getType(): string {
        return this.type;
      }
    }
    const messages = [
      new FakeMessage("system", "Use tools."),
      new FakeMessage("human", [
        { type: "text", text: "Weather in Oslo?" },
        { type: "image_url", image_url: "https://x/y.png" },
      ]),
      new FakeMessage("ai", "", [{ name: "weather", args: { city: "Oslo" } }]),
      new FakeMessage("remove", ""),
    ];
    const text =
      3 +
      o200k("system") +
      o200k("Use tools.") +
      3 +
      o200k("user") +
      o200k("Weather in Oslo?") +
      3 +
      o200k("assistant") +
      o200k("weather") +
      o200k('{"city":"Oslo"}') +
      3;
    const estimate = await estimateTokens({ messages }, { model: "gpt-4o" });
    expect(estimate).toMatchObject({ textTokens: text, fixedTokens: 765 }); // URL image: size unknown
  });

  it("counts the AI SDK tools record", async () => {
    const tools = {
      search: {
        description: "Search the web.",
        inputSchema: { jsonSchema: { type: "object", properties: { query: { type: "string" } } } },
      },
    };
    // 7 (function start) + "search:Search the web" + 3 (properties) + 3 + "query:string:" + 12 (end).
    const expected = 7 + o200k("search:Search the web") + 3 + 3 + o200k("query:string:") + 12;
    expect((await estimateTokens({ tools }, { model: "gpt-4o" })).inputTokens).toBe(expected);
  });
});

describe("estimateTokens — other providers", () => {
  it("scales text by the family's factor but not image tokens", async () => {
    const messages = [
      {
        role: "user",
        content: [
          { type: "text", text: "Describe this." },
          {
            type: "image",
            source: {
              type: "base64",
              media_type: "image/png",
              data: toBase64(pngHeader(1000, 1000)),
            },
          },
        ],
      },
    ];
    const text = 3 + o200k("user") + o200k("Describe this.") + 3;
    const estimate = await estimateTokens({ messages }, { model: "claude-sonnet-4-5" });
    expect(estimate).toMatchObject({
      family: "anthropic",
      encoding: "o200k_base",
      corrected: true,
      correctionFactor: 1.2,
      textTokens: text,
      fixedTokens: Math.ceil((1000 * 1000) / 750),
      inputTokens: Math.ceil(text * 1.2) + 1334,
    });
  });

  it("uses the learned factor and adds Anthropic's tool prompt", async () => {
    const factors = createCorrectionFactors({ initial: { anthropic: 1.5 } });
    const tools = [
      {
        name: "noop",
        description: "Does nothing",
        input_schema: { type: "object", properties: {} },
      },
    ];
    const estimate = await estimateTokens(
      { tools },
      { model: "claude-opus-4-1", correctionFactors: factors },
    );
    const text = 7 + o200k("noop:Does nothing") + 12;
    expect(estimate.inputTokens).toBe(Math.ceil(text * 1.5) + 346);
  });
});

describe("estimateTokens — options and errors", () => {
  it("uses a given tokenizer or loader", async () => {
    const characters: Tokenizer = {
      name: "chars",
      encoding: "chars",
      count: (text) => text.length,
    };
    expect(
      (await estimateTokens("abcdef", { model: "gpt-4o", tokenizer: characters })).inputTokens,
    ).toBe(6);
    const loader = (encoding: string): Tokenizer => ({ ...characters, encoding });
    expect(await estimateTokens("abc", { model: "gpt-4", tokenizer: loader })).toMatchObject({
      inputTokens: 3,
      encoding: "cl100k_base",
    });
  });

  it("rejects malformed input with typed errors", async () => {
    await expect(estimateTokens(42 as never)).rejects.toThrow(InvalidUsageError);
    await expect(estimateTokens({ messages: "hi" as never })).rejects.toThrow(
      /messages must be an array/,
    );
    await expect(estimateTokens("x", { tokenizer: {} as never })).rejects.toThrow(
      InvalidConfigError,
    );
  });
});

describe("estimateOutputTokens", () => {
  it("counts generated text, corrected for the family", async () => {
    const text = "The answer is 42, as computed above.";
    expect(await estimateOutputTokens(text, { model: "gpt-4o" })).toMatchObject({
      outputTokens: o200k(text),
      corrected: false,
    });
    const gemini = await estimateOutputTokens(text, { model: "gemini-2.5-pro" });
    expect(gemini.outputTokens).toBe(Math.ceil(o200k(text) * 1.05));
  });
});
