import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { BudgetRule } from "../budget/budget-rule.js";
import { compileBudgetRules } from "../budget/compile-budget-rules.js";
import { InvalidConfigError } from "../errors/invalid-config-error.js";
import { createCatalog } from "../pricing/create-catalog.js";
import type { UserPrices } from "../pricing/user-prices.js";
import { readJsonFile } from "./read-text-file.js";

/** Budgets file read when `--budgets` is not given, if it exists. */
export const DEFAULT_BUDGETS_FILE = ".tokenledger/budgets.json";

const BUDGETS_HINT =
  'Write the rules your app runs with as a JSON array, e.g. [{ "id": "per-user", "scope": "userId", "window": "day", "limit": { "usd": 5 } }], or { "budgets": [...] }.';
const PRICES_HINT =
  'Write your prices as JSON in USD per 1M tokens, e.g. { "acme:my-model": { "inputMtok": 0.5, "outputMtok": 1.5 } }, or { "prices": {...} }.';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Budget rules from `--budgets <file>` (a JSON array, or `{ budgets: [...] }`), else from
 * `.tokenledger/budgets.json` when it exists, else none. Validated like `createLedger` does.
 */
export async function loadBudgets(path: string | undefined, cwd: string): Promise<BudgetRule[]> {
  const file =
    path ?? (existsSync(resolve(cwd, DEFAULT_BUDGETS_FILE)) ? DEFAULT_BUDGETS_FILE : undefined);
  if (file === undefined) return [];
  const json = await readJsonFile(file, cwd, "budgets file", BUDGETS_HINT);
  const rules = isRecord(json) && Array.isArray(json.budgets) ? json.budgets : json;
  if (!Array.isArray(rules)) {
    throw new InvalidConfigError({
      message: `Budgets file "${file}" holds no list of rules. ${BUDGETS_HINT}`,
    });
  }
  compileBudgetRules(rules);
  return rules as BudgetRule[];
}

/** User prices from `--prices <file>` (`{ "provider:model": {...} }` or `{ prices: {...} }`), validated. */
export async function loadPrices(
  path: string | undefined,
  cwd: string,
): Promise<UserPrices | undefined> {
  if (path === undefined) return undefined;
  const json = await readJsonFile(path, cwd, "prices file", PRICES_HINT);
  const prices = isRecord(json) && isRecord(json.prices) ? json.prices : json;
  if (!isRecord(prices)) {
    throw new InvalidConfigError({
      message: `Prices file "${path}" is not an object of prices. ${PRICES_HINT}`,
    });
  }
  createCatalog({ prices: prices as UserPrices });
  return prices as UserPrices;
}
