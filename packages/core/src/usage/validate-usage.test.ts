import { describe, expect, it } from "vitest";
import { InvalidUsageError } from "../errors/invalid-usage-error.js";
import { validateUsage } from "./validate-usage.js";

/** Runs `action`, expects an InvalidUsageError, and returns it for further checks. */
function catchInvalidUsage(action: () => unknown): InvalidUsageError {
  try {
    action();
  } catch (error) {
    expect(InvalidUsageError.isInstance(error)).toBe(true);
    const invalid = error as InvalidUsageError;
    expect(invalid.code).toBe("INVALID_USAGE");
    return invalid;
  }
  throw new Error("expected an InvalidUsageError, nothing was thrown");
}

describe("validateUsage: accepted input", () => {
  it("returns a clean copy with every part kept and undefined parts dropped", () => {
    const input = {
      inputTokens: 100,
      cacheReadTokens: 20,
      cacheWriteTokens: 30,
      cacheWrite1hTokens: 10,
      inputAudioTokens: 5,
      inputImageTokens: 0,
      outputTokens: 50,
      reasoningTokens: 40,
      outputAudioTokens: undefined,
    };
    const clean = validateUsage(input);
    expect(clean).toStrictEqual({
      inputTokens: 100,
      cacheReadTokens: 20,
      cacheWriteTokens: 30,
      cacheWrite1hTokens: 10,
      inputAudioTokens: 5,
      inputImageTokens: 0,
      outputTokens: 50,
      reasoningTokens: 40,
    });
    expect(clean).not.toBe(input);
  });

  it("accepts parts equal to their totals, and 20 + 80 cache tokens inside 100 input", () => {
    expect(
      validateUsage({
        inputTokens: 100,
        cacheReadTokens: 20,
        cacheWriteTokens: 80,
        outputTokens: 7,
        reasoningTokens: 7,
      }),
    ).toStrictEqual({
      inputTokens: 100,
      cacheReadTokens: 20,
      cacheWriteTokens: 80,
      outputTokens: 7,
      reasoningTokens: 7,
    });
  });

  it("accepts and drops totalTokens when it equals 12 + 30 = 42", () => {
    expect(validateUsage({ inputTokens: 12, outputTokens: 30, totalTokens: 42 })).toStrictEqual({
      inputTokens: 12,
      outputTokens: 30,
    });
  });

  it("ignores an unknown key whose value is undefined", () => {
    expect(
      validateUsage({ inputTokens: 1, outputTokens: 2, cachedInputTokens: undefined }),
    ).toStrictEqual({
      inputTokens: 1,
      outputTokens: 2,
    });
  });
});

describe("validateUsage: rejected input", () => {
  it.each([null, undefined, 42, "100", [1, 2]])("rejects a non-object usage (%j)", (value) => {
    const error = catchInvalidUsage(() => validateUsage(value));
    expect(error.field).toBe("usage");
    expect(error.message).toContain(
      "expected an object like { inputTokens: 120, outputTokens: 40 }",
    );
  });

  it("rejects a missing total and says what is needed", () => {
    const error = catchInvalidUsage(() => validateUsage({ outputTokens: 3 }));
    expect(error.field).toBe("inputTokens");
    expect(error.value).toBeUndefined();
    expect(error.message).toBe(
      "Invalid usage: inputTokens is missing. Usage needs inputTokens and outputTokens as whole numbers of tokens, e.g. { inputTokens: 120, outputTokens: 40 }.",
    );
    expect(catchInvalidUsage(() => validateUsage({ inputTokens: 3 })).field).toBe("outputTokens");
  });

  it("rejects a total that is a string", () => {
    const error = catchInvalidUsage(() => validateUsage({ inputTokens: "12", outputTokens: 3 }));
    expect(error.field).toBe("inputTokens");
    expect(error.value).toBe("12");
    expect(error.message).toContain('must be a number of tokens, got the string "12"');
  });

  it.each([
    ["inputTokens", -1, "is negative (-1)"],
    ["outputTokens", Number.NaN, "is NaN, which means the source reported no count"],
    ["outputTokens", Number.POSITIVE_INFINITY, "is Infinity"],
    ["inputTokens", 12.5, "is 12.5, not a whole number"],
    ["inputTokens", 2 ** 53, "larger than Number.MAX_SAFE_INTEGER"],
    ["cacheReadTokens", -3, "is negative (-3)"],
    ["reasoningTokens", 0.5, "is 0.5, not a whole number"],
    ["inputAudioTokens", Number.NaN, "is NaN"],
    ["outputAudioTokens", "7", 'got the string "7"'],
  ])("rejects %s = %s", (field, value, expectedText) => {
    const usage: Record<string, unknown> = { inputTokens: 100, outputTokens: 100 };
    usage[field] = value;
    const error = catchInvalidUsage(() => validateUsage(usage));
    expect(error.field).toBe(field);
    expect(error.value).toBe(value);
    expect(error.message).toContain(expectedText);
  });

  it.each([
    ["cacheReadTokens", "inputTokens"],
    ["cacheWriteTokens", "inputTokens"],
    ["inputAudioTokens", "inputTokens"],
    ["inputImageTokens", "inputTokens"],
    ["reasoningTokens", "outputTokens"],
    ["outputAudioTokens", "outputTokens"],
  ])("rejects %s larger than %s (11 > 10)", (field, totalField) => {
    const usage: Record<string, unknown> = { inputTokens: 10, outputTokens: 10, [field]: 11 };
    const error = catchInvalidUsage(() => validateUsage(usage));
    expect(error.field).toBe(field);
    expect(error.value).toBe(11);
    expect(error.message).toContain(`${field} (11) is larger than ${totalField} (10)`);
    expect(error.message).toContain("Parts are counted inside their totals");
  });

  it("explains how to fix Anthropic-style input without cache", () => {
    const error = catchInvalidUsage(() =>
      validateUsage({
        inputTokens: 50,
        cacheReadTokens: 20,
        cacheWriteTokens: 40,
        outputTokens: 1,
      }),
    );
    // 20 + 40 = 60 > 50, though each part alone fits.
    expect(error.field).toBe("cacheReadTokens + cacheWriteTokens");
    expect(error.value).toBe(60);
    expect(error.message).toContain("(60) is larger than inputTokens (50)");
    expect(error.message).toContain("fromAnthropicUsage()");
  });

  it("rejects cacheWrite1hTokens larger than cacheWriteTokens, and without any writes", () => {
    const error = catchInvalidUsage(() =>
      validateUsage({
        inputTokens: 100,
        cacheWriteTokens: 30,
        cacheWrite1hTokens: 31,
        outputTokens: 0,
      }),
    );
    expect(error.field).toBe("cacheWrite1hTokens");
    expect(error.message).toContain("cacheWrite1hTokens (31) is larger than cacheWriteTokens (30)");
    expect(error.message).toContain("1-hour part of it");
    const absent = catchInvalidUsage(() =>
      validateUsage({ inputTokens: 100, cacheWrite1hTokens: 5, outputTokens: 0 }),
    );
    expect(absent.message).toContain("larger than cacheWriteTokens (absent, so 0)");
  });

  it("rejects reasoning outside output with a pointer to the Google quirk", () => {
    const error = catchInvalidUsage(() =>
      validateUsage({ inputTokens: 1, outputTokens: 310, reasoningTokens: 857 }),
    );
    expect(error.message).toContain("fromGoogleUsage()");
  });

  it.each([
    ["cachedInputTokens", "Did you mean cacheReadTokens?"],
    ["cacheCreationInputTokens", "Did you mean cacheWriteTokens?"],
    ["promptTokens", "Did you mean inputTokens?"],
    ["inputTokenDetails", "fromAiSdkUsage(usage, { provider })"],
    ["input_token_details", "fromLangChainUsage"],
    ["cache_read_input_tokens", "fromAnthropicUsage"],
    ["cachedTokenz", "Known fields: inputTokens, outputTokens, cacheReadTokens"],
    ["toString", "Known fields:"],
  ])("rejects the unknown key %s with a hint", (key, hint) => {
    const error = catchInvalidUsage(() =>
      validateUsage({ inputTokens: 5, outputTokens: 5, [key]: 1 }),
    );
    expect(error.field).toBe(key);
    expect(error.message).toContain(`unknown field "${key}"`);
    expect(error.message).toContain(hint);
  });

  it("rejects totalTokens that is not 12 + 30 = 42", () => {
    const error = catchInvalidUsage(() =>
      validateUsage({ inputTokens: 12, outputTokens: 30, totalTokens: 50 }),
    );
    expect(error.field).toBe("totalTokens");
    expect(error.message).toContain("(12 + 30 = 42)");
  });

  it("names the source in the message when given", () => {
    const error = catchInvalidUsage(() =>
      validateUsage({ inputTokens: -1, outputTokens: 0 }, { source: "ledger.record" }),
    );
    expect(
      error.message.startsWith("Invalid usage from ledger.record: inputTokens is negative"),
    ).toBe(true);
  });
});
