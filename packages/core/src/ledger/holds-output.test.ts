import { describe, expect, it } from "vitest";
import { createLedger } from "./create-ledger.js";

describe("Reservation.holdsOutput", () => {
  const call = { model: "claude-haiku-4-5", prompt: "Hi", context: { userId: "u" } };

  it("is true under a USD budget and under a token budget", async () => {
    for (const limit of [{ usd: 1 }, { tokens: 1_000_000 }]) {
      const ledger = createLedger({
        budgets: [{ id: "user", scope: "userId", window: "day", limit }],
      });
      const reservation = await ledger.reserve(call);
      expect(reservation.holdsOutput).toBe(true);
      await reservation.release();
    }
  });

  it("is false with no budget and with only a request-count budget", async () => {
    const unbudgeted = await createLedger().reserve(call);
    expect(unbudgeted.holdsOutput).toBe(false);
    const requestsOnly = await createLedger({
      budgets: [{ id: "user", scope: "userId", window: "day", limit: { requests: 10 } }],
    }).reserve(call);
    expect(requestsOnly.holdsOutput).toBe(false);
    await requestsOnly.release();
  });
});
