/**
 * Lua shared by the Redis store's scripts. Every script starts with {@link LUA_HEADER}: ARGV[1]
 * is the key prefix and ARGV[2] the caller's `nowMs` (time comes from the request, never from
 * the Redis clock). Amounts are integers; Lua numbers are doubles, exact below 2^53 (like JS
 * numbers), and every number written back goes through `int()` (`%d`), never `tostring`.
 * `int()` stops at MAX_SUM (2^63 - 1024): `%d` of a larger double overflows to a negative.
 */
export const LUA_HEADER = `local P = ARGV[1]
local NOW = tonumber(ARGV[2])
local format = string.format
local MAX_SUM = 9223372036854774784
local function int(value)
  return format('%d', math.min(value, MAX_SUM))
end
`;

/**
 * Hold slots, shared by every budget script. Holds are grouped by their expiry millisecond: a
 * bucket's hold sorted set has one member per expiry slot (member and score: the expiry ms) and
 * the bucket hash one field `h<expiry ms>` = `<usd>:<tokens>:<requests>:<holds>` with the slot's
 * summed amounts and hold count. A hold whose slot exists only adds to that field (no ZADD).
 * `sweep_slots` subtracts every slot due at `now` from the running held sums and deletes it;
 * `slots` (optional) is an in-memory cache `expiry text → slot | false` consulted first.
 */
export const LUA_HOLD_SLOTS = `local function slot_of(value)
  local u, t, r, c = string.match(value, '^(%d+):(%d+):(%d+):(%d+)$')
  return {tonumber(u), tonumber(t), tonumber(r), tonumber(c)}
end

local function slot_text(slot)
  local max = 9223372036854774784
  return string.format('%d:%d:%d:%d', math.min(slot[1], max), math.min(slot[2], max), math.min(slot[3], max), slot[4])
end

local function sweep_slots(b, h, s, now, slots)
  local at = string.format('%d', now)
  local due = redis.call('ZRANGEBYSCORE', h, '-inf', at)
  if #due > 0 then
    local fields = {}
    for i, member in ipairs(due) do fields[i] = 'h' .. member end
    local values = redis.call('HMGET', b, unpack(fields))
    for i, member in ipairs(due) do
      local slot = slots and slots[member]
      if slot == nil then slot = values[i] and slot_of(values[i]) or false end
      if slot then s.hu, s.ht, s.hr = s.hu - slot[1], s.ht - slot[2], s.hr - slot[3] end
      if slots then slots[member] = false end
    end
    redis.call('HDEL', b, unpack(fields))
    redis.call('ZREMRANGEBYSCORE', h, '-inf', at)
  end
  s.hn = s.hn - #due
  s.hx = s.hn > 0 and tonumber(redis.call('ZRANGE', h, 0, 0, 'WITHSCORES')[2]) or nil
end
`;

/**
 * Bucket and reservation helpers (they need {@link LUA_HOLD_SLOTS} before them).
 *
 * A bucket is three keys. A hash with running sums (`su st sr` spent, `hu ht hr` held by live
 * holds, `ru rt rr` rolling), `x` (logical expiry ms, -1 never), `rw` (rolling window ms), `hn`
 * (hold slots in the set), `hx` (earliest slot expiry, or earlier), `wx` (earliest rolling
 * charge), `ex` (the expiry the keys' TTL was last set for), one `h<expiry ms>` field per hold
 * slot and `v`, a layout marker longer than 64 bytes written by reserve so Redis stores the hash
 * as a hash table (never a listpack that slot lookups would scan). A sorted set of hold slots (member and score: expiry ms). A sorted set of rolling
 * charges (member `<usd>:<tokens>:<requests>:<id>:<n>`, score: charge time). Slots past their
 * expiry and charges that left the window are subtracted when the bucket is next loaded, only
 * when `hx`/`wx` say some are due.
 *
 * A reservation is one string: `<state>\\t<forget ms>\\t<outcome length>\\t<outcome><holds>`,
 * state h(eld), d(enied), r(eleased) or s(ettled); holds are lines
 * `<encoded bucket>\\t<usd>:<tokens>:<requests>:<expiry ms>`.
 */
export const LUA_BUCKET_HELPERS = `local FIELDS = {'su', 'st', 'sr', 'hu', 'ht', 'hr', 'ru', 'rt', 'rr', 'hn', 'x', 'rw', 'hx', 'wx', 'ex'}

local function amounts_of(member)
  local u, t, r = string.match(member, '^(%d+):(%d+):(%d+):')
  return tonumber(u), tonumber(t), tonumber(r)
end

local function first_score(key)
  local first = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
  return tonumber(first[2])
end

local function load_bucket(b, h, w, window)
  local f = redis.call('HMGET', b, 'su', 'st', 'sr', 'hu', 'ht', 'hr', 'ru', 'rt', 'rr', 'hn', 'x', 'rw', 'hx', 'wx', 'ex')
  local x = tonumber(f[11])
  local s
  if x ~= nil and x >= 0 and NOW >= x then
    redis.call('DEL', b, h, w)
    s = {su = 0, st = 0, sr = 0, hu = 0, ht = 0, hr = 0, ru = 0, rt = 0, rr = 0, hn = 0, dirty = false}
    s.saved = {}
  else
    s = {su = tonumber(f[1]) or 0, st = tonumber(f[2]) or 0, sr = tonumber(f[3]) or 0,
      hu = tonumber(f[4]) or 0, ht = tonumber(f[5]) or 0, hr = tonumber(f[6]) or 0,
      ru = tonumber(f[7]) or 0, rt = tonumber(f[8]) or 0, rr = tonumber(f[9]) or 0,
      hn = tonumber(f[10]) or 0, x = x, rw = tonumber(f[12]), hx = tonumber(f[13]),
      wx = tonumber(f[14]), ex = tonumber(f[15]), dirty = false}
    s.saved = {s.su, s.st, s.sr, s.hu, s.ht, s.hr, s.ru, s.rt, s.rr, s.hn, s.x, s.rw, s.hx, s.wx, s.ex}
  end
  if s.hx ~= nil and s.hx <= NOW then
    sweep_slots(b, h, s, NOW, nil)
    s.dirty = true
  end
  window = window or s.rw
  if window ~= nil and s.wx ~= nil and s.wx < NOW - window then
    local start = '(' .. int(NOW - window)
    for _, member in ipairs(redis.call('ZRANGEBYSCORE', w, '-inf', start)) do
      local u, t, r = amounts_of(member)
      s.ru, s.rt, s.rr = s.ru - u, s.rt - t, s.rr - r
    end
    redis.call('ZREMRANGEBYSCORE', w, '-inf', start)
    s.wx = first_score(w)
    s.dirty = true
  end
  return s
end

-- Writes the fields that changed since load in one HSET.
local function save_bucket(b, s)
  local args, n = {}, 0
  local saved = s.saved
  for i = 1, 15 do
    local name = FIELDS[i]
    local value = s[name]
    if value ~= saved[i] then
      args[n + 1] = name
      args[n + 2] = value ~= nil and int(value) or ''
      n = n + 2
      saved[i] = value
    end
  end
  if n > 0 then redis.call('HSET', b, unpack(args)) end
end

local function merge_expiry(s, expires)
  if s.x == nil then
    s.x = expires
  elseif s.x < 0 or expires < 0 then
    s.x = -1
  else
    s.x = math.max(s.x, expires)
  end
end

-- Keys get a TTL a little past the logical expiry, re-set only when the logical expiry passes
-- the last target; -1 keeps them forever. plan_ttl updates s.ex before save_bucket; apply_ttl
-- runs after the keys were written (new_h / new_w: that sorted set was just created).
local function plan_ttl(s)
  if s.x < 0 then
    if s.ex ~= -1 then
      s.ex = -1
      return 'persist'
    end
    return nil
  end
  if s.ex == nil or s.ex < 0 or s.x > s.ex then
    s.ex = s.x + math.max(1000, math.floor((s.x - NOW) / 8))
    return 'expire'
  end
  return nil
end

local function apply_ttl(b, h, w, s, action, new_h, new_w)
  if action == 'persist' then
    redis.call('PERSIST', b)
    redis.call('PERSIST', h)
    redis.call('PERSIST', w)
  elseif action == 'expire' then
    local ttl = int(math.max(s.ex - NOW, 1))
    redis.call('PEXPIRE', b, ttl)
    redis.call('PEXPIRE', h, ttl)
    redis.call('PEXPIRE', w, ttl)
  elseif s.ex >= 0 then
    local ttl = int(math.max(s.ex - NOW, 1))
    if new_h then redis.call('PEXPIRE', h, ttl) end
    if new_w then redis.call('PEXPIRE', w, ttl) end
  end
end

local function read_reservation(key)
  local value = redis.call('GET', key)
  if not value then return nil end
  local state, forget, length, rest = string.match(value, '^(%a)\\t(%d+)\\t(%d+)\\t(.*)$')
  length = tonumber(length)
  return {s = state, f = tonumber(forget), o = string.sub(rest, 1, length), k = string.sub(rest, length + 1)}
end

local function write_reservation(key, state, forget, outcome, holds)
  redis.call('SET', key, state .. '\\t' .. int(forget) .. '\\t' .. int(#outcome) .. '\\t' .. outcome .. holds,
    'PX', int(math.max(forget - NOW, 1)))
end

-- Drops a reservation's holds from their slots. A hold whose expiry passed is left to the
-- sweep (its whole slot goes then). Buckets already loaded in states (by hash key) are updated
-- in memory (saved by the caller), others in place.
local function drop_holds(list, states)
  for line in string.gmatch(list, '[^\\n]+') do
    local encoded, u, t, r, at = string.match(line, '^(.*)\\t(%d+):(%d+):(%d+):(%d+)$')
    if encoded ~= nil and tonumber(at) > NOW then
      local b = P .. 'b:' .. encoded
      local field = 'h' .. at
      local value = redis.call('HGET', b, field)
      if value then
        local slot = slot_of(value)
        local emptied = slot[4] <= 1
        if emptied then
          u, t, r = slot[1], slot[2], slot[3]
        else
          u, t, r = math.min(tonumber(u), slot[1]), math.min(tonumber(t), slot[2]), math.min(tonumber(r), slot[3])
          slot = {slot[1] - u, slot[2] - t, slot[3] - r, slot[4] - 1}
        end
        if emptied then
          redis.call('HDEL', b, field)
          redis.call('ZREM', P .. 'h:' .. encoded, at)
        else
          redis.call('HSET', b, field, slot_text(slot))
        end
        local s = states[b]
        if s then
          s.hu, s.ht, s.hr = s.hu - u, s.ht - t, s.hr - r
          if emptied then
            s.hn = s.hn - 1
            if s.hn == 0 then s.hx = nil end
          end
          s.dirty = true
        else
          redis.call('HINCRBY', b, 'hu', int(-u))
          redis.call('HINCRBY', b, 'ht', int(-t))
          redis.call('HINCRBY', b, 'hr', int(-r))
          if emptied and redis.call('HINCRBY', b, 'hn', -1) == 0 then redis.call('HSET', b, 'hx', '') end
        end
      end
    end
  end
end

local function balance_of(s, out)
  out[#out + 1] = math.min(s.su + s.ru, MAX_SUM)
  out[#out + 1] = math.min(s.st + s.rt, MAX_SUM)
  out[#out + 1] = math.min(s.sr + s.rr, MAX_SUM)
  out[#out + 1] = math.min(s.hu, MAX_SUM)
  out[#out + 1] = math.min(s.ht, MAX_SUM)
  out[#out + 1] = math.min(s.hr, MAX_SUM)
end
`;
