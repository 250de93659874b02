import { amounts, balanceOf, tokensHold } from "./conformance-fixtures.js";
import type { ConformanceCase } from "./conformance-types.js";

const TTL_MS = 60_000;

/** Name of the atomicity case (the broken-store negative control looks it up). */
export const ATOMICITY_CASE_NAME =
  "reserve is atomic: 200 concurrent reserves of 1 against a limit of 100 admit exactly 100";

/** Cases for `reserve`: admission, denial, atomicity and all-or-nothing across buckets. */
export const reserveConformanceCases: readonly ConformanceCase[] = [
  {
    name: "reserve within the limit is admitted and held (up to exactly the limit)",
    async run({ store, key, at, assert }) {
      const bucket = key("a");
      const first = await store.reserve({
        id: key("r1"),
        holds: [tokensHold(bucket, 100, 40)],
        ttlMs: TTL_MS,
        nowMs: at(0),
      });
      assert.equal(
        first,
        { admitted: true },
        "reserve of 40 against an empty limit of 100 is admitted",
      );
      const second = await store.reserve({
        id: key("r2"),
        holds: [tokensHold(bucket, 100, 60)],
        ttlMs: TTL_MS,
        nowMs: at(0),
      });
      assert.equal(
        second,
        { admitted: true },
        "reserve reaching exactly the limit (40 + 60 = 100) is admitted",
      );
      assert.equal(
        await balanceOf(store, bucket, at(0)),
        { spent: amounts({}), held: amounts({ tokens: 100 }) },
        "balances show both holds (40 + 60 held, nothing spent)",
      );
    },
  },
  {
    name: "reserve over the limit is denied and consumes nothing",
    async run({ store, key, at, assert }) {
      const bucket = key("a");
      await store.reserve({
        id: key("r1"),
        holds: [tokensHold(bucket, 100, 60)],
        ttlMs: TTL_MS,
        nowMs: at(0),
      });
      const denied = await store.reserve({
        id: key("r2"),
        holds: [tokensHold(bucket, 100, 50)],
        ttlMs: TTL_MS,
        nowMs: at(0),
      });
      assert.equal(
        denied,
        {
          admitted: false,
          denied: {
            key: bucket,
            limitKind: "tokens",
            limit: 100,
            spent: 0,
            held: 60,
            requested: 50,
          },
        },
        "reserve of 50 with 60 of 100 held is denied, naming the bucket and amounts",
      );
      assert.equal(
        await balanceOf(store, bucket, at(0)),
        { spent: amounts({}), held: amounts({ tokens: 60 }) },
        "a denied reserve holds nothing (held stays 60)",
      );
      const fits = await store.reserve({
        id: key("r3"),
        holds: [tokensHold(bucket, 100, 40)],
        ttlMs: TTL_MS,
        nowMs: at(0),
      });
      assert.equal(
        fits,
        { admitted: true },
        "after a denial the remaining 40 can still be reserved",
      );
    },
  },
  {
    name: ATOMICITY_CASE_NAME,
    async run({ store, key, at, assert }) {
      const bucket = key("a");
      const outcomes = await Promise.all(
        Array.from({ length: 200 }, (_, index) =>
          store.reserve({
            id: key(`r${index}`),
            holds: [tokensHold(bucket, 100, 1)],
            ttlMs: TTL_MS,
            nowMs: at(0),
          }),
        ),
      );
      const admitted = outcomes.filter((outcome) => outcome.admitted).length;
      assert.ok(
        admitted === 100,
        `reserve is not atomic: 200 concurrent reserves of 1 against a limit of 100 admitted ${admitted}, expected 100`,
      );
      const balance = await balanceOf(store, bucket, at(0));
      assert.equal(
        balance.held.tokens,
        100,
        "after 200 concurrent reserves exactly 100 tokens are held",
      );
    },
  },
  {
    name: "reserve is all-or-nothing across buckets: one full bucket means nothing is held anywhere",
    async run({ store, key, at, assert }) {
      const roomy = key("roomy");
      const full = key("full");
      await store.reserve({
        id: key("fill"),
        holds: [tokensHold(full, 10, 10)],
        ttlMs: TTL_MS,
        nowMs: at(0),
      });
      const outcome = await store.reserve({
        id: key("both"),
        holds: [tokensHold(roomy, 100, 5), tokensHold(full, 10, 1)],
        ttlMs: TTL_MS,
        nowMs: at(0),
      });
      assert.equal(
        outcome,
        {
          admitted: false,
          denied: { key: full, limitKind: "tokens", limit: 10, spent: 0, held: 10, requested: 1 },
        },
        "a reserve over two buckets is denied when the second is full",
      );
      assert.equal(
        await balanceOf(store, roomy, at(0)),
        { spent: amounts({}), held: amounts({}) },
        "the bucket with room holds nothing after the denied multi-bucket reserve",
      );
    },
  },
];
