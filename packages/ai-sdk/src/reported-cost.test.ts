import type { LedgerEvents } from "@tokenledger/core";
import { describe, expect, it } from "vitest";
import { ledgerMiddleware } from "./ledger-middleware.js";
import { aiMajors, recordingLedger } from "./testing/test-ledger.js";

// acme:big (testing/test-ledger.ts): input 2000, output 8000 nano-USD per token.
// 100 × 2000 + 50 × 8000 = 600,000 nano-USD computed.

describe.each(aiMajors)("ledgerMiddleware on $name: provider-reported cost", (major) => {
  it("keeps the AI Gateway's cost on the record and fires cost-mismatch when it diverges", async () => {
    const { ledger, records } = recordingLedger();
    const mismatches: LedgerEvents["cost-mismatch"][] = [];
    ledger.on("cost-mismatch", (event) => mismatches.push(event));
    const model = major.languageModel({
      provider: "acme",
      modelId: "big",
      generate: () => ({
        text: "Hi",
        usage: { input: 100, output: 50 },
        // $0.0009 = 900,000 nano-USD reported: 50 % above the computed cost.
        providerMetadata: { gateway: { cost: "0.0009" } },
      }),
    });
    await major.generateText({ model, middleware: ledgerMiddleware(ledger), prompt: "Hello" });
    expect(records[0]).toMatchObject({ costNanoUsd: 600_000, reportedCostNanoUsd: 900_000 });
    expect(mismatches).toMatchObject([
      { costNanoUsd: 600_000, reportedCostNanoUsd: 900_000, differenceNanoUsd: 300_000 },
    ]);
  });
});
