import { MAX_STORE_SUM } from "../amounts.js";
import type { PostgresNames } from "./postgres-names.js";

/**
 * PL/pgSQL functions: each store operation is ONE statement (`SELECT fn($1, …)`), hence one
 * transaction, on any connection of a pool. Lock order, the same everywhere so concurrent
 * calls cannot deadlock: the call's own reservation row, then bucket rows sorted by key
 * (`COLLATE "C"`), then hold rows of locked buckets only; the sweep never waits
 * (`SKIP LOCKED`). Bucket rows keep running sums of their live holds; holds past their expiry
 * leave the sums when the bucket is next locked. A bucket that expired is reset in place
 * under its lock with a new `generation`: holds and rolling charges of older generations no
 * longer count. Needs READ COMMITTED (the default): each statement sees rows committed before it.
 * Sums are computed in `numeric` and stored `bigint` columns stop at 2^63 - 1024 (`sum`), so no
 * amount the store accepts (each at most 2^62) can overflow them.
 */
export function functionStatements(names: PostgresNames): string[] {
  const { buckets, holds, rollingCharges, reservations, fn } = names;
  const sum = (expression: string): string =>
    `least(${expression}, ${BigInt(MAX_STORE_SUM)})::bigint`;
  const groupedKeys = (input: string): string => `SELECT coalesce(array_agg(k ORDER BY k), '{}'),
         coalesce(array_agg(x ORDER BY k), '{}'),
         coalesce(array_agg(w ORDER BY k), '{}')
    FROM (SELECT (e->>'k') COLLATE "C" AS k,
                 CASE WHEN bool_or((e->>'x')::bigint < 0) THEN -1 ELSE max((e->>'x')::bigint) END AS x,
                 (array_agg((e->>'w')::bigint ORDER BY o) FILTER (WHERE e->>'w' IS NOT NULL))[1] AS w
          FROM jsonb_array_elements(${input}) WITH ORDINALITY AS q(e, o)
          GROUP BY 1) AS grouped`;
  const mergeExpiry = `UPDATE ${buckets} AS b SET
    expires_at_ms = CASE WHEN b.expires_at_ms < 0 OR u.x < 0 THEN -1 ELSE greatest(b.expires_at_ms, u.x) END,
    rolling_window_ms = coalesce(u.w, b.rolling_window_ms)
  FROM unnest(v_keys, v_expiries, v_windows) AS u(k, x, w)
  WHERE b.key = u.k`;
  const lockReservation = `INSERT INTO ${reservations} (id, state, forget_at_ms) VALUES (p_id, 'new', 0)
    ON CONFLICT (id) DO NOTHING;
  SELECT state, outcome, forget_at_ms INTO v_state, v_outcome, v_forget
    FROM ${reservations} WHERE id = p_id FOR UPDATE`;

  return [
    `CREATE OR REPLACE FUNCTION ${fn("lock_buckets")}(p_keys text[], p_expiries bigint[], p_now_ms bigint)
RETURNS void LANGUAGE plpgsql AS $fn$
DECLARE
  v_locked integer;
  v_needed integer := cardinality(array_remove(p_expiries, NULL));
BEGIN
  -- Keys with a NULL expiry are locked only if their row exists (buckets of a hold to drop).
  LOOP
    INSERT INTO ${buckets} (key, expires_at_ms)
      SELECT u.k, u.x FROM unnest(p_keys, p_expiries) AS u(k, x)
      WHERE u.x IS NOT NULL ORDER BY u.k COLLATE "C"
      ON CONFLICT (key) DO NOTHING;
    SELECT count(*) FILTER (WHERE u.x IS NOT NULL) INTO v_locked
      FROM (SELECT key FROM ${buckets} WHERE key = ANY (p_keys) ORDER BY key FOR UPDATE) AS b
      JOIN unnest(p_keys, p_expiries) AS u(k, x) ON u.k = b.key;
    EXIT WHEN v_locked = v_needed;
  END LOOP;
  UPDATE ${buckets} AS b SET generation = nextval('${names.generationSequence}'),
      spent_nano_usd = 0, spent_tokens = 0, spent_requests = 0,
      held_nano_usd = 0, held_tokens = 0, held_requests = 0, next_hold_expiry_ms = NULL,
      expires_at_ms = u.x, rolling_window_ms = NULL
    FROM unnest(p_keys, p_expiries) AS u(k, x)
    WHERE b.key = u.k AND u.x IS NOT NULL AND b.expires_at_ms >= 0 AND b.expires_at_ms <= p_now_ms;
  -- Holds past their expiry leave the running sums (only where the earliest hold expired).
  WITH due AS (
    SELECT key, generation FROM ${buckets}
    WHERE key = ANY (p_keys) AND next_hold_expiry_ms <= p_now_ms
  ), gone AS (
    DELETE FROM ${holds} AS h USING due
    WHERE h.bucket_key = due.key AND h.expires_at_ms <= p_now_ms
    RETURNING h.bucket_key, h.generation = due.generation AS current, h.nano_usd, h.tokens, h.requests
  ), sums AS (
    SELECT bucket_key,
      coalesce(sum(nano_usd) FILTER (WHERE current), 0) AS u,
      coalesce(sum(tokens) FILTER (WHERE current), 0) AS t,
      coalesce(sum(requests) FILTER (WHERE current), 0) AS r
    FROM gone GROUP BY bucket_key
  )
  UPDATE ${buckets} AS b SET
      held_nano_usd = b.held_nano_usd - coalesce(sums.u, 0),
      held_tokens = b.held_tokens - coalesce(sums.t, 0),
      held_requests = b.held_requests - coalesce(sums.r, 0),
      next_hold_expiry_ms = (SELECT min(h.expires_at_ms) FROM ${holds} AS h
        WHERE h.bucket_key = b.key AND h.generation = b.generation AND h.expires_at_ms > p_now_ms)
    FROM due LEFT JOIN sums ON sums.bucket_key = due.key
    WHERE b.key = due.key;
END
$fn$`,
    // Its sums became numeric (bigint in 0.1.0): CREATE OR REPLACE cannot change a function's
    // result type, so a database migrated by an earlier version needs the old one dropped.
    `DROP FUNCTION IF EXISTS ${fn("bucket_balance")}(text, bigint, bigint)`,
    `CREATE OR REPLACE FUNCTION ${fn("bucket_balance")}(p_key text, p_window_ms bigint, p_now_ms bigint,
  OUT generation bigint,
  OUT spent_nano_usd numeric, OUT spent_tokens numeric, OUT spent_requests numeric,
  OUT held_nano_usd numeric, OUT held_tokens numeric, OUT held_requests numeric)
LANGUAGE sql STABLE AS $fn$
  SELECT b.generation,
    coalesce(b.spent_nano_usd, 0) + coalesce(w.u, 0),
    coalesce(b.spent_tokens, 0) + coalesce(w.t, 0),
    coalesce(b.spent_requests, 0) + coalesce(w.r, 0),
    coalesce(b.held_nano_usd, 0) - coalesce(h.u, 0),
    coalesce(b.held_tokens, 0) - coalesce(h.t, 0),
    coalesce(b.held_requests, 0) - coalesce(h.r, 0)
  FROM (SELECT 1) AS one
  LEFT JOIN ${buckets} AS b
    ON b.key = p_key AND NOT (b.expires_at_ms >= 0 AND b.expires_at_ms <= p_now_ms)
  LEFT JOIN LATERAL (
    -- holds past their expiry that no call has swept yet
    SELECT sum(nano_usd) AS u, sum(tokens) AS t, sum(requests) AS r
    FROM ${holds}
    WHERE b.next_hold_expiry_ms <= p_now_ms
      AND bucket_key = b.key AND generation = b.generation AND expires_at_ms <= p_now_ms
  ) AS h ON true
  LEFT JOIN LATERAL (
    SELECT sum(nano_usd) AS u, sum(tokens) AS t, sum(requests) AS r
    FROM ${rollingCharges}
    WHERE bucket_key = b.key AND generation = b.generation
      AND (coalesce(p_window_ms, b.rolling_window_ms) IS NULL
           OR at_ms >= p_now_ms - coalesce(p_window_ms, b.rolling_window_ms))
  ) AS w ON true
$fn$`,
    `CREATE OR REPLACE FUNCTION ${fn("drop_holds")}(p_id text)
RETURNS void LANGUAGE sql AS $fn$
  -- The caller holds the locks of the holds' buckets.
  WITH gone AS (
    DELETE FROM ${holds} WHERE reservation_id = p_id
    RETURNING bucket_key, generation, nano_usd, tokens, requests
  )
  UPDATE ${buckets} AS b SET
      held_nano_usd = b.held_nano_usd - gone.nano_usd,
      held_tokens = b.held_tokens - gone.tokens,
      held_requests = b.held_requests - gone.requests
    FROM gone WHERE b.key = gone.bucket_key AND b.generation = gone.generation
$fn$`,
    `CREATE OR REPLACE FUNCTION ${fn("balances")}(p_keys jsonb, p_now_ms bigint)
RETURNS jsonb LANGUAGE sql STABLE AS $fn$
  SELECT coalesce(jsonb_agg(jsonb_build_array(
      b.spent_nano_usd, b.spent_tokens, b.spent_requests,
      b.held_nano_usd, b.held_tokens, b.held_requests) ORDER BY q.o), '[]'::jsonb)
  FROM jsonb_array_elements(p_keys) WITH ORDINALITY AS q(e, o)
  CROSS JOIN LATERAL ${fn("bucket_balance")}(q.e->>'k', (q.e->>'w')::bigint, p_now_ms) AS b
$fn$`,
    `CREATE OR REPLACE FUNCTION ${fn("reserve")}(p_id text, p_holds jsonb, p_ttl_ms bigint, p_now_ms bigint, p_id_retention_ms bigint)
RETURNS jsonb LANGUAGE plpgsql AS $fn$
DECLARE
  v_state text;
  v_outcome jsonb;
  v_forget bigint;
  v_keys text[];
  v_expiries bigint[];
  v_windows bigint[];
  v_generation bigint[] := '{}';
  v_base numeric[] := '{}';
  v_pending numeric[];
  v_bucket record;
  v_hold record;
  v_index integer;
  v_slot integer;
  v_kind integer;
  v_limit bigint;
  v_kinds text[] := ARRAY['usd', 'tokens', 'requests'];
BEGIN
  ${lockReservation};
  IF v_state <> 'new' AND v_forget > p_now_ms THEN
    RETURN v_outcome;
  END IF;
  ${groupedKeys("p_holds")} INTO v_keys, v_expiries, v_windows;
  PERFORM ${fn("lock_buckets")}(v_keys, v_expiries, p_now_ms);
  v_pending := array_fill(0::numeric, ARRAY[cardinality(v_keys) * 3 + 1]);
  FOR v_index IN 1 .. cardinality(v_keys) LOOP
    SELECT * INTO v_bucket FROM ${fn("bucket_balance")}(v_keys[v_index], v_windows[v_index], p_now_ms);
    v_generation[v_index] := coalesce(v_bucket.generation, 0);
    -- spent usd, tokens, requests, then held usd, tokens, requests
    v_base := v_base || ARRAY[v_bucket.spent_nano_usd, v_bucket.spent_tokens, v_bucket.spent_requests,
                              v_bucket.held_nano_usd, v_bucket.held_tokens, v_bucket.held_requests];
  END LOOP;
  FOR v_hold IN
    SELECT e->>'k' AS k, (e->>'e')::boolean AS enforce,
           ARRAY[(e->>'lu')::bigint, (e->>'lt')::bigint, (e->>'lr')::bigint] AS limits,
           ARRAY[(e->>'u')::bigint, (e->>'t')::bigint, (e->>'r')::bigint] AS amounts
    FROM jsonb_array_elements(p_holds) WITH ORDINALITY AS q(e, o) ORDER BY o
  LOOP
    v_index := array_position(v_keys, v_hold.k);
    FOR v_kind IN 1 .. 3 LOOP
      v_slot := (v_index - 1) * 3 + v_kind;
      v_limit := v_hold.limits[v_kind];
      IF v_hold.enforce AND v_limit IS NOT NULL
         AND v_base[(v_index - 1) * 6 + v_kind] + v_base[(v_index - 1) * 6 + 3 + v_kind]
             + v_pending[v_slot] + v_hold.amounts[v_kind] > v_limit THEN
        v_outcome := jsonb_build_object('admitted', false, 'denied', jsonb_build_object(
          'key', v_hold.k, 'limitKind', v_kinds[v_kind], 'limit', v_limit,
          'spent', v_base[(v_index - 1) * 6 + v_kind],
          'held', v_base[(v_index - 1) * 6 + 3 + v_kind] + v_pending[v_slot],
          'requested', v_hold.amounts[v_kind]));
        UPDATE ${reservations} SET state = 'denied', outcome = v_outcome,
            forget_at_ms = p_now_ms + p_ttl_ms
          WHERE id = p_id;
        RETURN v_outcome;
      END IF;
    END LOOP;
    FOR v_kind IN 1 .. 3 LOOP
      v_slot := (v_index - 1) * 3 + v_kind;
      v_pending[v_slot] := v_pending[v_slot] + v_hold.amounts[v_kind];
    END LOOP;
  END LOOP;
  -- One write per bucket: the new hold into the running sums, plus expiry and window.
  WITH added AS (
    INSERT INTO ${holds} (reservation_id, bucket_key, generation, nano_usd, tokens, requests, expires_at_ms)
      SELECT p_id, v_keys[i], v_generation[i], ${sum("v_pending[(i - 1) * 3 + 1]")},
             ${sum("v_pending[(i - 1) * 3 + 2]")}, ${sum("v_pending[(i - 1) * 3 + 3]")}, p_now_ms + p_ttl_ms
      FROM generate_subscripts(v_keys, 1) AS i
      ON CONFLICT (reservation_id, bucket_key) DO NOTHING
      RETURNING bucket_key, nano_usd, tokens, requests
  )
  UPDATE ${buckets} AS b SET
      held_nano_usd = ${sum("b.held_nano_usd::numeric + coalesce(added.nano_usd, 0)")},
      held_tokens = ${sum("b.held_tokens::numeric + coalesce(added.tokens, 0)")},
      held_requests = ${sum("b.held_requests::numeric + coalesce(added.requests, 0)")},
      next_hold_expiry_ms = CASE WHEN added.bucket_key IS NULL THEN b.next_hold_expiry_ms
        ELSE least(b.next_hold_expiry_ms, p_now_ms + p_ttl_ms) END,
      expires_at_ms = CASE WHEN b.expires_at_ms < 0 OR u.x < 0 THEN -1 ELSE greatest(b.expires_at_ms, u.x) END,
      rolling_window_ms = coalesce(u.w, b.rolling_window_ms)
    FROM unnest(v_keys, v_expiries, v_windows) AS u(k, x, w)
    LEFT JOIN added ON added.bucket_key = u.k
    WHERE b.key = u.k;
  v_outcome := jsonb_build_object('admitted', true);
  UPDATE ${reservations} SET state = 'held', outcome = v_outcome,
      forget_at_ms = p_now_ms + greatest(p_ttl_ms, p_id_retention_ms)
    WHERE id = p_id;
  RETURN v_outcome;
END
$fn$`,
    `CREATE OR REPLACE FUNCTION ${fn("settle")}(p_id text, p_charges jsonb, p_now_ms bigint, p_id_retention_ms bigint)
RETURNS jsonb LANGUAGE plpgsql AS $fn$
DECLARE
  v_state text;
  v_outcome jsonb;
  v_forget bigint;
  v_live boolean;
  v_keys text[];
  v_expiries bigint[];
  v_windows bigint[];
  v_lock_keys text[];
  v_lock_expiries bigint[];
  v_charge record;
BEGIN
  ${lockReservation};
  v_live := v_state <> 'new' AND v_forget > p_now_ms;
  IF v_live AND v_state = 'settled' THEN
    RETURN jsonb_build_object('applied', false, 'balances', ${fn("balances")}(p_charges, p_now_ms));
  END IF;
  ${groupedKeys("p_charges")} INTO v_keys, v_expiries, v_windows;
  IF v_live THEN
    -- Also lock the buckets of this reservation's holds (without creating them).
    SELECT array_agg(k ORDER BY k), array_agg(x ORDER BY k) INTO v_lock_keys, v_lock_expiries
      FROM (SELECT u.k COLLATE "C" AS k, max(u.x) AS x
            FROM (SELECT unnest(v_keys) AS k, unnest(v_expiries) AS x
                  UNION ALL SELECT bucket_key, NULL FROM ${holds} WHERE reservation_id = p_id) AS u
            GROUP BY 1) AS grouped;
    PERFORM ${fn("lock_buckets")}(v_lock_keys, v_lock_expiries, p_now_ms);
    PERFORM ${fn("drop_holds")}(p_id);
  ELSE
    PERFORM ${fn("lock_buckets")}(v_keys, v_expiries, p_now_ms);
  END IF;
  FOR v_charge IN
    SELECT e->>'k' AS k, (e->>'u')::bigint AS u, (e->>'t')::bigint AS t, (e->>'r')::bigint AS r,
           (e->>'w')::bigint AS w
    FROM jsonb_array_elements(p_charges) WITH ORDINALITY AS q(e, o) ORDER BY o
  LOOP
    IF v_charge.w IS NULL THEN
      UPDATE ${buckets} SET spent_nano_usd = ${sum("spent_nano_usd::numeric + v_charge.u")},
          spent_tokens = ${sum("spent_tokens::numeric + v_charge.t")},
          spent_requests = ${sum("spent_requests::numeric + v_charge.r")}
        WHERE key = v_charge.k;
    ELSE
      INSERT INTO ${rollingCharges} (bucket_key, generation, at_ms, nano_usd, tokens, requests)
        SELECT b.key, b.generation, p_now_ms, v_charge.u, v_charge.t, v_charge.r
        FROM ${buckets} AS b WHERE b.key = v_charge.k;
    END IF;
  END LOOP;
  ${mergeExpiry};
  UPDATE ${reservations} SET state = 'settled',
      outcome = CASE WHEN v_live THEN v_outcome ELSE jsonb_build_object('admitted', true) END,
      forget_at_ms = CASE WHEN v_live THEN greatest(v_forget, p_now_ms + p_id_retention_ms)
                          ELSE p_now_ms + p_id_retention_ms END
    WHERE id = p_id;
  RETURN jsonb_build_object('applied', true, 'balances', ${fn("balances")}(p_charges, p_now_ms));
END
$fn$`,
    `CREATE OR REPLACE FUNCTION ${fn("release")}(p_id text, p_now_ms bigint, p_id_retention_ms bigint)
RETURNS void LANGUAGE plpgsql AS $fn$
DECLARE
  v_state text;
  v_forget bigint;
  v_keys text[];
  v_outcome jsonb;
BEGIN
  ${lockReservation};
  IF v_state = 'new' OR v_forget <= p_now_ms THEN
    -- A tombstone: the reserve of this id may still be on its way (its caller gave up).
    UPDATE ${reservations} SET state = 'released',
        outcome = jsonb_build_object('admitted', false, 'released', true),
        forget_at_ms = p_now_ms + p_id_retention_ms
      WHERE id = p_id;
    RETURN;
  END IF;
  IF v_state = 'settled' THEN
    RETURN;
  END IF;
  SELECT array_agg(bucket_key ORDER BY bucket_key) INTO v_keys
    FROM ${holds} WHERE reservation_id = p_id;
  IF v_keys IS NOT NULL THEN
    PERFORM ${fn("lock_buckets")}(v_keys, array_fill(NULL::bigint, ARRAY[cardinality(v_keys)]), p_now_ms);
    PERFORM ${fn("drop_holds")}(p_id);
  END IF;
  UPDATE ${reservations} SET state = CASE WHEN v_state = 'held' THEN 'released' ELSE v_state END,
      forget_at_ms = greatest(v_forget, p_now_ms + p_id_retention_ms)
    WHERE id = p_id;
END
$fn$`,
    `CREATE OR REPLACE FUNCTION ${fn("sweep")}(p_now_ms bigint, p_limit integer)
RETURNS integer LANGUAGE plpgsql AS $fn$
DECLARE
  v_total integer := 0;
  v_count integer;
BEGIN
  DELETE FROM ${buckets} WHERE key = ANY (ARRAY(
    SELECT key FROM ${buckets} WHERE expires_at_ms >= 0 AND expires_at_ms <= p_now_ms
    LIMIT p_limit FOR UPDATE SKIP LOCKED));
  GET DIAGNOSTICS v_count = ROW_COUNT;
  v_total := v_total + v_count;
  -- Holds of buckets that are gone or were reset (live buckets sweep their own, under lock).
  DELETE FROM ${holds} WHERE ctid = ANY (ARRAY(
    SELECT h.ctid FROM ${holds} AS h LEFT JOIN ${buckets} AS b ON b.key = h.bucket_key
    WHERE b.key IS NULL OR h.generation <> b.generation
    LIMIT p_limit FOR UPDATE OF h SKIP LOCKED));
  GET DIAGNOSTICS v_count = ROW_COUNT;
  v_total := v_total + v_count;
  DELETE FROM ${rollingCharges} WHERE ctid = ANY (ARRAY(
    SELECT c.ctid FROM ${rollingCharges} AS c LEFT JOIN ${buckets} AS b ON b.key = c.bucket_key
    WHERE b.key IS NULL OR c.generation <> b.generation OR c.at_ms < p_now_ms - b.rolling_window_ms
    LIMIT p_limit FOR UPDATE OF c SKIP LOCKED));
  GET DIAGNOSTICS v_count = ROW_COUNT;
  v_total := v_total + v_count;
  DELETE FROM ${reservations} WHERE id = ANY (ARRAY(
    SELECT id FROM ${reservations} WHERE state <> 'new' AND forget_at_ms <= p_now_ms
    LIMIT p_limit FOR UPDATE SKIP LOCKED));
  GET DIAGNOSTICS v_count = ROW_COUNT;
  v_total := v_total + v_count;
  DELETE FROM ${names.claims} WHERE key = ANY (ARRAY(
    SELECT key FROM ${names.claims} WHERE expires_at_ms >= 0 AND expires_at_ms <= p_now_ms
    LIMIT p_limit FOR UPDATE SKIP LOCKED));
  GET DIAGNOSTICS v_count = ROW_COUNT;
  RETURN v_total + v_count;
END
$fn$`,
  ];
}
