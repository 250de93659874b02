import { dirname, join } from "node:path";
/**
 * How to query the persisted ledger with the `tokenledger` CLI: from this repository (the root
 * `tokenledger` script runs the CLI from source) and as a user who installed `@tokenledger/core`.
 */
export function cliHint(ledgerPath: string): string {
  // The demo saves its budget rules as budgets.json beside the ledger; the CLI reads
  // .tokenledger/budgets.json by default, so only another place needs --budgets.
  const budgetsFile = join(dirname(ledgerPath), "budgets.json");
  const budgetsFlag =
    budgetsFile === join(".tokenledger", "budgets.json") ? "" : ` --budgets ${budgetsFile}`;
  const arguments_ = `report --store ${ledgerPath}${budgetsFlag}`;
  return [
    "Query the persisted ledger (PGlite) with the tokenledger CLI:",
    `  pnpm tokenledger ${arguments_}`,
    `  npx tokenledger ${arguments_}   (in a project with @tokenledger/core installed)`,
    "  then try --by user,feature, --where teamId=acme, or --html",
  ].join("\n");
}
