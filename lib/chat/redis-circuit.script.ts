/**
 * The breaker's state in one Redis hash a key (`failures`, `openedAt`, `probeAt`), changed by Lua
 * scripts so that each step is atomic across replicas. Every write renews the key's TTL.
 *
 * ACQUIRE: KEYS[1]; ARGV: now, cooldownMs. Replies 0 allow, 1 probe, 2 reject.
 */
export const ACQUIRE_SCRIPT = `
local opened = tonumber(redis.call('HGET', KEYS[1], 'openedAt'))
if not opened then return 0 end
local now = tonumber(ARGV[1])
local cooldown = tonumber(ARGV[2])
if now < opened + cooldown then return 2 end
local probe = tonumber(redis.call('HGET', KEYS[1], 'probeAt'))
if probe and now < probe + cooldown then return 2 end
redis.call('HSET', KEYS[1], 'probeAt', now)
redis.call('PEXPIRE', KEYS[1], cooldown * 10)
return 1
`;

/**
 * FAILURE: KEYS[1]; ARGV: now, failureThreshold, cooldownMs, and with a failure-rate rule
 * rateThreshold, windowMs, minimumCalls (0 0 0 without). Replies the consecutive failure count.
 * The window (`windowStart`, `calls`, `windowFailures`) restarts when it has ended.
 */
export const FAILURE_SCRIPT = `
local now = tonumber(ARGV[1])
local failures = redis.call('HINCRBY', KEYS[1], 'failures', 1)
local open = failures >= tonumber(ARGV[2])
local windowMs = tonumber(ARGV[5])
if windowMs > 0 then
  local started = tonumber(redis.call('HGET', KEYS[1], 'windowStart'))
  if not started or now >= started + windowMs then
    redis.call('HSET', KEYS[1], 'windowStart', now, 'calls', 0, 'windowFailures', 0)
  end
  local calls = redis.call('HINCRBY', KEYS[1], 'calls', 1)
  local failed = redis.call('HINCRBY', KEYS[1], 'windowFailures', 1)
  if calls >= tonumber(ARGV[6]) and failed >= tonumber(ARGV[4]) * calls then open = true end
end
if open then
  redis.call('HSET', KEYS[1], 'openedAt', now, 'windowStart', now, 'calls', 0, 'windowFailures', 0)
  redis.call('HDEL', KEYS[1], 'probeAt')
end
redis.call('PEXPIRE', KEYS[1], math.max(tonumber(ARGV[3]) * 10, windowMs * 2))
return failures
`;

/**
 * SUCCESS with a failure-rate rule: KEYS[1]; ARGV: now, windowMs, cooldownMs. Closes an open or
 * half-open circuit (deletes it); otherwise clears the consecutive count and counts the call.
 */
export const SUCCESS_SCRIPT = `
if redis.call('HEXISTS', KEYS[1], 'openedAt') == 1 then
  redis.call('DEL', KEYS[1])
  return 0
end
local now = tonumber(ARGV[1])
local windowMs = tonumber(ARGV[2])
local started = tonumber(redis.call('HGET', KEYS[1], 'windowStart'))
if not started or now >= started + windowMs then
  redis.call('HSET', KEYS[1], 'windowStart', now, 'calls', 0, 'windowFailures', 0)
end
redis.call('HSET', KEYS[1], 'failures', 0)
redis.call('HINCRBY', KEYS[1], 'calls', 1)
redis.call('PEXPIRE', KEYS[1], math.max(tonumber(ARGV[3]) * 10, windowMs * 2))
return 1
`;

/** RELEASE: KEYS[1]. Frees the half-open probe's place (the probe ended without a verdict). */
export const RELEASE_SCRIPT = `
redis.call('HDEL', KEYS[1], 'probeAt')
return 0
`;

/** STATUS: KEYS[1]; ARGV: now, cooldownMs. Replies 0 closed, 1 open, 2 half-open; changes nothing. */
export const STATUS_SCRIPT = `
local opened = tonumber(redis.call('HGET', KEYS[1], 'openedAt'))
if not opened then return 0 end
if tonumber(ARGV[1]) < opened + tonumber(ARGV[2]) then return 1 end
return 2
`;
