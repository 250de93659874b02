/**
 * How to query the persisted ledger with the `tokenledger` CLI: from this repository (the root
 * `tokenledger` script runs the CLI from source) and as a user who installed `@tokenledger/core`.
 */
export function cliHint(ledgerPath: string): string {
  const arguments_ = `report --store ${ledgerPath}`;
  return [
    "Query the persisted ledger (PGlite) with the tokenledger CLI:",
    `  pnpm tokenledger ${arguments_}`,
    `  npx tokenledger ${arguments_}   (in a project with @tokenledger/core installed)`,
    "  then try --by user,feature, --where teamId=acme, or --html",
  ].join("\n");
}
