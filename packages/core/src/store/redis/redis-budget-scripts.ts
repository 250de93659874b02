import { LUA_BUCKET_HELPERS, LUA_HEADER, LUA_HOLD_SLOTS } from "./redis-lua-common.js";
import type { RedisScript } from "./redis-script.js";

export { RESERVE_SCRIPT } from "./redis-reserve-script.js";

/**
 * settle: replaces the hold with final charges, once per id.
 * KEYS: reservation, then per distinct charged bucket: hash, holds, rolling.
 * ARGV: prefix, now, idRetentionMs, encoded id, bucket count n; per bucket: rolling window
 * ('' none); per charge: bucket index, usd, tokens, requests, expiresAtMs (-1 never), rolling (1/0).
 * Returns {applied (1/0), {spent usd, tokens, requests, held usd, tokens, requests per bucket}}.
 */
const settleSource = `${LUA_HEADER}${LUA_HOLD_SLOTS}${LUA_BUCKET_HELPERS}
local r = KEYS[1]
local n = tonumber(ARGV[5])
local states, by_key, window = {}, {}, {}
for j = 1, n do
  local k = 2 + (j - 1) * 3
  window[j] = tonumber(ARGV[5 + j])
  states[j] = load_bucket(KEYS[k], KEYS[k + 1], KEYS[k + 2], window[j])
  by_key[KEYS[k]] = states[j]
end
local function balances()
  local out = {}
  for j = 1, n do balance_of(states[j], out) end
  return out
end
local known = read_reservation(r)
local live = known ~= nil and known.f > NOW
if live and known.s == 's' then
  for j = 1, n do
    if states[j].dirty then save_bucket(KEYS[2 + (j - 1) * 3], states[j]) end
  end
  return {0, balances()}
end
if live and known.k ~= '' then drop_holds(known.k, by_key) end
local new_w = {}
local index = 0
for a = 6 + n, #ARGV, 6 do
  local j = tonumber(ARGV[a])
  local k = 2 + (j - 1) * 3
  local s = states[j]
  local u, t, q = tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2]), tonumber(ARGV[a + 3])
  if ARGV[a + 5] == '1' then
    local member = ARGV[a + 1] .. ':' .. ARGV[a + 2] .. ':' .. ARGV[a + 3] .. ':' .. ARGV[4] .. ':' .. int(index)
    redis.call('ZADD', KEYS[k + 2], int(NOW), member)
    if s.wx == nil then new_w[j] = true end
    if s.wx == nil or NOW < s.wx then s.wx = NOW end
    s.ru, s.rt, s.rr = s.ru + u, s.rt + t, s.rr + q
    if window[j] ~= nil then s.rw = window[j] end
  else
    s.su, s.st, s.sr = s.su + u, s.st + t, s.sr + q
  end
  merge_expiry(s, tonumber(ARGV[a + 4]))
  s.dirty = true
  index = index + 1
end
for j = 1, n do
  local k = 2 + (j - 1) * 3
  local s = states[j]
  local action = s.x ~= nil and plan_ttl(s) or nil
  if s.dirty then save_bucket(KEYS[k], s) end
  if s.x ~= nil then apply_ttl(KEYS[k], KEYS[k + 1], KEYS[k + 2], s, action, false, new_w[j]) end
end
local forget = NOW + tonumber(ARGV[3])
if live then forget = math.max(forget, known.f) end
write_reservation(r, 's', forget, live and known.o or '1', '')
return {1, balances()}
`;

/**
 * release: drops the holds of a reservation that is neither settled nor forgotten. An unknown
 * (or forgotten) id becomes a tombstone: state r(eleased), outcome '2', so a reserve with it
 * arriving later is refused.
 * KEYS: reservation. ARGV: prefix, now, idRetentionMs. Returns 1 when the reservation was live.
 */
const releaseSource = `${LUA_HEADER}${LUA_HOLD_SLOTS}${LUA_BUCKET_HELPERS}
local known = read_reservation(KEYS[1])
if known == nil or known.f <= NOW then
  write_reservation(KEYS[1], 'r', NOW + tonumber(ARGV[3]), '2', '')
  return 0
end
if known.s == 's' then return 0 end
if known.k ~= '' then drop_holds(known.k, {}) end
local state = known.s == 'h' and 'r' or known.s
write_reservation(KEYS[1], state, math.max(known.f, NOW + tonumber(ARGV[3])), known.o, '')
return 1
`;

/**
 * balances: spent and live held amounts per bucket (sweeping expired data on the way).
 * KEYS: per bucket: hash, holds, rolling. ARGV: prefix, now, then per bucket: rolling window ('' none).
 */
const balancesSource = `${LUA_HEADER}${LUA_HOLD_SLOTS}${LUA_BUCKET_HELPERS}
local out = {}
for j = 1, #KEYS / 3 do
  local k = 1 + (j - 1) * 3
  local s = load_bucket(KEYS[k], KEYS[k + 1], KEYS[k + 2], tonumber(ARGV[2 + j]))
  if s.dirty then save_bucket(KEYS[k], s) end
  balance_of(s, out)
end
return out
`;

/**
 * claimOnce: true once per key until the claim's expiry (on the caller's clock).
 * KEYS: claim key. ARGV: prefix, now, expiresAtMs (-1 never). Returns 1 or 0.
 */
const claimSource = `${LUA_HEADER}
local current = redis.call('GET', KEYS[1])
if current then
  local x = tonumber(current)
  if x == nil or x < 0 or NOW < x then return 0 end
end
local x = tonumber(ARGV[3])
if x < 0 then
  redis.call('SET', KEYS[1], '-1')
else
  redis.call('SET', KEYS[1], ARGV[3], 'PX', int(math.max(x - NOW, 1)))
end
return 1
`;

/** The budget scripts, each with its SHA-1 pinned (a test recomputes them). */
export const SETTLE_SCRIPT: RedisScript = {
  name: "settle",
  source: settleSource,
  sha1: "f2cac38546a5512d7ee8108b45beabb424203e44",
};
export const RELEASE_SCRIPT: RedisScript = {
  name: "release",
  source: releaseSource,
  sha1: "4310adb999b92d57989bff01006b5c1e45324c8b",
};
export const BALANCES_SCRIPT: RedisScript = {
  name: "balances",
  source: balancesSource,
  sha1: "47e52fa6c80e863b36675d082ab5d59246161c54",
};
export const CLAIM_SCRIPT: RedisScript = {
  name: "claim",
  source: claimSource,
  sha1: "7d9ed9a6ba85416089daecf21446d2f0ac98a1e6",
};
