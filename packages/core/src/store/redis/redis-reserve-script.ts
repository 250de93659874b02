import { LUA_HOLD_SLOTS } from "./redis-lua-common.js";
import type { RedisScript } from "./redis-script.js";

/**
 * reserve: a batch of m reservations processed in order, each all-or-nothing over every bucket
 * of its call and idempotent by reservation id, exactly as if each ran as its own script call
 * (each uses its own `now`). Returns one outcome per reservation: '1' (admitted), '2' (the id was
 * released before its reserve arrived: a tombstone, see the release script) or a denial
 * '0\nkind\nlimit\nspent\nheld\nrequested\nkey'.
 *
 * KEYS: the m reservation keys, then per distinct bucket of the batch (g = 1..G): hash, holds,
 * rolling. ARGV: idRetentionMs, m, G; per bucket g: raw key, encoded key; then one argument
 * per reservation: `<now> <ttlMs>|<g> <window> …|<hold> <hold> …` ('-' for none), one
 * `<g> <rolling window>` per bucket of the reservation, and per hold the tokens bucket (1..n),
 * enforce (1/0), limit usd, tokens, requests, amount usd, tokens, requests, expiresAtMs (-1
 * never). One argument per reservation keeps the client's command encoding cheap.
 *
 * Written for few server calls: per reservation one GET and one SET of the reservation; per
 * bucket of the batch one HMGET (which also reads the first reservation's hold slot) and, at
 * the end, one HSET of only the fields and slots that changed. A hold adds to the bucket's slot
 * for its expiry millisecond (`LUA_HOLD_SLOTS`); only a new slot costs a ZADD. Expired buckets
 * are deleted and due slots / rolling charges swept when a reservation's `now` says so (only
 * when `x`/`hx`/`wx` say something is due). Key TTLs are re-set only when the logical expiry
 * passes the last target.
 */
const reserveSource = `local format = string.format
-- Numbers written back stop at 2^63 - 1024 (%d of a larger double overflows to a negative).
local function int(value)
  return format('%d', math.min(value, 9223372036854774784))
end
-- Whether the sum of the amounts (integers) passes limit, exactly: doubles add exactly only
-- below 2^53, so larger sums are compared as high and low 32-bit halves.
local TWO32 = 4294967296
local function over(limit, ...)
  local amounts = {...}
  local sum = 0
  for _, v in ipairs(amounts) do sum = sum + v end
  if sum < 9007199254740992 then return sum > limit end
  local hi, lo = 0, 0
  for _, v in ipairs(amounts) do
    local h = math.floor(v / TWO32)
    hi, lo = hi + h, lo + (v - h * TWO32)
  end
  local carry = math.floor(lo / TWO32)
  hi, lo = hi + carry, lo - carry * TWO32
  local limit_hi = math.floor(limit / TWO32)
  return hi > limit_hi or (hi == limit_hi and lo > limit - limit_hi * TWO32)
end
${LUA_HOLD_SLOTS}
local FIELDS = {'su', 'st', 'sr', 'hu', 'ht', 'hr', 'ru', 'rt', 'rr', 'hn', 'x', 'rw', 'hx', 'wx', 'ex'}
-- Longer than hash-max-listpack-value (64 bytes by default): Redis keeps the bucket hash as a
-- real hash table from the start, so reading or writing a slot field never scans a listpack.
local LAYOUT = 'tokenledger bucket: sums, bookkeeping and one h<expiry ms> field per hold slot'
local RETAIN = tonumber(ARGV[1])
local m, G = tonumber(ARGV[2]), tonumber(ARGV[3])
local NOW = 0
local states = {}

-- The bucket's state at NOW: loaded once per batch, then expired / swept in memory. Flags say
-- what to write back: full (every field and the layout marker 'v': after a sweep, a reset or
-- for a new hash), held (hu ht hr), hn, hx, x, rw.
local function prepare(g, window, slot)
  local b = KEYS[m + g * 3 - 2]
  local s = states[g]
  if s == nil then
    local f = redis.call('HMGET', b, 'su', 'st', 'sr', 'hu', 'ht', 'hr', 'ru', 'rt', 'rr', 'hn', 'x', 'rw', 'hx', 'wx', 'ex', 'h' .. slot, 'v')
    s = {su = tonumber(f[1]) or 0, st = tonumber(f[2]) or 0, sr = tonumber(f[3]) or 0,
      hu = tonumber(f[4]) or 0, ht = tonumber(f[5]) or 0, hr = tonumber(f[6]) or 0,
      ru = tonumber(f[7]) or 0, rt = tonumber(f[8]) or 0, rr = tonumber(f[9]) or 0,
      hn = tonumber(f[10]) or 0, x = tonumber(f[11]), rw = tonumber(f[12]), hx = tonumber(f[13]),
      wx = tonumber(f[14]), ex = tonumber(f[15]), slots = {}, changed = {}, full = not f[15] or not f[17],
      held = false, dhn = false, dhx = false, dx = false, drw = false, new_h = false, at = nil}
    s.slots[slot] = f[16] and slot_of(f[16]) or false
    states[g] = s
  end
  if s.x ~= nil and s.x >= 0 and NOW >= s.x then
    redis.call('DEL', b, KEYS[m + g * 3 - 1], KEYS[m + g * 3])
    s.su, s.st, s.sr, s.hu, s.ht, s.hr, s.ru, s.rt, s.rr, s.hn = 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
    s.x, s.rw, s.hx, s.wx, s.ex = nil, nil, nil, nil, nil
    s.slots, s.changed, s.full, s.new_h, s.at = {}, {}, true, false, nil
  end
  if s.hx ~= nil and s.hx <= NOW then
    sweep_slots(b, KEYS[m + g * 3 - 1], s, NOW, s.slots)
    s.full = true
  end
  window = window or s.rw
  if window ~= nil and s.wx ~= nil and s.wx < NOW - window then
    local w = KEYS[m + g * 3]
    local start = '(' .. int(NOW - window)
    for _, member in ipairs(redis.call('ZRANGEBYSCORE', w, '-inf', start)) do
      local u, t, q = string.match(member, '^(%d+):(%d+):(%d+):')
      s.ru, s.rt, s.rr = s.ru - tonumber(u), s.rt - tonumber(t), s.rr - tonumber(q)
    end
    redis.call('ZREMRANGEBYSCORE', w, '-inf', start)
    s.wx = tonumber(redis.call('ZRANGE', w, 0, 0, 'WITHSCORES')[2])
    s.full = true
  end
  return s
end

-- Checks the holds of a reservation (its hold tokens) against the loaded buckets (list, by the
-- reservation's bucket number); returns the denial text or nil, and per bucket of the
-- reservation the pending amounts, merged expiry, hold count and the last hold's amount texts.
local function check(holds, n, list, bucket_of)
  local pending = {}
  for j = 1, n do pending[j] = {0, 0, 0, nil, 0, '', '', ''} end
  for j, enforce, lu, lt, lr, us, ts, qs, es in string.gmatch(holds, '(%d+) (%d) (%S+) (%S+) (%S+) (%d+) (%d+) (%d+) (%S+)') do
    j = tonumber(j)
    local s, p = list[j], pending[j]
    local u, t, q = tonumber(us), tonumber(ts), tonumber(qs)
    if enforce == '1' then
      local kind, limit, spent, held, amount
      limit = tonumber(lu)
      if limit ~= nil and over(limit, s.su, s.ru, s.hu, p[1], u) then
        kind, spent, held, amount = 'usd', s.su + s.ru, s.hu + p[1], u
      else
        limit = tonumber(lt)
        if limit ~= nil and over(limit, s.st, s.rt, s.ht, p[2], t) then
          kind, spent, held, amount = 'tokens', s.st + s.rt, s.ht + p[2], t
        else
          limit = tonumber(lr)
          if limit ~= nil and over(limit, s.sr, s.rr, s.hr, p[3], q) then
            kind, spent, held, amount = 'requests', s.sr + s.rr, s.hr + p[3], q
          end
        end
      end
      if kind ~= nil then
        return table.concat({'0', kind, int(limit), int(spent),
          int(held), int(amount), ARGV[2 + bucket_of[j] * 2]}, '\\n'), pending
      end
    end
    p[1], p[2], p[3], p[5], p[6], p[7], p[8] = p[1] + u, p[2] + t, p[3] + q, p[5] + 1, us, ts, qs
    local e = tonumber(es)
    if p[4] == nil then
      p[4] = e
    elseif p[4] < 0 or e < 0 then
      p[4] = -1
    else
      p[4] = math.max(p[4], e)
    end
  end
  return nil, pending
end

local function set_reservation(r, state, forget, outcome, holds)
  redis.call('SET', r, state .. '\\t' .. int(forget) .. '\\t' .. int(#outcome) .. '\\t' .. outcome .. holds,
    'PX', int(math.max(forget - NOW, 1)))
end

local outcomes = {}
for i = 1, m do
  local now, ttl, buckets, holds = string.match(ARGV[3 + G * 2 + i], '^(%S+) (%S+)|([^|]*)|(.*)$')
  NOW, ttl = tonumber(now), tonumber(ttl)
  local bucket_of, window_of, n = {}, {}, 0
  for g, window in string.gmatch(buckets, '(%d+) (%S+)') do
    n = n + 1
    bucket_of[n], window_of[n] = tonumber(g), tonumber(window)
  end
  local r = KEYS[i]
  local outcome
  local known = redis.call('GET', r)
  if known then
    local forget, length, rest = string.match(known, '^%a\\t(%d+)\\t(%d+)\\t(.*)$')
    if tonumber(forget) > NOW then outcome = string.sub(rest, 1, tonumber(length)) end
  end
  if outcome == nil then
    local until_ms = NOW + ttl
    local slot_key = int(until_ms)
    local list = {}
    for j = 1, n do
      list[j] = prepare(bucket_of[j], window_of[j], slot_key)
    end
    local denial, pending = check(holds, n, list, bucket_of)
    if denial ~= nil then
      set_reservation(r, 'd', NOW + ttl, denial, '')
      outcome = denial
    else
      local lines = {}
      for j = 1, n do
        local g = bucket_of[j]
        local s, p = list[j], pending[j]
        local slot = s.slots[slot_key]
        if slot == nil then
          local value = redis.call('HGET', KEYS[m + g * 3 - 2], 'h' .. slot_key)
          slot = value and slot_of(value) or false
        end
        if slot then
          slot[1], slot[2], slot[3], slot[4] = slot[1] + p[1], slot[2] + p[2], slot[3] + p[3], slot[4] + 1
        else
          slot = {p[1], p[2], p[3], 1}
          if redis.call('ZADD', KEYS[m + g * 3 - 1], slot_key, slot_key) == 1 then
            if s.hn == 0 then s.new_h = true end
            s.hn, s.dhn = s.hn + 1, true
          end
        end
        s.slots[slot_key], s.changed[slot_key] = slot, true
        s.hu, s.ht, s.hr, s.held = s.hu + p[1], s.ht + p[2], s.hr + p[3], true
        if s.hx == nil or until_ms < s.hx then s.hx, s.dhx = until_ms, true end
        local window = window_of[j]
        if window ~= nil and window ~= s.rw then s.rw, s.drw = window, true end
        local x = s.x
        if x == nil then
          x = p[4]
        elseif x < 0 or p[4] < 0 then
          x = -1
        else
          x = math.max(x, p[4])
        end
        if x ~= s.x then s.x, s.dx = x, true end
        s.at = NOW
        if p[5] == 1 then
          lines[j] = ARGV[3 + g * 2] .. '\\t' .. p[6] .. ':' .. p[7] .. ':' .. p[8] .. ':' .. slot_key .. '\\n'
        else
          lines[j] = ARGV[3 + g * 2] .. '\\t' .. int(p[1]) .. ':' .. int(p[2]) .. ':' .. int(p[3]) .. ':' .. slot_key .. '\\n'
        end
      end
      set_reservation(r, 'h', math.max(until_ms, NOW + RETAIN), '1', table.concat(lines))
      outcome = '1'
    end
  end
  outcomes[i] = outcome
end

-- Write back every bucket: changed fields and slots in one HSET, then key TTLs.
for g = 1, G do
  local s = states[g]
  if s ~= nil and (s.at ~= nil or (s.full and s.ex ~= nil)) then
    local b, h, w = KEYS[m + g * 3 - 2], KEYS[m + g * 3 - 1], KEYS[m + g * 3]
    local action
    if s.at ~= nil then
      NOW = s.at
      if s.x < 0 then
        if s.ex ~= -1 then s.ex, action = -1, 'persist' end
      elseif s.ex == nil or s.ex < 0 or s.x > s.ex then
        s.ex, action = s.x + math.max(1000, math.floor((s.x - NOW) / 8)), 'expire'
      end
    end
    local args, c = {}, 0
    if s.full then
      for i = 1, 15 do
        local value = s[FIELDS[i]]
        args[c + 1], args[c + 2], c = FIELDS[i], value ~= nil and int(value) or '', c + 2
      end
      args[c + 1], args[c + 2], c = 'v', LAYOUT, c + 2
    else
      if s.held then
        args[1], args[2], args[3], args[4] = 'hu', int(s.hu), 'ht', int(s.ht)
        args[5], args[6], c = 'hr', int(s.hr), 6
      end
      if s.dhn then args[c + 1], args[c + 2], c = 'hn', int(s.hn), c + 2 end
      if s.dhx then args[c + 1], args[c + 2], c = 'hx', int(s.hx), c + 2 end
      if s.dx then args[c + 1], args[c + 2], c = 'x', int(s.x), c + 2 end
      if s.drw then args[c + 1], args[c + 2], c = 'rw', int(s.rw), c + 2 end
      if action ~= nil then args[c + 1], args[c + 2], c = 'ex', int(s.ex), c + 2 end
    end
    for slot_key in pairs(s.changed) do
      local slot = s.slots[slot_key]
      if slot then args[c + 1], args[c + 2], c = 'h' .. slot_key, slot_text(slot), c + 2 end
    end
    if c > 0 then redis.call('HSET', b, unpack(args)) end
    if action == 'persist' then
      redis.call('PERSIST', b)
      redis.call('PERSIST', h)
      redis.call('PERSIST', w)
    elseif action == 'expire' then
      local ttl = int(math.max(s.ex - NOW, 1))
      redis.call('PEXPIRE', b, ttl)
      redis.call('PEXPIRE', h, ttl)
      redis.call('PEXPIRE', w, ttl)
    elseif s.new_h and s.ex ~= nil and s.ex >= 0 then
      redis.call('PEXPIRE', h, int(math.max(s.ex - NOW, 1)))
    end
  end
end
return outcomes
`;

/** The reserve script (a batch of one or more reservations), its SHA-1 pinned (a test recomputes it). */
export const RESERVE_SCRIPT: RedisScript = {
  name: "reserve",
  source: reserveSource,
  sha1: "95e8020fcc0c589337f7f5031070566814a32b5d",
};
