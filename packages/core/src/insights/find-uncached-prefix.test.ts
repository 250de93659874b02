import { describe, expect, it } from "vitest";
import { testLedger } from "./__fixtures__/test-ledger.js";

describe("uncached-prefix insight", () => {
  it("replays the calls against a 5-minute cache: reads save, writes cost their premium", async () => {
    const { ledger, clock } = testLedger({ startIso: "2026-11-22T10:00:00.000Z" });
    const call = {
      model: "acme:big",
      usage: { inputTokens: 2500, outputTokens: 100 },
      context: { feature: "support" },
      systemHash: "rules-v1",
      systemTokens: 2000,
      promptHash: "p",
    };
    // 10:00 write, 10:01 read, 10:02 read, 10:20 write again (18 minutes after the last use).
    for (const time of ["10:00", "10:01", "10:02", "10:20"]) {
      clock.set(`2026-11-22T${time}:00.000Z`);
      await ledger.record({ ...call, promptHash: time });
    }
    // Not eligible: a prefix under 1,024 tokens, a model with no cache price, a call that did read the cache.
    await ledger.record({ ...call, systemHash: "short", systemTokens: 500 });
    await ledger.record({ ...call, systemHash: "short", systemTokens: 500 });
    await ledger.record({ ...call, model: "acme:nocache", systemHash: "other" });
    await ledger.record({ ...call, model: "acme:nocache", systemHash: "other" });
    await ledger.record({ ...call, usage: { ...call.usage, cacheReadTokens: 2000 } });

    const insights = (await ledger.insights()).filter(
      (insight) => insight.kind === "uncached-prefix",
    );
    // Reads: 2 × 2,000 tokens × ($3 − $0.30)/M = 2 × $0.0054 = 10,800,000 nano-USD.
    // Writes: 2 × 2,000 tokens × ($3.75 − $3)/M = 2 × $0.0015 = 3,000,000 nano-USD.
    // Net: 10,800,000 − 3,000,000 = 7,800,000 nano-USD.
    expect(insights).toHaveLength(1);
    expect(insights[0]).toMatchObject({
      kind: "uncached-prefix",
      provider: "acme",
      model: "big",
      feature: "support",
      savingsNanoUsd: 7_800_000,
      affectedRequests: 4,
      evidence: {
        systemHash: "rules-v1",
        systemTokens: 2000,
        requests: 4,
        cacheReads: 2,
        cacheWrites: 2,
        readSavingsNanoUsd: 10_800_000,
        writePremiumNanoUsd: 3_000_000,
        inputNanoUsdPerMtok: 3_000_000_000,
        cacheReadNanoUsdPerMtok: 300_000_000,
        cacheWriteNanoUsdPerMtok: 3_750_000_000,
      },
    });
  });

  it("is silent when the calls are too far apart for a cache to pay off", async () => {
    const { ledger, clock } = testLedger();
    for (let index = 0; index < 3; index++) {
      await ledger.record({
        model: "acme:big",
        usage: { inputTokens: 2500, outputTokens: 100 },
        systemHash: "rules-v1",
        systemTokens: 2000,
      });
      clock.advance(3_600_000); // an hour apart: every call would write, none would read
    }
    expect(await ledger.insights()).toEqual([]);
  });
});
