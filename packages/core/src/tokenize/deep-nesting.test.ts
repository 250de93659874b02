import { getEncoding } from "js-tiktoken";
import { describe, expect, it } from "vitest";
import { clearTokenCache } from "./count-text-tokens.js";
import { estimateTokens } from "./estimate-tokens.js";

const tiktoken = getEncoding("o200k_base");
const depth = 10_000;

/**
 * `{"a":{"a":…1,"b":2},"b":2}`, `depth` levels, built without recursion. (`b` keeps the
 * closing braces apart: js-tiktoken is quadratic on one piece of 10,000 `}`.)
 */
function nestedInput(): unknown {
  let value: unknown = 1;
  for (let level = 0; level < depth; level++) value = { a: value, b: 2 };
  return value;
}

/** The JSON text of {@link nestedInput}, written by hand. */
const nestedText = `${'{"a":'.repeat(depth)}1${',"b":2}'.repeat(depth)}`;

describe("estimateTokens on deeply nested input", () => {
  it("counts tool input nested 10,000 levels deep like its JSON text", async () => {
    clearTokenCache();
    const reference = tiktoken.encode(nestedText).length;
    const deep = await estimateTokens(
      {
        messages: [
          {
            role: "assistant",
            content: [{ type: "tool-call", toolCallId: "1", toolName: "x", input: nestedInput() }],
          },
        ],
      },
      { model: "gpt-4o" },
    );
    expect(deep.inputTokens).toBeGreaterThanOrEqual(reference);
    // Only the message overhead, role and tool name come on top: well under 1% of the count.
    expect(deep.inputTokens).toBeLessThanOrEqual(reference * 1.01);
  });

  it("counts tool results nested 10,000 levels deep in message content", async () => {
    clearTokenCache();
    let content: unknown = [{ type: "text", text: "the answer is 42" }];
    for (let level = 0; level < depth; level++) {
      content = [{ type: "tool_result", tool_use_id: `t${level}`, content }];
    }
    const estimate = await estimateTokens(
      { messages: [{ role: "user", content }] },
      { model: "gpt-4o" },
    );
    // 3 per message + "user" (1) + "the answer is 42" (5) + 3 reply priming (openai-cookbook).
    expect(estimate.inputTokens).toBe(12);
  });
});
