import { amounts, balanceOf, tokensHold } from "./conformance-fixtures.js";
import type { ConformanceCase } from "./conformance-types.js";

const TTL_MS = 60_000;

/** Cases for calendar expiry, rolling windows, `claimOnce` and store isolation. */
export const windowConformanceCases: readonly ConformanceCase[] = [
  {
    name: "a calendar bucket's data is dropped at its expiresAtMs",
    async run({ store, key, at, assert }) {
      const bucket = key("day");
      const expiresAtMs = at(1_000);
      await store.reserve({
        id: key("r1"),
        holds: [tokensHold(bucket, 100, 40, { expiresAtMs })],
        ttlMs: TTL_MS,
        nowMs: at(0),
      });
      await store.settle({
        id: key("r1"),
        charges: [{ key: bucket, amount: amounts({ tokens: 60 }), expiresAtMs }],
        nowMs: at(0),
      });
      assert.equal(
        await balanceOf(store, bucket, at(999)),
        { spent: amounts({ tokens: 60 }), held: amounts({}) },
        "spend counts until expiresAtMs (60 at +999 ms)",
      );
      assert.equal(
        await balanceOf(store, bucket, at(1_000)),
        { spent: amounts({}), held: amounts({}) },
        "spend is gone at expiresAtMs",
      );
      const fresh = await store.reserve({
        id: key("r2"),
        holds: [tokensHold(bucket, 100, 100, { expiresAtMs: at(2_000) })],
        ttlMs: TTL_MS,
        nowMs: at(1_000),
      });
      assert.equal(fresh, { admitted: true }, "a reserve after expiry starts from an empty bucket");
    },
  },
  {
    name: "a settle after its calendar window ended charges that window's bucket, never the current one",
    async run({ store, key, at, assert }) {
      // Window 1 ends at +1 s and its bucket expires at +2 s (the ledger adds a grace period);
      // window 2 runs from +1 s.
      const first = key("window-1");
      const second = key("window-2");
      const firstExpiresAtMs = at(2_000);
      const secondExpiresAtMs = at(3_000);
      for (const id of ["r1", "r3"]) {
        await store.reserve({
          id: key(id),
          holds: [tokensHold(first, 100, 40, { expiresAtMs: firstExpiresAtMs })],
          ttlMs: TTL_MS,
          nowMs: at(0),
        });
      }
      await store.reserve({
        id: key("r2"),
        holds: [tokensHold(second, 100, 30, { expiresAtMs: secondExpiresAtMs })],
        ttlMs: TTL_MS,
        nowMs: at(1_500),
      });
      const late = await store.settle({
        id: key("r1"),
        charges: [{ key: first, amount: amounts({ tokens: 50 }), expiresAtMs: firstExpiresAtMs }],
        nowMs: at(1_500),
      });
      assert.equal(
        late,
        {
          applied: true,
          balances: [{ key: first, spent: amounts({ tokens: 50 }), held: amounts({ tokens: 40 }) }],
        },
        "a settle after window 1 ended charges window 1 (50 spent beside r3's hold of 40)",
      );
      assert.equal(
        await balanceOf(store, second, at(1_500)),
        { spent: amounts({}), held: amounts({ tokens: 30 }) },
        "window 2 (the current one) is not charged",
      );
      const afterExpiry = await store.settle({
        id: key("r3"),
        charges: [{ key: first, amount: amounts({ tokens: 20 }), expiresAtMs: firstExpiresAtMs }],
        nowMs: at(2_500),
      });
      assert.equal(
        afterExpiry.applied,
        true,
        "a settle after window 1's bucket expired applies (to a bucket nothing reads any more)",
      );
      assert.equal(
        await balanceOf(store, first, at(2_500)),
        { spent: amounts({}), held: amounts({}) },
        "window 1's bucket is gone after its expiresAtMs, the late charge with it",
      );
      assert.equal(
        await balanceOf(store, second, at(2_500)),
        { spent: amounts({}), held: amounts({ tokens: 30 }) },
        "window 2 is still not charged",
      );
    },
  },
  {
    name: "a rolling window sums only the charges inside [now - rollingWindowMs, now]",
    async run({ store, key, at, span, assert }) {
      const bucket = key("rolling");
      const rollingWindowMs = span(10_000);
      const charge = async (id: string, tokens: number, offsetMs: number) => {
        await store.settle({
          id: key(id),
          charges: [
            {
              key: bucket,
              amount: amounts({ tokens }),
              expiresAtMs: at(offsetMs) + rollingWindowMs + span(1_000),
              rollingWindowMs,
            },
          ],
          nowMs: at(offsetMs),
        });
      };
      await charge("c0", 10, 0);
      await charge("c4", 20, 4_000);
      await charge("c8", 40, 8_000);
      const spentAt = async (offsetMs: number) =>
        (await balanceOf(store, bucket, at(offsetMs), rollingWindowMs)).spent.tokens;
      assert.equal(
        await spentAt(8_000),
        70,
        "at +8 s all three charges (10 + 20 + 40) are inside a 10 s window",
      );
      assert.equal(
        await spentAt(10_000),
        70,
        "at +10 s the charge at 0 is still inside (the window start is inclusive)",
      );
      assert.equal(await spentAt(12_000), 60, "at +12 s the charge at 0 has left (20 + 40)");
      assert.equal(
        await spentAt(14_000),
        60,
        "at +14 s the charge at +4 s is on the window start, still inside (20 + 40)",
      );
      assert.equal(await spentAt(16_000), 40, "at +16 s only the charge at +8 s is left");
      const denied = await store.reserve({
        id: key("r1"),
        holds: [
          tokensHold(bucket, 100, 61, {
            rollingWindowMs,
            expiresAtMs: at(16_000) + rollingWindowMs,
          }),
        ],
        ttlMs: TTL_MS,
        nowMs: at(16_000),
      });
      assert.ok(
        !denied.admitted,
        "a reserve of 61 with 40 spent in the window of a 100 limit is denied",
      );
      const admitted = await store.reserve({
        id: key("r2"),
        holds: [
          tokensHold(bucket, 100, 60, {
            rollingWindowMs,
            expiresAtMs: at(16_000) + rollingWindowMs,
          }),
        ],
        ttlMs: TTL_MS,
        nowMs: at(16_000),
      });
      assert.equal(
        admitted,
        { admitted: true },
        "a reserve of 60 with 40 spent in the window of a 100 limit is admitted",
      );
      assert.equal(await spentAt(18_001), 0, "at +18.001 s every charge has left the window");
    },
  },
  {
    name: "claimOnce is true once per key, then false, and true again after it expires",
    async run({ store, key, at, assert }) {
      const claim = key("threshold");
      const expiresAtMs = at(1_000);
      assert.equal(
        await store.claimOnce({ key: claim, expiresAtMs, nowMs: at(0) }),
        true,
        "the first claim is true",
      );
      assert.equal(
        await store.claimOnce({ key: claim, expiresAtMs, nowMs: at(0) }),
        false,
        "a second claim is false",
      );
      assert.equal(
        await store.claimOnce({ key: claim, expiresAtMs, nowMs: at(999) }),
        false,
        "a claim before expiry is false",
      );
      assert.equal(
        await store.claimOnce({ key: claim, expiresAtMs: at(2_000), nowMs: at(1_000) }),
        true,
        "a claim at expiry is true again",
      );
      assert.equal(
        await store.claimOnce({ key: claim, expiresAtMs: at(2_000), nowMs: at(1_500) }),
        false,
        "and false after that",
      );
      const forever = key("forever");
      assert.equal(
        await store.claimOnce({ key: forever, expiresAtMs: null, nowMs: at(0) }),
        true,
        "a claim without expiry is true once",
      );
      assert.equal(
        await store.claimOnce({ key: forever, expiresAtMs: null, nowMs: at(1_000_000_000) }),
        false,
        "and never again",
      );
      const claims = await Promise.all(
        Array.from({ length: 20 }, () =>
          store.claimOnce({ key: key("race"), expiresAtMs: null, nowMs: at(0) }),
        ),
      );
      assert.equal(
        claims.filter(Boolean).length,
        1,
        "20 concurrent claims of one key give exactly one true",
      );
    },
  },
  {
    name: "two stores from makeStore do not share state",
    requires: "isolated",
    async run({ store, makeStore, cleanup, key, at, assert }) {
      const bucket = key("shared?");
      await store.reserve({
        id: key("r1"),
        holds: [tokensHold(bucket, 100, 100)],
        ttlMs: TTL_MS,
        nowMs: at(0),
      });
      const other = await makeStore();
      try {
        assert.equal(
          await balanceOf(other, bucket, at(0)),
          { spent: amounts({}), held: amounts({}) },
          "a second store does not see the first store's holds",
        );
        const outcome = await other.reserve({
          id: key("r1"),
          holds: [tokensHold(bucket, 100, 100)],
          ttlMs: TTL_MS,
          nowMs: at(0),
        });
        assert.equal(
          outcome,
          { admitted: true },
          "a second store admits the same id and amount on its own",
        );
      } finally {
        await cleanup(other);
      }
    },
  },
];
