import { InvalidRequestError } from "../errors/invalid-request-error.js";
import { describeValue } from "../validation/describe-value.js";
import { MAX_OUTPUT_TOKENS } from "./ledger-options.js";

/**
 * Checks, at the edge and cheaply, what a caller hands the ledger before anything is counted,
 * held or written: a request object with a model id, and every number that reaches a budget
 * (explicit estimates, output caps) a whole number in range. Throws `InvalidRequestError`
 * naming the field and the fix; a NaN estimate would otherwise hold NaN and admit everything.
 */
export function checkRequest(request: unknown, method: "reserve" | "estimate" | "record"): void {
  if (typeof request !== "object" || request === null || Array.isArray(request)) {
    throw new InvalidRequestError({
      field: "request",
      message: `ledger.${method}() needs a request object such as { model: "gpt-4o", messages }, got ${describeValue(request)}.`,
    });
  }
  const fields = request as Record<string, unknown>;
  if (typeof fields.model !== "string" || fields.model.trim() === "") {
    throw new InvalidRequestError({
      field: "model",
      message: `ledger.${method}() needs model: a model id such as "gpt-4o" or "anthropic:claude-sonnet-4-5", got ${describeValue(fields.model)}.`,
    });
  }
  optionalString(fields.provider, "provider");
  optionalTokenCount(fields.maxOutputTokens, "maxOutputTokens", MAX_OUTPUT_TOKENS);
  if (fields.kind !== undefined && fields.kind !== "chat" && fields.kind !== "embedding") {
    throw new InvalidRequestError({
      field: "kind",
      message: `kind must be "chat" or "embedding", got ${describeValue(fields.kind)}.`,
    });
  }
  if (fields.estimate !== undefined) {
    const estimate = fields.estimate as Record<string, unknown> | null;
    if (typeof estimate !== "object" || estimate === null) {
      throw new InvalidRequestError({
        field: "estimate",
        message: `estimate must be { inputTokens, outputTokens }, got ${describeValue(estimate)}.`,
      });
    }
    tokenCount(estimate.inputTokens, "estimate.inputTokens", Number.MAX_SAFE_INTEGER);
    tokenCount(estimate.outputTokens, "estimate.outputTokens", Number.MAX_SAFE_INTEGER);
  }
  if (fields.fallbackModels !== undefined) {
    const fallbacks = fields.fallbackModels;
    const valid =
      Array.isArray(fallbacks) &&
      fallbacks.every(
        (fallback) =>
          typeof fallback === "object" &&
          fallback !== null &&
          typeof (fallback as { model?: unknown }).model === "string",
      );
    if (!valid) {
      throw new InvalidRequestError({
        field: "fallbackModels",
        message: `fallbackModels must be a list like [{ model: "gpt-4o-mini" }], got ${describeValue(fallbacks)}.`,
      });
    }
  }
}

function optionalString(value: unknown, field: string): void {
  if (value === undefined || typeof value === "string") return;
  throw new InvalidRequestError({
    field,
    message: `${field} must be a string, got ${describeValue(value)}.`,
  });
}

function optionalTokenCount(value: unknown, field: string, max: number): void {
  if (value !== undefined) tokenCount(value, field, max);
}

function tokenCount(value: unknown, field: string, max: number): void {
  if (typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= max) return;
  throw new InvalidRequestError({
    field,
    message: `${field} must be a whole number of tokens from 0 to ${max.toLocaleString("en-US")}, got ${describeValue(value)}.`,
  });
}
