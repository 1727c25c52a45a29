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

/** FAILURE: KEYS[1]; ARGV: now, failureThreshold, cooldownMs. Replies the failure count. */
export const FAILURE_SCRIPT = `
local failures = redis.call('HINCRBY', KEYS[1], 'failures', 1)
if failures >= tonumber(ARGV[2]) then
  redis.call('HSET', KEYS[1], 'openedAt', ARGV[1])
  redis.call('HDEL', KEYS[1], 'probeAt')
end
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]) * 10)
return failures
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
