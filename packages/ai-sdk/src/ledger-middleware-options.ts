import { InvalidConfigError, type LedgerContext } from "@tokenledger/core";
import type { WaitUntil } from "./defer-settlement.js";
import type { LanguageModelLike } from "./model-shapes.js";
import type { FallbackTarget } from "./reserve-call.js";

/**
 * A cheaper model to route a call to when the requested model's hold does not fit a budget: a
 * model object, or `{ model, modelId?, provider? }` to price it under other names.
 */
export type FallbackModel =
  | LanguageModelLike
  | { model: LanguageModelLike; modelId?: string; provider?: string };

/** Options of {@link ledgerMiddleware}. */
export interface LedgerMiddlewareOptions {
  /**
   * Context of every call through this middleware (`{ feature: "chat" }`), or a function that
   * computes it per call. Merged over `ledger.withContext`; `providerOptions.tokenledger` wins.
   */
  context?: LedgerContext | (() => LedgerContext);
  /** Where to route a call whose hold does not fit (tried in order). */
  fallbackModel?: FallbackModel | readonly FallbackModel[];
  /** Stop a stream once its output would cost more than this many USD (streams only). */
  maxOutputUsd?: number;
  /**
   * Keep a call within the output tokens held for it. `true` (the default): when a USD or
   * token budget holds a call that set no `maxOutputTokens`, the provider is sent
   * `maxOutputTokens` = the output tokens held (the model's output limit from the catalog, or
   * the ledger's `defaultMaxOutputTokens`), so the call cannot be billed past its hold. Calls
   * no such budget holds, and calls that set `maxOutputTokens`, are sent as they are.
   * `"stream"`: the same, and a stream is also stopped client-side once its counted output
   * passes the hold (for providers that ignore the cap; this applies to every stream, budgeted
   * or not). `false`: the params are never changed and streams are never stopped.
   * @default true
   */
  capAtHold?: boolean | "stream";
  /**
   * When a call's worst case does not fit a USD or token budget, run it with the largest output
   * cap that does (at least `minOutputTokens`, default 256) instead of refusing it; the provider
   * is sent that cap as `maxOutputTokens` and the record says it was cut (`outputCappedFrom`,
   * an `output-capped` event). @default false
   */
  shrinkToFit?: boolean | { minOutputTokens: number };
  /** The `providerOptions` key that carries per-call context. @default "tokenledger" */
  providerOptionsKey?: string;
  /**
   * Serverless: settlement and ledger writes are handed to this function instead of awaited,
   * so the result (and the stream's `finish`) does not wait for the store, and the platform
   * keeps the function alive until they are done. Vercel's `waitUntil` from
   * `@vercel/functions`, Next.js's `after`, Cloudflare's `waitUntil` from `cloudflare:workers`
   * (or `(promise) => ctx.waitUntil(promise)`). The hold is still taken before the call.
   */
  waitUntil?: WaitUntil;
}

/** Options after validation. */
export interface ResolvedMiddlewareOptions {
  context: LedgerContext | (() => LedgerContext) | undefined;
  fallbacks: readonly FallbackTarget[];
  maxOutputUsd: number | undefined;
  /** Send the hold as `maxOutputTokens` (see the option). */
  capAtHold: boolean;
  /** Stop streams client-side at the hold (`capAtHold: "stream"`). */
  stopStreamAtHold: boolean;
  shrinkToFit: boolean | { minOutputTokens: number };
  providerOptionsKey: string;
  waitUntil: WaitUntil | undefined;
}

/** Validates the options once, when the middleware is created. Throws `InvalidConfigError`. */
export function resolveMiddlewareOptions(
  options: LedgerMiddlewareOptions | undefined,
): ResolvedMiddlewareOptions {
  const {
    context,
    maxOutputUsd,
    capAtHold,
    shrinkToFit = false,
    providerOptionsKey = "tokenledger",
    waitUntil,
  } = options ?? {};
  const contextIsValid =
    context === undefined ||
    typeof context === "function" ||
    (typeof context === "object" && context !== null && !Array.isArray(context));
  if (!contextIsValid) {
    fail(`context must be an object like { feature: "chat" } or a function returning one.`);
  }
  if (
    maxOutputUsd !== undefined &&
    (typeof maxOutputUsd !== "number" || !Number.isFinite(maxOutputUsd) || maxOutputUsd <= 0)
  ) {
    fail(`maxOutputUsd must be a positive number of USD (e.g. 0.05), got ${String(maxOutputUsd)}.`);
  }
  if (capAtHold !== undefined && typeof capAtHold !== "boolean" && capAtHold !== "stream") {
    fail(`capAtHold must be true, false or "stream", got ${String(capAtHold)}.`);
  }
  const minOutputTokens = (shrinkToFit as { minOutputTokens?: unknown }).minOutputTokens;
  if (
    typeof shrinkToFit !== "boolean" &&
    !(
      typeof minOutputTokens === "number" &&
      Number.isInteger(minOutputTokens) &&
      minOutputTokens >= 0
    )
  ) {
    fail("shrinkToFit must be true, false or { minOutputTokens: <whole number> }.");
  }
  if (typeof providerOptionsKey !== "string" || providerOptionsKey.length === 0) {
    fail(`providerOptionsKey must be a non-empty string (default "tokenledger").`);
  }
  if (waitUntil !== undefined && typeof waitUntil !== "function") {
    fail(
      "waitUntil must be a function taking a promise: waitUntil from @vercel/functions, after from next/server, or (promise) => ctx.waitUntil(promise) on Cloudflare.",
    );
  }
  return {
    context,
    waitUntil,
    fallbacks: resolveFallbacks(options?.fallbackModel),
    maxOutputUsd,
    capAtHold: capAtHold !== false,
    stopStreamAtHold: capAtHold === "stream",
    shrinkToFit,
    providerOptionsKey,
  };
}

function resolveFallbacks(option: LedgerMiddlewareOptions["fallbackModel"]): FallbackTarget[] {
  if (option === undefined) return [];
  const list: readonly FallbackModel[] = Array.isArray(option) ? option : [option as FallbackModel];
  return list.map((entry, index) => {
    const direct = isLanguageModel(entry);
    const model: unknown = direct ? entry : (entry as { model?: unknown } | null)?.model;
    if (!isLanguageModel(model)) {
      fail(
        `fallbackModel${Array.isArray(option) ? `[${index}]` : ""} must be a language model (e.g. openai("gpt-4o-mini")) or { model, modelId?, provider? }.`,
      );
    }
    const names: { modelId?: string; provider?: string } = direct
      ? {}
      : (entry as { modelId?: string; provider?: string });
    return {
      model,
      modelId: names.modelId ?? model.modelId,
      provider: names.provider ?? model.provider,
    };
  });
}

function isLanguageModel(value: unknown): value is LanguageModelLike {
  if (typeof value !== "object" || value === null) return false;
  const model = value as Record<string, unknown>;
  return (
    typeof model.doGenerate === "function" &&
    typeof model.doStream === "function" &&
    typeof model.modelId === "string" &&
    typeof model.provider === "string"
  );
}

function fail(message: string): never {
  throw new InvalidConfigError({ message: `ledgerMiddleware: ${message}` });
}
