import { nanoUsdToUsd } from "../money/nano-usd.js";
import { TokenledgerError } from "./tokenledger-error.js";

const marker = "tokenledger.error.budget-exceeded";

/** What a denied budget bucket looked like when a call was refused. */
export interface BudgetDenial {
  ruleId: string;
  /** `global` or the context key the rule is scoped to (`userId`, `teamId`, …). */
  scope: string;
  /** The context value for that key (`user-42`), or `global`. */
  scopeValue: string;
  /** Which limit did not fit. */
  limitKind: "usd" | "tokens" | "requests";
  /** Limit in the unit of `limitKind` (nano-USD for `usd`). */
  limit: number;
  spent: number;
  held: number;
  /** What this call asked to hold, same unit. */
  requested: number;
  /** When the window resets (`null` for `total`). */
  resetsAt: Date | null;
}

/** The same amounts in dollars, for a `usd` denial (display; the integers above are exact). */
export interface BudgetDenialUsd {
  limitUsd: number;
  spentUsd: number;
  heldUsd: number;
  requestedUsd: number;
}

/** A call was refused before reaching the provider because a budget could not hold it. */
export class BudgetExceededError extends TokenledgerError {
  readonly denial: BudgetDenial;
  readonly ruleId: string;
  readonly scopeValue: string;
  readonly limit: number;
  readonly spent: number;
  readonly held: number;
  readonly resetsAt: Date | null;
  /** Dollars (for display) when the denied limit is a USD one; `undefined` for token/request limits. */
  readonly usd: BudgetDenialUsd | undefined;

  constructor(options: { denial: BudgetDenial; message?: string }) {
    const d = options.denial;
    const unit = (value: number): string =>
      d.limitKind === "usd"
        ? `$${(value / 1e9).toFixed(6)}`
        : `${value} ${d.limitKind === "tokens" ? "token" : "request"}${value === 1 ? "" : "s"}`;
    const resets = d.resetsAt ? ` It resets at ${d.resetsAt.toISOString()}.` : "";
    super({
      code: "BUDGET_EXCEEDED",
      message:
        options.message ??
        `Budget "${d.ruleId}" for ${d.scope}=${d.scopeValue} cannot hold this call: limit ${unit(d.limit)}, spent ${unit(d.spent)}, held ${unit(d.held)}, this call needs up to ${unit(d.requested)}.${resets} Lower maxOutputTokens, raise the limit, or wait for the window to reset.`,
    });
    Object.defineProperty(this, Symbol.for(marker), { value: true });
    this.name = "BudgetExceededError";
    this.denial = d;
    this.ruleId = d.ruleId;
    this.scopeValue = d.scopeValue;
    this.limit = d.limit;
    this.spent = d.spent;
    this.held = d.held;
    this.resetsAt = d.resetsAt;
    this.usd =
      d.limitKind === "usd"
        ? {
            limitUsd: nanoUsdToUsd(d.limit),
            spentUsd: nanoUsdToUsd(d.spent),
            heldUsd: nanoUsdToUsd(d.held),
            requestedUsd: nanoUsdToUsd(d.requested),
          }
        : undefined;
  }

  static override isInstance(error: unknown): error is BudgetExceededError {
    return TokenledgerError.hasMarker(error, marker);
  }
}
