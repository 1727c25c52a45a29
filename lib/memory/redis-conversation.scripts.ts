/**
 * Lua scripts of `RedisConversationStore`. Each runs atomically in Redis, which is what makes
 * appends from several app instances safe: RPUSH adds to the log without reading it first.
 * Keys: KEYS[1] the log (a list of JSON entries), KEYS[2] the summary (a hash: text, upTo).
 */

/** ARGV[1] TTL in ms (0: none), ARGV[2..] entries. Pushes the entries, refreshes both TTLs. */
export const APPEND_SCRIPT = `
for i = 2, #ARGV do redis.call('RPUSH', KEYS[1], ARGV[i]) end
local ttl = tonumber(ARGV[1])
if ttl > 0 then
  redis.call('PEXPIRE', KEYS[1], ttl)
  redis.call('PEXPIRE', KEYS[2], ttl)
end
return redis.call('LLEN', KEYS[1])
`;

/** Returns { log entries, summary text or false, summary upTo or false } in one round trip. */
export const READ_SCRIPT = `
local entries = redis.call('LRANGE', KEYS[1], 0, -1)
local summary = redis.call('HMGET', KEYS[2], 'text', 'upTo')
return { entries, summary[1], summary[2] }
`;

/** ARGV[1] text, ARGV[2] upTo, ARGV[3] TTL. Writes only a summary that covers more entries. */
export const SAVE_SUMMARY_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local current = tonumber(redis.call('HGET', KEYS[2], 'upTo') or '0')
if tonumber(ARGV[2]) <= current then return 0 end
redis.call('HSET', KEYS[2], 'text', ARGV[1], 'upTo', ARGV[2])
local ttl = tonumber(ARGV[3])
if ttl > 0 then redis.call('PEXPIRE', KEYS[2], ttl) end
return 1
`;

/** ARGV[1] TTL, ARGV[2] summary text ('' none), ARGV[3] upTo, ARGV[4..] entries. */
export const REPLACE_SCRIPT = `
redis.call('DEL', KEYS[1], KEYS[2])
for i = 4, #ARGV do redis.call('RPUSH', KEYS[1], ARGV[i]) end
if tonumber(ARGV[3]) > 0 then redis.call('HSET', KEYS[2], 'text', ARGV[2], 'upTo', ARGV[3]) end
local ttl = tonumber(ARGV[1])
if ttl > 0 then
  redis.call('PEXPIRE', KEYS[1], ttl)
  redis.call('PEXPIRE', KEYS[2], ttl)
end
return 1
`;

/** Deletes both keys. */
export const DELETE_SCRIPT = `return redis.call('DEL', KEYS[1], KEYS[2])`;
