import { StoreInputError } from "../errors/store-input-error.js";
import { amounts, balanceOf, tokensHold } from "./conformance-fixtures.js";
import type { ConformanceCase } from "./conformance-types.js";

const TTL_MS = 60_000;

/** $1e9 in nano-USD: 1e9 × 1e9. An exact double (5^18 < 2^53). */
const BILLION_USD_NANO = 1e18;
/** 6e17 and 4e17 nano-USD ($6e8 + $4e8): exact doubles that add up to exactly 1e18. */
const SIXTY_PERCENT_NANO = 6e17;
const FORTY_PERCENT_NANO = 4e17;

/** Cases for large limits (past 2^53) and malformed amounts. */
export const numberConformanceCases: readonly ConformanceCase[] = [
  {
    name: "a $1e9 limit (1e18 nano-USD) admits up to exactly the limit and denies one nano-USD more",
    async run({ store, key, at, assert }) {
      const bucket = key("billion");
      const usdHold = (nanoUsd: number) => ({
        key: bucket,
        limits: { nanoUsd: BILLION_USD_NANO },
        amount: amounts({ nanoUsd }),
        enforce: true,
        expiresAtMs: null,
      });
      for (const [id, nanoUsd] of [
        ["r1", SIXTY_PERCENT_NANO],
        ["r2", FORTY_PERCENT_NANO],
      ] as const) {
        assert.equal(
          await store.reserve({
            id: key(id),
            holds: [usdHold(nanoUsd)],
            ttlMs: TTL_MS,
            nowMs: at(0),
          }),
          { admitted: true },
          `${nanoUsd} nano-USD fits a limit of 1e18 (6e17 + 4e17 = 1e18 exactly)`,
        );
      }
      assert.equal(
        await store.reserve({ id: key("r3"), holds: [usdHold(1)], ttlMs: TTL_MS, nowMs: at(0) }),
        {
          admitted: false,
          denied: {
            key: bucket,
            limitKind: "usd",
            limit: BILLION_USD_NANO,
            spent: 0,
            held: BILLION_USD_NANO,
            requested: 1,
          },
        },
        "one nano-USD over a full $1e9 limit is denied, with exact numbers",
      );
      await store.settle({
        id: key("r1"),
        charges: [
          { key: bucket, amount: amounts({ nanoUsd: SIXTY_PERCENT_NANO }), expiresAtMs: null },
        ],
        nowMs: at(0),
      });
      assert.equal(
        await balanceOf(store, bucket, at(0)),
        {
          spent: amounts({ nanoUsd: SIXTY_PERCENT_NANO }),
          held: amounts({ nanoUsd: FORTY_PERCENT_NANO }),
        },
        "6e17 spent and 4e17 held, exactly",
      );
    },
  },
  {
    name: "a 1e15-token limit admits up to exactly the limit and denies one token more",
    async run({ store, key, at, assert }) {
      const bucket = key("tokens");
      assert.equal(
        await store.reserve({
          id: key("r1"),
          holds: [tokensHold(bucket, 1e15, 1e15 - 1)],
          ttlMs: TTL_MS,
          nowMs: at(0),
        }),
        { admitted: true },
        "1e15 - 1 tokens fit a limit of 1e15",
      );
      assert.equal(
        await store.reserve({
          id: key("r2"),
          holds: [tokensHold(bucket, 1e15, 1)],
          ttlMs: TTL_MS,
          nowMs: at(0),
        }),
        { admitted: true },
        "one more token reaches the limit exactly",
      );
      assert.equal(
        await store.reserve({
          id: key("r3"),
          holds: [tokensHold(bucket, 1e15, 1)],
          ttlMs: TTL_MS,
          nowMs: at(0),
        }),
        {
          admitted: false,
          denied: {
            key: bucket,
            limitKind: "tokens",
            limit: 1e15,
            spent: 0,
            held: 1e15,
            requested: 1,
          },
        },
        "a token over a full 1e15-token limit is denied",
      );
    },
  },
  {
    name: "a malformed amount (NaN, negative, fraction) is refused with StoreInputError and changes nothing",
    async run({ store, key, at, assert }) {
      const bucket = key("bad");
      for (const [name, tokens] of [
        ["NaN", Number.NaN],
        ["negative", -1],
        ["fraction", 1.5],
      ] as const) {
        const reserveError = await store
          .reserve({
            id: key(`r-${name}`),
            holds: [tokensHold(bucket, 100, tokens)],
            ttlMs: TTL_MS,
            nowMs: at(0),
          })
          .then(
            () => undefined,
            (error: unknown) => error,
          );
        assert.ok(
          StoreInputError.isInstance(reserveError),
          `reserve of ${name} tokens must reject with StoreInputError, got ${String(reserveError)}`,
        );
        const settleError = await store
          .settle({
            id: key(`s-${name}`),
            charges: [{ key: bucket, amount: amounts({ tokens }), expiresAtMs: null }],
            nowMs: at(0),
          })
          .then(
            () => undefined,
            (error: unknown) => error,
          );
        assert.ok(
          StoreInputError.isInstance(settleError),
          `settle of ${name} tokens must reject with StoreInputError, got ${String(settleError)}`,
        );
      }
      assert.equal(
        await balanceOf(store, bucket, at(0)),
        { spent: amounts({}), held: amounts({}) },
        "refused reserves and settles change nothing",
      );
    },
  },
];
