import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { BudgetExceededError } from "../../errors/budget-exceeded-error.js";
import { createLedger } from "../../ledger/create-ledger.js";
import { describeWithServer } from "../__fixtures__/describe-with-server.js";
import { type RedisTestServer, startRedisServer } from "../__fixtures__/redis-test-server.js";
import { redisStore } from "./redis-store.js";

/** User ids that try to leave their namespace or collide with another user's keys. */
const hostileUserIds = [
  "alice",
  "alice:day:2031-03-14",
  "{alice}",
  "}{tokenledger:other}",
  "alice\nbob",
  "alice\r\nDEL *",
  "alice%7D",
  "alice}",
  " alice ",
  "x".repeat(5_000),
  `${"x".repeat(5_000)}y`,
  "🙂",
];

async function allKeys(client: Redis): Promise<string[]> {
  const keys: string[] = [];
  let cursor = "0";
  do {
    const [next, batch] = await client.scan(cursor, "COUNT", 1000);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== "0");
  return keys;
}

describeWithServer("redis", "redisStore key safety", () => {
  let server: RedisTestServer;
  let client: Redis;

  beforeAll(async () => {
    server = await startRedisServer();
    client = new Redis(server.port, server.host, { maxRetriesPerRequest: 1 });
  });
  afterAll(async () => {
    client?.disconnect();
    await server?.stop();
  });

  it("hostile user ids get one bucket each and every key stays under the prefix, short and tag-free", async () => {
    const prefix = "safe:";
    const ledger = createLedger({
      store: redisStore({ client, prefix }),
      // $1 per 1M input tokens: 600_000 tokens = $0.60 of a $1 daily budget per user.
      prices: { "acme:m": { inputMtok: 1, outputMtok: 0 } },
      budgets: [{ id: "per-user", scope: "userId", window: "day", limit: { usd: 1 } }],
      now: () => Date.parse("2031-03-14T12:00:00.000Z"),
    });
    const call = { model: "acme:m", estimate: { inputTokens: 600_000, outputTokens: 0 } };
    for (const userId of hostileUserIds) {
      // Each user's first $0.60 fits its own empty bucket: no two users share one.
      const reservation = await ledger.reserve({ ...call, context: { userId } });
      await reservation.settle({ inputTokens: 600_000, outputTokens: 0 });
      await ledger.record({
        model: "acme:m",
        usage: { inputTokens: 1, outputTokens: 0 },
        context: { userId, feature: userId },
      });
    }
    for (const userId of hostileUserIds) {
      // A second $0.60 (0.60 + 0.60 > 1) is denied in the user's own bucket only.
      const error = await ledger
        .reserve({ ...call, context: { userId } })
        .catch((caught: unknown) => caught);
      expect(BudgetExceededError.isInstance(error)).toBe(true);
      expect((error as BudgetExceededError).denial.scopeValue).toBe(userId);
    }
    const keys = await allKeys(client);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(key.startsWith(prefix)).toBe(true);
      expect(key).not.toMatch(/[{}\s]/);
      expect(key.length).toBeLessThanOrEqual(prefix.length + 2 + 200);
    }
    // One bucket hash per user (the `b:` keys).
    expect(keys.filter((key) => key.startsWith(`${prefix}b:`)).length).toBe(hostileUserIds.length);
    // Reports keep the ids exactly as given.
    const rows = await ledger.report({ groupBy: ["userId"] });
    expect(rows.map((row) => row.group.userId).sort()).toEqual([...hostileUserIds].sort());
  });

  it("two prefixes never see each other's data", async () => {
    const first = redisStore({ client, prefix: "app-a:" });
    const second = redisStore({ client, prefix: "app-b:" });
    const hold = {
      key: "}{app-b:b:k",
      limits: { tokens: 10 },
      amount: { nanoUsd: 0, tokens: 10, requests: 1 },
      enforce: true,
      expiresAtMs: null,
    };
    const nowMs = Date.now();
    expect(await first.reserve({ id: "r", holds: [hold], ttlMs: 60_000, nowMs })).toEqual({
      admitted: true,
    });
    expect(await second.reserve({ id: "r", holds: [hold], ttlMs: 60_000, nowMs })).toEqual({
      admitted: true,
    });
    const [balance] = await second.balances({ keys: [{ key: "k" }], nowMs });
    expect(balance?.held.tokens).toBe(0);
  });
});
