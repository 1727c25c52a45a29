/**
 * The Lua scripts of `RedisCheckpointStore`. Redis runs a script alone, so each check-then-write
 * is atomic: two workers saving the same step of a thread cannot both pass the check.
 *
 * Keys: KEYS[1] the thread's head (a hash: `latest` step, claim `owner` and `until`), KEYS[2] its
 * checkpoints (a hash: step -> JSON). Replies are `{ status, latest }` with `latest` -1 for a
 * thread without checkpoint; `corrupt` when the head's `latest` is not a number.
 */

/** Reads the head's latest step and checks the claim; shared by the save and claim scripts. */
const READ_HEAD = `
local latest = -1
local raw = redis.call('HGET', KEYS[1], 'latest')
if raw then
  latest = tonumber(raw)
  if latest == nil then return {'corrupt', -1} end
end
local now = tonumber(ARGV[3])
local owner = redis.call('HGET', KEYS[1], 'owner')
if owner and owner ~= ARGV[2] then
  local held = tonumber(redis.call('HGET', KEYS[1], 'until') or '0') or 0
  if held > now then return {'claimed', latest} end
end
`;

/** Sets (ttl > 0) or removes the expiry of both keys. */
const EXPIRE = `
local function expire(ttl)
  for _, key in ipairs(KEYS) do
    if ttl > 0 then redis.call('PEXPIRE', key, ttl) else redis.call('PERSIST', key) end
  end
end
`;

/**
 * ARGV: requested step ('' = append), owner ('' = none), now, leaseMs, ttlMs (0 = none),
 * keepLast (0 = none), the checkpoint's JSON without its step (an object: `{"threadId":...}`).
 * The step is spliced in front of the JSON here, since only the script knows it for an append.
 */
export const SAVE_SCRIPT = `${EXPIRE}${READ_HEAD}
local step = latest + 1
if ARGV[1] ~= '' and tonumber(ARGV[1]) ~= step then return {'moved', latest} end
redis.call('HSET', KEYS[2], step, '{"step":' .. step .. ',' .. string.sub(ARGV[7], 2))
redis.call('HSET', KEYS[1], 'latest', step)
if owner and owner == ARGV[2] then redis.call('HSET', KEYS[1], 'until', now + tonumber(ARGV[4])) end
local keep = tonumber(ARGV[6])
if keep > 0 and redis.call('HLEN', KEYS[2]) > keep then
  for _, field in ipairs(redis.call('HKEYS', KEYS[2])) do
    local kept = tonumber(field)
    if kept == nil or kept <= step - keep then redis.call('HDEL', KEYS[2], field) end
  end
end
expire(tonumber(ARGV[5]))
return {'ok', step}
`;

/** ARGV: the latest step the claimer saw ('' = none), owner, now, leaseMs, ttlMs (0 = none). */
export const CLAIM_SCRIPT = `${EXPIRE}${READ_HEAD}
local expected = -1
if ARGV[1] ~= '' then expected = tonumber(ARGV[1]) end
if latest ~= expected then return {'moved', latest} end
redis.call('HSET', KEYS[1], 'owner', ARGV[2], 'until', now + tonumber(ARGV[4]))
expire(tonumber(ARGV[5]))
return {'ok', latest}
`;

/** ARGV: owner. Removes the claim only when that owner still holds it. */
export const RELEASE_SCRIPT = `
if redis.call('HGET', KEYS[1], 'owner') == ARGV[1] then redis.call('HDEL', KEYS[1], 'owner', 'until') end
return 1
`;

/** The latest checkpoint in one atomic read: `{ latest, json }` (nil json for none). */
export const LOAD_LATEST_SCRIPT = `
local raw = redis.call('HGET', KEYS[1], 'latest')
if not raw then return {false, false} end
return {raw, redis.call('HGET', KEYS[2], raw)}
`;
