import { amounts, balanceOf, makeUsageRecord, tokensHold } from "./conformance-fixtures.js";
import type { ConformanceCase } from "./conformance-types.js";

const TTL_MS = 60_000;

/**
 * Strings stores have trouble with: a lone surrogate (no UTF-8: a naive encoder turns each into
 * U+FFFD), U+0000 (Postgres text/jsonb cannot hold it), U+FFFD itself, and U+E000 (a private-use
 * character an escaping store may use).
 */
const AWKWARD_SUFFIXES = ["", "\uD800", "\uDBFF", "\uDC00", "\u0000", "\uFFFD", "\uE000"];

/** Cases for keys, ids and record text that must be stored exactly (escaped, never dropped). */
export const textConformanceCases: readonly ConformanceCase[] = [
  {
    name: "bucket keys and ids with lone surrogates or NUL stay distinct",
    async run({ store, key, at, assert }) {
      for (const [index, suffix] of AWKWARD_SUFFIXES.entries()) {
        const outcome = await store.reserve({
          id: key(`r${suffix}`),
          holds: [tokensHold(key(`a${suffix}`), 1_000, index + 1)],
          ttlMs: TTL_MS,
          nowMs: at(0),
        });
        assert.equal(outcome, { admitted: true }, `reserve on key "a" + ${JSON.stringify(suffix)}`);
      }
      for (const [index, suffix] of AWKWARD_SUFFIXES.entries()) {
        assert.equal(
          await balanceOf(store, key(`a${suffix}`), at(0)),
          { spent: amounts({}), held: amounts({ tokens: index + 1 }) },
          `key "a" + ${JSON.stringify(suffix)} holds only its own ${index + 1} tokens`,
        );
      }
      const settled = await store.settle({
        id: key("r\uD800"),
        charges: [{ key: key("a\uD800"), amount: amounts({ tokens: 5 }), expiresAtMs: null }],
        nowMs: at(0),
      });
      assert.equal(
        settled.balances,
        [{ key: key("a\uD800"), spent: amounts({ tokens: 5 }), held: amounts({}) }],
        'settle of id "r\\uD800" replaces its own hold (2) and no other',
      );
      assert.equal(
        await balanceOf(store, key("a\uDBFF"), at(0)),
        { spent: amounts({}), held: amounts({ tokens: 3 }) },
        'the hold of id "r\\uDBFF" is untouched by the settle of "r\\uD800"',
      );
    },
  },
  {
    name: "records with lone surrogates or NUL in context, model and id round-trip exactly",
    async run({ store, run, assert }) {
      const records = AWKWARD_SUFFIXES.map((suffix, index) =>
        makeUsageRecord({
          id: `${run}:rec${suffix}`,
          time: `2031-05-0${index + 1}T10:00:00.000Z`,
          model: `m${suffix}`,
          context: { conformanceRun: run, userId: `u${suffix}`, [`k${suffix}`]: `v${suffix}` },
        }),
      );
      await store.append(records);
      const mine = { conformanceRun: run };
      assert.equal(
        await store.query({ context: mine }),
        [...records].reverse(),
        "every record comes back exactly as appended, newest first",
      );
      for (const record of records) {
        const userId = record.context.userId as string;
        assert.equal(
          (await store.query({ context: { ...mine, userId } })).map((found) => found.id),
          [record.id],
          `a query by userId ${JSON.stringify(userId)} finds only its record`,
        );
      }
      const rows = await store.aggregate({ context: mine, groupBy: ["userId"] });
      assert.equal(
        rows.map((row) => row.group.userId).sort(),
        records.map((record) => record.context.userId as string).sort(),
        "aggregate by userId keeps each value exact and apart",
      );
    },
  },
];
