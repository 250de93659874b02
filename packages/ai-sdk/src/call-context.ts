import { InvalidConfigError, type Ledger, type LedgerContext } from "@tokenledger/core";
import type { CallOptionsLike } from "./model-shapes.js";

/** Where a call's context comes from, lowest precedence first. */
export interface CallContextSources {
  ledger: Ledger;
  /** `options.context` of the middleware: fixed, or computed per call. */
  context: LedgerContext | (() => LedgerContext) | undefined;
  /** The `providerOptions` key carrying per-call context (`tokenledger`). */
  providerOptionsKey: string;
  /**
   * The key (one per middleware) under which transformed params carry their resolved context
   * to `wrapGenerate`/`wrapStream`: a symbol, so providers and JSON never see it, and no
   * lookup table per call.
   */
  carrier: symbol;
}

/** A call's params with the context key removed, and the merged context. */
export interface ResolvedCallContext<Params> {
  params: Params;
  context: LedgerContext;
}

/**
 * Merges `ledger.currentContext()` ⊕ the middleware's `context` option ⊕
 * `providerOptions[providerOptionsKey]` (later keys win) and returns a copy of the params
 * without that key, so the provider (and the AI Gateway, which forwards every option) never
 * sees it. Throws `InvalidConfigError` when the per-call value is not a context object.
 */
export function resolveCallContext<Params extends Pick<CallOptionsLike, "providerOptions">>(
  params: Params,
  sources: CallContextSources,
): ResolvedCallContext<Params> {
  const configured = typeof sources.context === "function" ? sources.context() : sources.context;
  const providerOptions = params.providerOptions;
  const key = sources.providerOptionsKey;
  if (providerOptions === undefined || !(key in providerOptions)) {
    const context = mergeContext(sources.ledger.currentContext(), configured, undefined);
    return { params: { ...params, [sources.carrier]: context }, context };
  }
  // A loop, not `{ [key]: perCall, ...rest }`: object rest with a computed key is a slow
  // runtime call, and this runs on every model call.
  const rest: Record<string, unknown> = {};
  for (const name in providerOptions) {
    if (name !== key) rest[name] = providerOptions[name];
  }
  const context = mergeContext(
    sources.ledger.currentContext(),
    configured,
    toLedgerContext(providerOptions[key], key),
  );
  return {
    params: {
      ...params,
      providerOptions: rest as typeof providerOptions,
      [sources.carrier]: context,
    },
    context,
  };
}

/** The context `transformParams` resolved for these params (resolved now if it did not run). */
export function callContextOf(
  params: Pick<CallOptionsLike, "providerOptions">,
  sources: CallContextSources,
): LedgerContext {
  const carried = (params as Record<symbol, LedgerContext | undefined>)[sources.carrier];
  return carried ?? resolveCallContext(params, sources).context;
}

/** `base ⊕ configured ⊕ perCall`, later keys winning; `perCall` (always a fresh object) as is when it is all there is. */
function mergeContext(
  base: LedgerContext,
  configured: LedgerContext | undefined,
  perCall: LedgerContext | undefined,
): LedgerContext {
  if (configured === undefined && !hasKeys(base)) return perCall ?? {};
  return { ...base, ...configured, ...perCall };
}

function hasKeys(context: LedgerContext): boolean {
  for (const _ in context) return true;
  return false;
}

function toLedgerContext(value: unknown, key: string): LedgerContext {
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value)) {
    throw new InvalidConfigError({
      message: `providerOptions.${key} must be an object like { userId: "u-1", feature: "chat" }, got ${describe(value)}.`,
    });
  }
  const context: LedgerContext = {};
  const fields = value as Record<string, unknown>;
  for (const name in fields) {
    const entry = fields[name];
    if (entry === undefined || entry === null) continue;
    if (typeof entry === "string") {
      context[name] = entry;
    } else if (Array.isArray(entry) && entry.every((item) => typeof item === "string")) {
      context[name] = entry as string[];
    } else {
      throw new InvalidConfigError({
        message: `providerOptions.${key}.${name} must be a string or an array of strings (budgets scope on string values), got ${describe(entry)}. Convert it with String(...).`,
      });
    }
  }
  return context;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  return value === null ? "null" : `a ${typeof value} (${String(value)})`;
}
