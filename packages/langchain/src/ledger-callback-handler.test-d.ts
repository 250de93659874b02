// Type-level checks, compiled by `tsc -b` (never run): the public API fits LangChain's types.
import type { BaseCallbackHandler } from "@langchain/core/callbacks/base";
import type { Callbacks } from "@langchain/core/callbacks/manager";
import { fakeModel } from "@langchain/core/testing";
import type { Ledger, Totals } from "@tokenledger/core";
import { createAgent } from "langchain";
import { expectTypeOf } from "vitest";
import { ledgerAgentMiddleware } from "./agent-middleware.js";
import { LedgerCallbackHandler } from "./ledger-callback-handler.js";
import { trackLangChain } from "./track-lang-chain.js";

export function publicApiTypeChecks(ledger: Ledger): void {
  const handler = new LedgerCallbackHandler(ledger, { context: { userId: "u-1" } });
  expectTypeOf(handler).toExtend<BaseCallbackHandler>();
  const callbacks: Callbacks = [handler];
  expectTypeOf(callbacks).toExtend<Callbacks>();
  expectTypeOf(handler.totals).toEqualTypeOf<Totals>();
  expectTypeOf(trackLangChain(ledger, async () => 42)).resolves.toEqualTypeOf<{
    result: number;
    totals: Totals;
    handler: LedgerCallbackHandler;
  }>();
  createAgent({ model: fakeModel(), tools: [], middleware: [ledgerAgentMiddleware(ledger)] });
}
