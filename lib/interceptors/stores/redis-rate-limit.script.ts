/**
 * Lua for `RedisRateLimitStore`: the arithmetic of `token-bucket.ts`, run inside Redis so that the
 * check and the take are one atomic step for every app instance sharing the buckets.
 * Each bucket is a hash `{ t: tokens, ts: updatedAt }` that expires once it would be full again.
 */

/**
 * KEYS: the buckets. ARGV: now, then capacity, refillPerMs, cost for each bucket.
 * Returns `{ 0, 0 }` when every bucket paid, else `{ waitMs, index of the slowest bucket (1-based) }`
 * and changes nothing.
 */
export const CONSUME_SCRIPT = `
local now = tonumber(ARGV[1])
local tokens = {}
local stamps = {}
local wait = 0
local slowest = 0
for i = 1, #KEYS do
  local capacity = tonumber(ARGV[(i - 1) * 3 + 2])
  local rate = tonumber(ARGV[(i - 1) * 3 + 3])
  local cost = tonumber(ARGV[(i - 1) * 3 + 4])
  local state = redis.call('HMGET', KEYS[i], 't', 'ts')
  local t = tonumber(state[1])
  local ts = tonumber(state[2])
  if t == nil or ts == nil then
    t = capacity
    ts = now
  end
  t = math.min(capacity, t + math.max(0, now - ts) * rate)
  tokens[i] = t
  stamps[i] = math.max(now, ts)
  if t < cost then
    local w = math.ceil((cost - t) / rate)
    if w > wait then
      wait = w
      slowest = i
    end
  end
end
if wait > 0 then
  return { wait, slowest }
end
for i = 1, #KEYS do
  local capacity = tonumber(ARGV[(i - 1) * 3 + 2])
  local rate = tonumber(ARGV[(i - 1) * 3 + 3])
  local cost = tonumber(ARGV[(i - 1) * 3 + 4])
  local left = tokens[i] - cost
  redis.call('HSET', KEYS[i], 't', tostring(left), 'ts', tostring(stamps[i]))
  redis.call('PEXPIRE', KEYS[i], math.ceil((capacity - left) / rate) + 1000)
end
return { 0, 0 }
`;

/** KEYS: the bucket. ARGV: now, capacity, refillPerMs, delta. */
export const ADJUST_SCRIPT = `
local now = tonumber(ARGV[1])
local capacity = tonumber(ARGV[2])
local rate = tonumber(ARGV[3])
local delta = tonumber(ARGV[4])
local state = redis.call('HMGET', KEYS[1], 't', 'ts')
local t = tonumber(state[1])
local ts = tonumber(state[2])
if t == nil or ts == nil then
  t = capacity
  ts = now
end
t = math.min(capacity, math.min(capacity, t + math.max(0, now - ts) * rate) + delta)
redis.call('HSET', KEYS[1], 't', tostring(t), 'ts', tostring(math.max(now, ts)))
redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - t) / rate) + 1000)
return 0
`;
