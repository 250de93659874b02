import { describe, expect, it } from "vitest";
import { createLedger } from "../ledger/create-ledger.js";
import { memoryStore } from "../store/memory-store.js";
import { bufferIo } from "./__fixtures__/buffer-io.js";
import { explainCommand } from "./explain-command.js";
import { runCli } from "./run-cli.js";

// User prices, USD per 1M tokens: big $3 in / $15 out.
const PRICES = { "acme:big": { inputMtok: 3, outputMtok: 15 } };

async function seeded() {
  const store = memoryStore();
  const ledger = createLedger({
    store,
    prices: PRICES,
    now: () => Date.parse("2026-11-22T09:00:00.000Z"),
  });
  const reported = await ledger.record({
    model: "big",
    provider: "acme",
    usage: { inputTokens: 10_000, outputTokens: 1000 },
    context: { userId: "alice", feature: "chat" },
    meta: { responseModel: "big-2026-11-01" },
  });
  const cut = await ledger.record({
    model: "acme:big",
    usage: { inputTokens: 2000, outputTokens: 100 },
    meta: { status: "aborted", estimated: true },
  });
  return { store, reported, cut };
}

describe("tokenledger explain", () => {
  it("prints the price entry, each cost line and why the usage is what it is", async () => {
    const { store, reported } = await seeded();
    const io = bufferIo({ cwd: "/" });
    await explainCommand(reported.id, {}, io, store);
    const out = io.out();
    // 10,000 × $3/M = 30,000,000 nano-USD; 1,000 × $15/M = 15,000,000; total $0.045.
    expect(out).toContain(`Record ${reported.id} · 2026-11-22T09:00:00.000Z · chat · ok`);
    expect(out).toContain('model         acme:big, answered as "big-2026-11-01"');
    // Priced by the model that answered, a dated snapshot of the acme:big entry.
    expect(out).toContain("price entry   acme:big, a dated snapshot of the entry · user");
    expect(out).toContain("cost          $0.0450 = 45,000,000 nano-USD");
    expect(out).toContain("input        10,000 tok × $3.00 per 1M = 30,000,000 nano-USD");
    expect(out).toContain("output       1,000 tok × $15.00 per 1M = 15,000,000 nano-USD");
    expect(out).toContain("service tier  standard");
    expect(out).toContain("estimated     no: the provider reported the usage");
    expect(out).toContain("context       userId=alice feature=chat");
  });

  it("says why an aborted call's usage is an estimate, and prints JSON with --json", async () => {
    const { store, cut } = await seeded();
    const io = bufferIo({ cwd: "/" });
    await explainCommand(cut.id, { json: true }, io, store);
    const json = JSON.parse(io.out()) as Record<string, unknown>;
    // 2,000 × $3/M = 6,000,000 + 100 × $15/M = 1,500,000 → 7,500,000 nano-USD.
    expect(json).toMatchObject({
      id: cut.id,
      status: "aborted",
      provider: "acme",
      model: "big",
      priceEntry: "acme:big",
      costNanoUsd: 7_500_000,
      estimated: true,
      lines: [
        { kind: "input", tokens: 2000, usdPerMtok: 3, exactNanoUsd: 6_000_000 },
        { kind: "output", tokens: 100, usdPerMtok: 15, exactNanoUsd: 1_500_000 },
      ],
    });
    expect(json.estimatedReason).toMatch(
      /^the call was cut off before the provider reported usage/,
    );
  });

  it("names the fix for an id the store does not hold (exit code 2)", async () => {
    const { store } = await seeded();
    await expect(explainCommand("nope", {}, bufferIo({ cwd: "/" }), store)).rejects.toThrow(
      /^No record "nope" in this store \(2 records\)\. Pass a record's id/,
    );
    const io = bufferIo({ cwd: "/", env: { TOKENLEDGER_STORE: "memory" } });
    expect(await runCli(["explain", "nope"], io)).toBe(2);
    expect(io.err()).toMatch(/^error: No record "nope" in memory \(empty\) \(0 records\)/);
  });
});
