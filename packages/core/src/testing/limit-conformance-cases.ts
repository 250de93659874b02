import { amounts, balanceOf, tokensHold } from "./conformance-fixtures.js";
import type { ConformanceCase } from "./conformance-types.js";

const TTL_MS = 60_000;

/** Cases for limit kinds, unenforced holds, hold TTL, reserve idempotency and large values. */
export const limitConformanceCases: readonly ConformanceCase[] = [
  {
    name: "reserve checks each limit kind: usd (nano-USD), tokens, requests",
    async run({ store, key, at, assert }) {
      const bucket = key("kinds");
      const limits = { nanoUsd: 1_000, tokens: 500, requests: 3 };
      const hold = (nanoUsd: number, tokens: number, requests: number) => ({
        key: bucket,
        limits,
        amount: { nanoUsd, tokens, requests },
        enforce: true,
        expiresAtMs: null,
      });
      const reserve = (id: string, nanoUsd: number, tokens: number, requests: number) =>
        store.reserve({
          id: key(id),
          holds: [hold(nanoUsd, tokens, requests)],
          ttlMs: TTL_MS,
          nowMs: at(0),
        });
      assert.equal(
        await reserve("ok", 600, 100, 1),
        { admitted: true },
        "600 of 1000 nano-USD, 100 of 500 tokens, 1 of 3 requests is admitted",
      );
      assert.equal(
        await reserve("usd", 401, 1, 1),
        {
          admitted: false,
          denied: {
            key: bucket,
            limitKind: "usd",
            limit: 1_000,
            spent: 0,
            held: 600,
            requested: 401,
          },
        },
        "600 + 401 nano-USD over a 1000 nano-USD limit is denied as usd",
      );
      assert.equal(
        await reserve("tokens", 1, 401, 1),
        {
          admitted: false,
          denied: {
            key: bucket,
            limitKind: "tokens",
            limit: 500,
            spent: 0,
            held: 100,
            requested: 401,
          },
        },
        "100 + 401 tokens over a 500 token limit is denied as tokens",
      );
      assert.equal(
        await reserve("second", 1, 1, 1),
        { admitted: true },
        "a second small call (2 of 3 requests) is admitted",
      );
      assert.equal(
        await reserve("requests", 1, 1, 2),
        {
          admitted: false,
          denied: { key: bucket, limitKind: "requests", limit: 3, spent: 0, held: 2, requested: 2 },
        },
        "2 + 2 requests over a 3 request limit is denied as requests",
      );
    },
  },
  {
    name: "enforce:false holds are recorded but never deny",
    async run({ store, key, at, assert }) {
      const bucket = key("warn");
      const warn = (id: string, tokens: number) =>
        store.reserve({
          id: key(id),
          holds: [tokensHold(bucket, 10, tokens, { enforce: false })],
          ttlMs: TTL_MS,
          nowMs: at(0),
        });
      assert.equal(
        await warn("w1", 50),
        { admitted: true },
        "a warn hold of 50 over a limit of 10 is admitted",
      );
      assert.equal(await warn("w2", 50), { admitted: true }, "a second warn hold is admitted too");
      assert.equal(
        await balanceOf(store, bucket, at(0)),
        { spent: amounts({}), held: amounts({ tokens: 100 }) },
        "warn holds are recorded in balances (50 + 50 held)",
      );
      const enforced = await store.reserve({
        id: key("e1"),
        holds: [tokensHold(bucket, 1_000, 1)],
        ttlMs: TTL_MS,
        nowMs: at(0),
      });
      assert.equal(
        enforced,
        { admitted: true },
        "an enforced hold with room (100 + 1 ≤ 1000) is admitted",
      );
      const over = await store.reserve({
        id: key("e2"),
        holds: [tokensHold(bucket, 100, 1)],
        ttlMs: TTL_MS,
        nowMs: at(0),
      });
      assert.equal(
        over,
        {
          admitted: false,
          denied: {
            key: bucket,
            limitKind: "tokens",
            limit: 100,
            spent: 0,
            held: 101,
            requested: 1,
          },
        },
        "enforced holds see warn holds (101 held + 1 > 100 is denied)",
      );
    },
  },
  {
    name: "a hold expires after ttlMs and frees its amount",
    async run({ store, key, at, span, assert }) {
      const bucket = key("ttl");
      const ttlMs = span(1_000);
      await store.reserve({
        id: key("r1"),
        holds: [tokensHold(bucket, 100, 100)],
        ttlMs,
        nowMs: at(0),
      });
      const before = await store.reserve({
        id: key("r2"),
        holds: [tokensHold(bucket, 100, 1)],
        ttlMs,
        nowMs: at(999),
      });
      assert.ok(
        !before.admitted,
        "a hold still counts just before its ttl (reserve at +999 ms of a 1000 ms ttl is denied)",
      );
      assert.equal(
        await balanceOf(store, bucket, at(1_000)),
        { spent: amounts({}), held: amounts({}) },
        "an expired hold is no longer held (balance at +ttl is zero)",
      );
      const after = await store.reserve({
        id: key("r3"),
        holds: [tokensHold(bucket, 100, 100)],
        ttlMs,
        nowMs: at(1_000),
      });
      assert.equal(after, { admitted: true }, "after the ttl the full limit can be reserved again");
    },
  },
  {
    name: "reserve is idempotent by id: a repeated reserve returns the first outcome and holds once",
    async run({ store, key, at, assert }) {
      const bucket = key("idem");
      const request = {
        id: key("same"),
        holds: [tokensHold(bucket, 100, 30)],
        ttlMs: TTL_MS,
        nowMs: at(0),
      };
      assert.equal(await store.reserve(request), { admitted: true }, "first reserve is admitted");
      assert.equal(
        await store.reserve(request),
        { admitted: true },
        "repeated reserve returns the first outcome",
      );
      assert.equal(
        await balanceOf(store, bucket, at(0)),
        { spent: amounts({}), held: amounts({ tokens: 30 }) },
        "a repeated reserve holds once (30, not 60)",
      );
      const big = {
        id: key("big"),
        holds: [tokensHold(bucket, 100, 80)],
        ttlMs: TTL_MS,
        nowMs: at(0),
      };
      const firstDenied = await store.reserve(big);
      assert.ok(!firstDenied.admitted, "80 more over 30 of 100 is denied");
      await store.release({ id: request.id, nowMs: at(0) });
      assert.equal(
        await store.reserve(big),
        firstDenied,
        "a repeated denied reserve returns the first (denied) outcome",
      );
    },
  },
  {
    name: "values above 2^31 and 2^32 nano-USD are exact",
    async run({ store, key, at, assert }) {
      const bucket = key("big");
      const limits = { nanoUsd: 5_000_000_000 };
      const hold = (nanoUsd: number) => ({
        key: bucket,
        limits,
        amount: amounts({ nanoUsd }),
        enforce: true,
        expiresAtMs: null,
      });
      assert.equal(
        await store.reserve({
          id: key("r1"),
          holds: [hold(3_000_000_001)],
          ttlMs: TTL_MS,
          nowMs: at(0),
        }),
        { admitted: true },
        "3_000_000_001 of 5_000_000_000 nano-USD is admitted",
      );
      assert.equal(
        await store.reserve({
          id: key("r2"),
          holds: [hold(2_000_000_000)],
          ttlMs: TTL_MS,
          nowMs: at(0),
        }),
        {
          admitted: false,
          denied: {
            key: bucket,
            limitKind: "usd",
            limit: 5_000_000_000,
            spent: 0,
            held: 3_000_000_001,
            requested: 2_000_000_000,
          },
        },
        "3_000_000_001 + 2_000_000_000 = 5_000_000_001 over 5_000_000_000 is denied (off by one nano-USD)",
      );
      assert.equal(
        await store.reserve({
          id: key("r3"),
          holds: [hold(1_999_999_999)],
          ttlMs: TTL_MS,
          nowMs: at(0),
        }),
        { admitted: true },
        "3_000_000_001 + 1_999_999_999 = 5_000_000_000 exactly at the limit is admitted",
      );
      const settled = await store.settle({
        id: key("r1"),
        charges: [{ key: bucket, amount: amounts({ nanoUsd: 4_294_967_297 }), expiresAtMs: null }],
        nowMs: at(0),
      });
      assert.equal(
        settled.balances,
        [
          {
            key: bucket,
            spent: amounts({ nanoUsd: 4_294_967_297 }),
            held: amounts({ nanoUsd: 1_999_999_999 }),
          },
        ],
        "settling 2^32 + 1 nano-USD is recorded exactly",
      );
    },
  },
];
