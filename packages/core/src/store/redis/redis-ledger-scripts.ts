import { LUA_HEADER } from "./redis-lua-common.js";
import type { RedisScript } from "./redis-script.js";

/**
 * append: adds records once per id (a replayed append is a no-op), adds each record's
 * per-day sums, then trims the raw set to the newest `maxRecords` by time.
 * KEYS: records (zset), record data (hash), record ids (hash), sequence, aggregate days (zset).
 * ARGV: prefix, now, maxRecords; per record: encoded id, time ms, JSON, UTC day, day start ms,
 * field count m, then m pairs (aggregate field, increment). Returns how many were added.
 */
const appendSource = `${LUA_HEADER}
local added = 0
local a = 4
while a <= #ARGV do
  local id, day, m = ARGV[a], ARGV[a + 3], tonumber(ARGV[a + 5])
  if redis.call('HSETNX', KEYS[3], id, '') == 1 then
    local member = string.format('%016d', redis.call('INCR', KEYS[4]))
    redis.call('HSET', KEYS[3], id, member)
    redis.call('ZADD', KEYS[1], ARGV[a + 1], member)
    redis.call('HSET', KEYS[2], member, id .. '\\n' .. ARGV[a + 2])
    local aggregate = P .. 'agg:' .. day
    for f = a + 6, a + 5 + m * 2, 2 do
      redis.call('HINCRBY', aggregate, ARGV[f], ARGV[f + 1])
    end
    redis.call('ZADD', KEYS[5], ARGV[a + 4], day)
    added = added + 1
  end
  a = a + 6 + m * 2
end
local over = redis.call('ZCARD', KEYS[1]) - tonumber(ARGV[3])
if over > 0 then
  local popped = redis.call('ZPOPMIN', KEYS[1], over)
  for i = 1, #popped, 2 do
    local value = redis.call('HGET', KEYS[2], popped[i])
    redis.call('HDEL', KEYS[2], popped[i])
    if value then
      local newline = string.find(value, '\\n', 1, true)
      redis.call('HDEL', KEYS[3], string.sub(value, 1, newline - 1))
    end
  end
end
return added
`;

/**
 * query: one page of raw records, newest first (ties: last appended first).
 * KEYS: records, record data. ARGV: prefix, now, max score, min score, offset, count.
 * Returns the data values ('<encoded id>\n<JSON>').
 */
const querySource = `${LUA_HEADER}
local members = redis.call('ZREVRANGEBYSCORE', KEYS[1], ARGV[3], ARGV[4], 'LIMIT', ARGV[5], ARGV[6])
if #members == 0 then return {} end
return redis.call('HMGET', KEYS[2], unpack(members))
`;

/**
 * aggregate-read: the per-day sums of the days in [min, max).
 * KEYS: aggregate days. ARGV: prefix, now, min score, max score. Returns {day, {field, value, …}, …}.
 */
const aggregateReadSource = `${LUA_HEADER}
local out = {}
for _, day in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], ARGV[3], ARGV[4])) do
  out[#out + 1] = day
  out[#out + 1] = redis.call('HGETALL', P .. 'agg:' .. day)
end
return out
`;

/** The ledger scripts, each with its SHA-1 pinned (a test recomputes them). */
export const APPEND_SCRIPT: RedisScript = {
  name: "append",
  source: appendSource,
  sha1: "a4f337be6036784d052cad50661eb5437ebc4573",
};
export const QUERY_SCRIPT: RedisScript = {
  name: "query",
  source: querySource,
  sha1: "f52a999804db2c7be58706093ecca9ee39143f79",
};
export const AGGREGATE_READ_SCRIPT: RedisScript = {
  name: "aggregate-read",
  source: aggregateReadSource,
  sha1: "1d072e68bbce0204c7ed0ced0eb5754d6ad452f3",
};
