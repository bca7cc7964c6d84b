import { luaScript } from "./redis-scripts.js";

// Every script keeps a UTC day's keys until the end of the next day (a request reserved before
// midnight settles after it), and at least a minute from Redis's own clock, so a day already past
// on a host with a late clock is still counted once instead of vanishing at once.
const keepDayKeys = `
local function keep(key, untilMs)
  local now = redis.call('TIME')
  local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
  redis.call('PEXPIREAT', key, math.max(untilMs, nowMs + 60000))
end
`;

/** Drops up to `amount` of a day's reservations, never below zero; nothing when the day is unknown. */
const releaseFunction = `
local function release(key, amount)
  if amount <= 0 or redis.call('EXISTS', key) == 0 then return end
  local reserved = tonumber(redis.call('HGET', key, 'reserved') or '0')
  redis.call('HSET', key, 'reserved', math.max(0, reserved - amount))
end
`;

/**
 * Reserve: adds ARGV[1] to the day's reservations when spent + reserved + amount <= ceiling
 * (ARGV[2]); either way returns { accepted (0/1), spent, reserved } as compared.
 * KEYS: the day's hash. ARGV: amount, ceiling, keep-until (epoch ms).
 */
export const reserveScript = luaScript(
  "spend-reserve",
  `${keepDayKeys}
local day = KEYS[1]
local amount, ceiling = tonumber(ARGV[1]), tonumber(ARGV[2])
local figures = redis.call('HMGET', day, 'spent', 'reserved')
local spent, reserved = tonumber(figures[1] or '0'), tonumber(figures[2] or '0')
if spent + reserved + amount > ceiling then return { 0, spent, reserved } end
redis.call('HSET', day, 'spent', spent, 'reserved', reserved + amount)
keep(day, tonumber(ARGV[3]))
return { 1, spent, reserved }
`,
);

/**
 * Release: drops a reservation that was not billed. KEYS: the day's hash. ARGV: amount.
 */
export const releaseScript = luaScript(
  "spend-release",
  `${releaseFunction}
release(KEYS[1], tonumber(ARGV[1]))
return 0
`,
);

/**
 * Settle, in one step: drops the reservation on its day, then adds the charge on the day the
 * response arrived, counting each resource id once per day and kind (ids remembered up to a bound;
 * past it a repeated id is charged again: the estimate errs high).
 * KEYS: the reserved day's hash, the charged day's hash, the charged day's billed-ids set.
 * ARGV: reserved amount, kind, unit micros, max ids remembered, keep-until (epoch ms), requests
 * ("" for resources), then the resource ids. Returns { charged, spent }.
 */
export const settleScript = luaScript(
  "spend-settle",
  `${keepDayKeys}${releaseFunction}
local reservedDay, day, billed = KEYS[1], KEYS[2], KEYS[3]
release(reservedDay, tonumber(ARGV[1]))
local kind, unitMicros, maxIds, keepUntil = ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local units = 0
if ARGV[6] ~= '' then
  units = tonumber(ARGV[6])
else
  local remembered = redis.call('SCARD', billed)
  for i = 7, #ARGV do
    local id = kind .. ':' .. ARGV[i]
    if redis.call('SISMEMBER', billed, id) == 0 then
      if remembered < maxIds then
        redis.call('SADD', billed, id)
        remembered = remembered + 1
      end
      units = units + 1
    end
  end
  if remembered > 0 then keep(billed, keepUntil) end
end
local charged = units * unitMicros
local spent = redis.call('HINCRBY', day, 'spent', charged)
if redis.call('HEXISTS', day, 'reserved') == 0 then redis.call('HSET', day, 'reserved', 0) end
redis.call('HINCRBY', day, 'units:' .. kind, units)
redis.call('HINCRBY', day, 'micros:' .. kind, charged)
keep(day, keepUntil)
return { charged, spent }
`,
);
