import { AIMessage } from "@langchain/core/messages";
import { AsyncLocalStorageProviderSingleton } from "@langchain/core/singletons";
import {
  BudgetExceededError,
  type BudgetStatus,
  type Ledger,
  type LedgerContext,
} from "@tokenledger/core";
import { type AgentMiddleware, createMiddleware } from "langchain";
import { contextFromMetadata, type MetadataContextKeys } from "./context-from-metadata.js";

/** Why the agent was stopped: the spent buckets, or the denial of the next model call. */
export type BudgetStop =
  | { reason: "budget-spent"; spent: readonly BudgetStatus[] }
  | { reason: "call-refused"; error: BudgetExceededError };

/** Options of {@link ledgerAgentMiddleware}. */
export interface LedgerAgentMiddlewareOptions {
  /** Context whose budgets the agent answers to; merged over `ledger.currentContext()`. */
  context?: LedgerContext;
  /** Run-metadata keys that become context, as in the handler (default `"all"`). */
  metadataContextKeys?: MetadataContextKeys;
  /**
   * Also end gracefully when the `LedgerCallbackHandler` refuses the model call itself (its
   * worst case no longer fits), instead of letting `BudgetExceededError` reject `invoke`.
   * Default `true`.
   */
  endOnRefusal?: boolean;
  /** The final AI message the agent ends with. */
  message?: (stop: BudgetStop) => string;
  /** Middleware name (unique within one agent). Default `"TokenledgerBudget"`. */
  name?: string;
}

function amount(status: { limitKind: BudgetStatus["limitKind"] }, value: number): string {
  if (status.limitKind === "usd") return `$${(value / 1e9).toFixed(6)}`;
  return `${value} ${status.limitKind}`;
}

function defaultMessage(stop: BudgetStop): string {
  if (stop.reason === "call-refused") {
    return `Budget exhausted: ${stop.error.message} The agent stopped before calling the model again.`;
  }
  const spent = stop.spent
    .map(
      (status) =>
        `"${status.ruleId}" for ${status.scope}=${status.scopeValue} (limit ${amount(status, status.limit)}, spent ${amount(status, status.spent)})`,
    )
    .join("; ");
  return `Budget exhausted: ${spent}. The agent stopped before calling the model again.`;
}

function runMetadata(): Record<string, unknown> | undefined {
  const config = AsyncLocalStorageProviderSingleton.getRunnableConfig() as
    | { metadata?: Record<string, unknown> }
    | undefined;
  return config?.metadata;
}

/**
 * A LangChain v1 agent middleware (`createAgent({ middleware: [...] })`) that ends the agent
 * gracefully — a final AI message and `jumpTo: "end"`, no exception — when a blocking budget
 * for its context is spent, checked with `ledger.status(context)` before each model call.
 *
 * It complements {@link LedgerCallbackHandler}, it does not replace it: the middleware books
 * nothing and only sees the agent's own model node, not model calls made inside tools or by
 * other middleware. Attach the handler (or use `trackLangChain`) on the same ledger to book
 * every call and to refuse calls whose worst case no longer fits; this middleware then turns
 * those refusals into a graceful end too (`endOnRefusal`).
 */
export function ledgerAgentMiddleware(
  ledger: Ledger,
  options: LedgerAgentMiddlewareOptions = {},
): AgentMiddleware {
  const message = options.message ?? defaultMessage;
  const contextHere = (): LedgerContext => ({
    ...ledger.currentContext(),
    ...options.context,
    ...contextFromMetadata(runMetadata(), options.metadataContextKeys),
  });
  const beforeModel = {
    canJumpTo: ["end" as const],
    hook: async () => {
      const statuses = await ledger.status(contextHere());
      const spent = statuses.filter((status) => status.mode === "block" && status.remaining <= 0);
      if (spent.length === 0) return undefined;
      return {
        jumpTo: "end" as const,
        messages: [new AIMessage(message({ reason: "budget-spent", spent }))],
      };
    },
  };
  const name = options.name ?? "TokenledgerBudget";
  // Without wrapModelCall the refusal reaches the caller as is; through one, LangChain wraps
  // it in a MiddlewareError.
  if (options.endOnRefusal === false) return createMiddleware({ name, beforeModel });
  return createMiddleware({
    name,
    beforeModel,
    wrapModelCall: async (request, handler) => {
      try {
        return await handler(request);
      } catch (error) {
        const refusal = budgetErrorIn(error);
        if (!refusal) throw error;
        return new AIMessage(message({ reason: "call-refused", error: refusal }));
      }
    },
  });
}

/** The `BudgetExceededError` in `error` or its causes (other middleware wrap errors). */
function budgetErrorIn(error: unknown): BudgetExceededError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== undefined; depth += 1) {
    if (BudgetExceededError.isInstance(current)) return current;
    current = current instanceof Error ? current.cause : undefined;
  }
  return undefined;
}
