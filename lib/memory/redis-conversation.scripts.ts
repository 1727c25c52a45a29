/**
 * Lua scripts of `RedisConversationStore`. Each runs atomically in Redis, which is what makes
 * appends from several app instances safe: RPUSH adds to the log without reading it first.
 * Keys: KEYS[1] the log (a list of JSON entries), KEYS[2] the summary (a hash: text, upTo).
 */

/**
 * `trim(max)`: the Lua twin of `trimRange` + `shiftSummary` (conversation-limits.ts), so both
 * stores drop the same entries: the oldest past `max` (0: no limit), keeping the leading system
 * messages unless they alone reach `max`, never leaving a tool result without its call, and
 * shifting the summary's `upTo` by what went before it. Only the few entries at the cut are
 * decoded, so a trim costs about what it drops, not the length of the log.
 */
const TRIM_FUNCTION = `
local function role(index)
  local raw = redis.call('LINDEX', KEYS[1], index)
  if not raw then return nil end
  local ok, entry = pcall(cjson.decode, raw)
  if ok and type(entry) == 'table' and type(entry.message) == 'table' then
    return entry.message.role
  end
  return nil
end
local function trim(max)
  if max <= 0 then return end
  local len = redis.call('LLEN', KEYS[1])
  if len <= max then return end
  local head = 0
  while head < max and role(head) == 'system' do head = head + 1 end
  if head >= max then head = 0 end
  local cut = head + len - max
  while cut < len and role(cut) == 'tool' do cut = cut + 1 end
  local kept = {}
  if head > 0 then kept = redis.call('LRANGE', KEYS[1], 0, head - 1) end
  redis.call('LTRIM', KEYS[1], cut, -1)
  for i = #kept, 1, -1 do redis.call('LPUSH', KEYS[1], kept[i]) end
  local upTo = tonumber(redis.call('HGET', KEYS[2], 'upTo') or '0')
  if upTo > 0 then
    if upTo > cut then upTo = upTo - (cut - head) else upTo = math.min(upTo, head) end
    redis.call('HSET', KEYS[2], 'upTo', upTo)
  end
end
`;

/**
 * ARGV[1] TTL in ms (0: none), ARGV[2] most entries (0: no limit), ARGV[3..] entries. Pushes the
 * entries, trims the log, refreshes both TTLs (after the trim, which may re-create the log key).
 */
export const APPEND_SCRIPT = `${TRIM_FUNCTION}
for i = 3, #ARGV do redis.call('RPUSH', KEYS[1], ARGV[i]) end
trim(tonumber(ARGV[2]))
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

/**
 * ARGV[1] TTL, ARGV[2] most entries (0: no limit), ARGV[3] summary text ('' none), ARGV[4] upTo,
 * ARGV[5..] entries. An imported document longer than the limit is trimmed like an append.
 */
export const REPLACE_SCRIPT = `${TRIM_FUNCTION}
redis.call('DEL', KEYS[1], KEYS[2])
for i = 5, #ARGV do redis.call('RPUSH', KEYS[1], ARGV[i]) end
if tonumber(ARGV[4]) > 0 then redis.call('HSET', KEYS[2], 'text', ARGV[3], 'upTo', ARGV[4]) end
trim(tonumber(ARGV[2]))
local ttl = tonumber(ARGV[1])
if ttl > 0 then
  redis.call('PEXPIRE', KEYS[1], ttl)
  redis.call('PEXPIRE', KEYS[2], ttl)
end
return 1
`;

/** Deletes both keys. */
export const DELETE_SCRIPT = `return redis.call('DEL', KEYS[1], KEYS[2])`;
