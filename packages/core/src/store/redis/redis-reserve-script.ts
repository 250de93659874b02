import type { RedisScript } from "./redis-script.js";

/**
 * reserve: all-or-nothing over every bucket of the call, idempotent by reservation id.
 * KEYS: reservation, then per distinct bucket: hash, holds, rolling.
 * ARGV: prefix, now, ttlMs, idRetentionMs, encoded id, bucket count n; per bucket: raw key,
 * encoded key, rolling window ('' none); per hold: bucket index, enforce (1/0), limit usd,
 * tokens, requests ('' none), amount usd, tokens, requests, expiresAtMs (-1 never).
 * Returns '1' (admitted) or a denial 'kind\nlimit\nspent\nheld\nrequested\nkey' prefixed by '0\n'.
 *
 * This is the hot path, written for few server calls: one GET of the reservation, one HMGET
 * per bucket, then per bucket one ZADD (the hold) and one HSET of only the fields that changed,
 * and one SET of the reservation. It keeps the bucket layout of `LUA_BUCKET_HELPERS` (settle,
 * release and balances read it): expired buckets are deleted, due holds and rolling charges are
 * swept on load (only when `hx`/`wx` say some are due; then every field is written back), key
 * TTLs are re-set only when the logical expiry passes the last target. Numbers are formatted
 * with `%d` only when they changed; amounts of a bucket's single hold are the ARGV strings.
 */
const reserveSource = `local NOW = tonumber(ARGV[2])
local format = string.format
local r = KEYS[1]
local known = redis.call('GET', r)
if known then
  local forget, length, rest = string.match(known, '^%a\\t(%d+)\\t(%d+)\\t(.*)$')
  if tonumber(forget) > NOW then return string.sub(rest, 1, tonumber(length)) end
end
local n = tonumber(ARGV[6])
local function save_all(b, s)
  local fields = {'su', 'st', 'sr', 'hu', 'ht', 'hr', 'ru', 'rt', 'rr', 'hn', 'x', 'rw', 'hx', 'wx', 'ex'}
  local args = {}
  for i = 1, 15 do
    local value = s[fields[i]]
    args[i * 2 - 1] = fields[i]
    args[i * 2] = value ~= nil and format('%d', value) or ''
  end
  redis.call('HSET', b, unpack(args))
  s.full = false
end
local states = {}
for j = 1, n do
  local b, h, w = KEYS[j * 3 - 1], KEYS[j * 3], KEYS[j * 3 + 1]
  local f = redis.call('HMGET', b, 'su', 'st', 'sr', 'hu', 'ht', 'hr', 'ru', 'rt', 'rr', 'hn', 'x', 'rw', 'hx', 'wx', 'ex')
  local x = tonumber(f[11])
  local s
  if x ~= nil and x >= 0 and NOW >= x then
    redis.call('DEL', b, h, w)
    s = {su = 0, st = 0, sr = 0, hu = 0, ht = 0, hr = 0, ru = 0, rt = 0, rr = 0, hn = 0, x = nil,
      rw = nil, hx = nil, wx = nil, ex = nil, full = false, new_h = true, pu = 0, pt = 0, pr = 0,
      count = 0, single = 0, e = nil}
  else
    s = {su = tonumber(f[1]) or 0, st = tonumber(f[2]) or 0, sr = tonumber(f[3]) or 0,
      hu = tonumber(f[4]) or 0, ht = tonumber(f[5]) or 0, hr = tonumber(f[6]) or 0,
      ru = tonumber(f[7]) or 0, rt = tonumber(f[8]) or 0, rr = tonumber(f[9]) or 0,
      hn = tonumber(f[10]) or 0, x = x, rw = tonumber(f[12]), hx = tonumber(f[13]),
      wx = tonumber(f[14]), ex = tonumber(f[15]), full = false, new_h = false, pu = 0, pt = 0,
      pr = 0, count = 0, single = 0, e = nil}
  end
  if s.hx ~= nil and s.hx <= NOW then
    local expired = redis.call('ZRANGEBYSCORE', h, '-inf', format('%d', NOW))
    for _, member in ipairs(expired) do
      local u, t, q = string.match(member, '^(%d+):(%d+):(%d+):')
      s.hu, s.ht, s.hr = s.hu - tonumber(u), s.ht - tonumber(t), s.hr - tonumber(q)
    end
    if #expired > 0 then redis.call('ZREMRANGEBYSCORE', h, '-inf', format('%d', NOW)) end
    s.hn = s.hn - #expired
    s.hx = s.hn > 0 and tonumber(redis.call('ZRANGE', h, 0, 0, 'WITHSCORES')[2]) or nil
    s.full = true
  end
  local window = tonumber(ARGV[j * 3 + 6]) or s.rw
  if window ~= nil and s.wx ~= nil and s.wx < NOW - window then
    local start = '(' .. format('%d', NOW - window)
    for _, member in ipairs(redis.call('ZRANGEBYSCORE', w, '-inf', start)) do
      local u, t, q = string.match(member, '^(%d+):(%d+):(%d+):')
      s.ru, s.rt, s.rr = s.ru - tonumber(u), s.rt - tonumber(t), s.rr - tonumber(q)
    end
    redis.call('ZREMRANGEBYSCORE', w, '-inf', start)
    s.wx = tonumber(redis.call('ZRANGE', w, 0, 0, 'WITHSCORES')[2])
    s.full = true
  end
  s.new_h = s.hn == 0
  states[j] = s
end
local last = #ARGV
for a = 7 + n * 3, last, 9 do
  local j = tonumber(ARGV[a])
  local s = states[j]
  local u, t, q = tonumber(ARGV[a + 5]), tonumber(ARGV[a + 6]), tonumber(ARGV[a + 7])
  if ARGV[a + 1] == '1' then
    local kind, limit, spent, held, amount
    limit = tonumber(ARGV[a + 2])
    if limit ~= nil and s.su + s.ru + s.hu + s.pu + u > limit then
      kind, spent, held, amount = 'usd', s.su + s.ru, s.hu + s.pu, u
    else
      limit = tonumber(ARGV[a + 3])
      if limit ~= nil and s.st + s.rt + s.ht + s.pt + t > limit then
        kind, spent, held, amount = 'tokens', s.st + s.rt, s.ht + s.pt, t
      else
        limit = tonumber(ARGV[a + 4])
        if limit ~= nil and s.sr + s.rr + s.hr + s.pr + q > limit then
          kind, spent, held, amount = 'requests', s.sr + s.rr, s.hr + s.pr, q
        end
      end
    end
    if kind ~= nil then
      local denial = table.concat({'0', kind, format('%d', limit), format('%d', spent),
        format('%d', held), format('%d', amount), ARGV[j * 3 + 4]}, '\\n')
      for i = 1, n do
        if states[i].full then save_all(KEYS[i * 3 - 1], states[i]) end
      end
      local forget = NOW + tonumber(ARGV[3])
      redis.call('SET', r, 'd\\t' .. format('%d', forget) .. '\\t' .. format('%d', #denial) .. '\\t' .. denial,
        'PX', format('%d', math.max(forget - NOW, 1)))
      return denial
    end
  end
  s.pu, s.pt, s.pr, s.count = s.pu + u, s.pt + t, s.pr + q, s.count + 1
  s.single = a
  local e = tonumber(ARGV[a + 8])
  if s.e == nil then
    s.e = e
  elseif s.e < 0 or e < 0 then
    s.e = -1
  else
    s.e = math.max(s.e, e)
  end
end
local until_ms = NOW + tonumber(ARGV[3])
local until_text = format('%d', until_ms)
local lines = {}
for j = 1, n do
  local b, h, w = KEYS[j * 3 - 1], KEYS[j * 3], KEYS[j * 3 + 1]
  local s = states[j]
  local member
  if s.count == 1 then
    local a = s.single
    member = ARGV[a + 5] .. ':' .. ARGV[a + 6] .. ':' .. ARGV[a + 7] .. ':' .. ARGV[5]
  else
    member = format('%d:%d:%d:', s.pu, s.pt, s.pr) .. ARGV[5]
  end
  local changes, c
  if redis.call('ZADD', h, until_text, member) == 1 then
    s.hu, s.ht, s.hr, s.hn = s.hu + s.pu, s.ht + s.pt, s.hr + s.pr, s.hn + 1
    changes = {'hu', format('%d', s.hu), 'ht', format('%d', s.ht), 'hr', format('%d', s.hr),
      'hn', format('%d', s.hn)}
    c = 8
  else
    changes, c = {}, 0
  end
  if s.hx == nil or until_ms < s.hx then
    s.hx = until_ms
    changes[c + 1], changes[c + 2], c = 'hx', until_text, c + 2
  end
  local window = tonumber(ARGV[j * 3 + 6])
  if window ~= nil and window ~= s.rw then
    s.rw = window
    changes[c + 1], changes[c + 2], c = 'rw', ARGV[j * 3 + 6], c + 2
  end
  local e, x = s.e, s.x
  if x == nil then
    x = e
  elseif x < 0 or e < 0 then
    x = -1
  else
    x = math.max(x, e)
  end
  if x ~= s.x then
    s.x = x
    changes[c + 1], changes[c + 2], c = 'x', format('%d', x), c + 2
  end
  local action
  if x < 0 then
    if s.ex ~= -1 then
      s.ex, action = -1, 'persist'
      changes[c + 1], changes[c + 2], c = 'ex', '-1', c + 2
    end
  elseif s.ex == nil or s.ex < 0 or x > s.ex then
    s.ex, action = x + math.max(1000, math.floor((x - NOW) / 8)), 'expire'
    changes[c + 1], changes[c + 2], c = 'ex', format('%d', s.ex), c + 2
  end
  if s.full then
    save_all(b, s)
  elseif c > 0 then
    redis.call('HSET', b, unpack(changes))
  end
  if action == 'persist' then
    redis.call('PERSIST', b)
    redis.call('PERSIST', h)
    redis.call('PERSIST', w)
  elseif action == 'expire' then
    local ttl = format('%d', math.max(s.ex - NOW, 1))
    redis.call('PEXPIRE', b, ttl)
    redis.call('PEXPIRE', h, ttl)
    redis.call('PEXPIRE', w, ttl)
  elseif s.new_h and s.ex >= 0 then
    redis.call('PEXPIRE', h, format('%d', math.max(s.ex - NOW, 1)))
  end
  lines[j] = ARGV[j * 3 + 5] .. '\\t' .. member .. '\\n'
end
local forget = math.max(until_ms, NOW + tonumber(ARGV[4]))
redis.call('SET', r, 'h\\t' .. format('%d', forget) .. '\\t1\\t1' .. table.concat(lines),
  'PX', format('%d', math.max(forget - NOW, 1)))
return '1'
`;

/** The reserve script, its SHA-1 pinned (a test recomputes it). */
export const RESERVE_SCRIPT: RedisScript = {
  name: "reserve",
  source: reserveSource,
  sha1: "2e0527fc7792d0f9c8008fc267aafffe968a8d22",
};
