import { luaScript } from "./redis-scripts.js";

/** How many ARGV entries one settlement takes in `budgetScript` (see `settlementArgs`). */
export const settlementFieldCount = 15;

/**
 * The one budget operation, atomic in Redis: apply the settlements a process has queued, then take
 * up to `want` sends from the budget of one key (a token hash and an endpoint template).
 *
 * KEYS: the window hash (limit, remaining, reset, known, blocked, reason, probe), the leases sorted
 * set (lease id -> expiry), the 24-hour app and user hashes (limit, remaining, reset).
 * ARGV: at (epoch ms on X's clock), lease ms, want, lease id base, settlement count, then
 * `settlementFieldCount` entries per settlement: lease id, probe, answered, has figures, limit,
 * remaining, reset, app limit, app remaining, app reset, user limit, user remaining, user reset,
 * blocked until, blocked reason ("" where absent).
 *
 * Returns { granted, probe (0/1), then for the callers not granted: kind ("wait", "await-probe" or
 * ""), until, reason, limit (-1 when unknown), and when the first lease expires (0 with none) }.
 *
 * Every key expires (PEXPIREAT) a margin after the reset it holds, leases a margin after they
 * expire: a worker that dies holds no budget and leaves nothing behind for long.
 */
export const budgetScript = luaScript(
  "budget",
  `
local window, leases, appDaily, userDaily = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local at = tonumber(ARGV[1])
local leaseMs = tonumber(ARGV[2])
local want = tonumber(ARGV[3])
local leaseBase = ARGV[4]
local settlements = tonumber(ARGV[5])
-- Hosts' clocks differ from Redis's a little: keep every key a while past the time it is about.
local margin = 60000
local unmeteredMs = 900000

redis.call('ZREMRANGEBYSCORE', leases, '-inf', at)

-- A later reset replaces the window; the same reset keeps the lower remaining (answers arrive out of order).
local function merge(key, limit, remaining, reset)
  local current = redis.call('HMGET', key, 'reset', 'remaining')
  local currentReset = tonumber(current[1])
  if currentReset == nil or reset > currentReset then
    redis.call('HSET', key, 'limit', limit, 'remaining', remaining, 'reset', reset)
  elseif reset == currentReset and remaining < tonumber(current[2]) then
    redis.call('HSET', key, 'remaining', remaining)
  end
end

local function mergeDaily(key, limit, remaining, reset)
  if reset == '' then return end
  merge(key, tonumber(limit), tonumber(remaining), tonumber(reset))
  redis.call('PEXPIREAT', key, tonumber(redis.call('HGET', key, 'reset')) + margin)
end

local i = 6
for _ = 1, settlements do
  local lease, probe, answered, hasFigures = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]
  if lease ~= '' then redis.call('ZREM', leases, lease) end
  if hasFigures == '1' then
    merge(window, tonumber(ARGV[i + 4]), tonumber(ARGV[i + 5]), tonumber(ARGV[i + 6]))
    redis.call('HSET', window, 'known', 1)
    mergeDaily(appDaily, ARGV[i + 7], ARGV[i + 8], ARGV[i + 9])
    mergeDaily(userDaily, ARGV[i + 10], ARGV[i + 11], ARGV[i + 12])
  elseif answered == '1' and redis.call('HEXISTS', window, 'reset') == 0 then
    -- X answered without rate-limit headers: this endpoint is not metered.
    redis.call('HSET', window, 'known', 1)
  end
  if ARGV[i + 13] ~= '' then
    local blocked = tonumber(ARGV[i + 13])
    local current = tonumber(redis.call('HGET', window, 'blocked'))
    if current == nil or blocked > current then redis.call('HSET', window, 'blocked', blocked) end
    redis.call('HSET', window, 'reason', ARGV[i + 14])
  end
  if probe == '1' and lease ~= '' and redis.call('HGET', window, 'probe') == lease then
    redis.call('HDEL', window, 'probe')
  end
  i = i + ${settlementFieldCount}
end

local function expireWindow()
  local times = redis.call('HMGET', window, 'reset', 'blocked')
  local last = math.max(tonumber(times[1]) or 0, tonumber(times[2]) or 0)
  if last <= at then last = at + unmeteredMs end
  if redis.call('EXISTS', window) == 1 then redis.call('PEXPIREAT', window, last + margin) end
end

local function grant(count)
  local expiry = at + leaseMs
  for n = 1, count do redis.call('ZADD', leases, expiry, leaseBase .. ':' .. n) end
  if count > 0 then redis.call('PEXPIREAT', leases, expiry + margin) end
end

local function answer(granted, probe, kind, untilAt, reason, limit)
  expireWindow()
  local first = redis.call('ZRANGE', leases, 0, 0, 'WITHSCORES')
  return { granted, probe, kind, untilAt, reason, limit, tonumber(first[2]) or 0 }
end

if want == 0 then return answer(0, 0, '', 0, '', -1) end

local state = redis.call('HMGET', window, 'limit', 'remaining', 'reset', 'known', 'blocked', 'reason', 'probe')
local blocked = tonumber(state[5])
if blocked ~= nil then
  if blocked > at then return answer(0, 0, 'wait', blocked, state[6] or 'backoff', -1) end
  -- The block is over: nobody knows the figures now, so the next request probes.
  redis.call('HDEL', window, 'blocked', 'reason', 'known')
  state[4] = false
end

local inFlight = redis.call('ZCARD', leases)
local room = want
local waitUntil, waitReason, waitLimit = 0, '', -1
for _, key in ipairs({ appDaily, userDaily }) do
  local daily = redis.call('HMGET', key, 'limit', 'remaining', 'reset')
  local reset = tonumber(daily[3])
  if reset ~= nil and reset > at then
    local left = tonumber(daily[2]) - inFlight
    if left <= 0 then return answer(0, 0, 'wait', reset, 'daily-limit', tonumber(daily[1])) end
    if left < room then room, waitUntil, waitReason, waitLimit = left, reset, 'daily-limit', tonumber(daily[1]) end
  end
end

local reset = tonumber(state[3])
if not state[4] or (reset ~= nil and reset <= at) then
  local probe = state[7]
  if probe and redis.call('ZSCORE', leases, probe) then return answer(0, 0, 'await-probe', 0, '', -1) end
  grant(1)
  redis.call('HSET', window, 'probe', leaseBase .. ':1')
  return answer(1, 1, want > 1 and 'await-probe' or '', 0, '', -1)
end

if reset ~= nil then
  local left = tonumber(state[2]) - inFlight
  if left < room then room, waitUntil, waitReason, waitLimit = math.max(0, left), reset, 'exhausted', tonumber(state[1]) end
end
grant(room)
if room < want then return answer(room, 0, 'wait', waitUntil, waitReason, waitLimit) end
return answer(room, 0, '', 0, '', -1)
`,
);
