// Lua scripts of RedisAgentRunStore. A run is a hash: `v` (version) and `s` (state JSON); final
// runs are also in a sorted set scored by their last save (ms), which `prune` walks; entries
// older than the TTL (their hash expired) are trimmed on every write, so the set stays bounded. Each script
// is one atomic step, so two savers racing on one version cannot both win.

/** KEYS: run, finals. ARGV: state, ttlMs (0: none), final (0|1), nowMs, runId. Returns 1, or 0 if taken. */
export const CREATE_RUN_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'v', '1', 's', ARGV[1])
if tonumber(ARGV[2]) > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
if ARGV[3] == '1' then redis.call('ZADD', KEYS[2], ARGV[4], ARGV[5]) end
if tonumber(ARGV[2]) > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. (tonumber(ARGV[4]) - tonumber(ARGV[2])))
end
return 1
`;

/**
 * KEYS: run, finals. ARGV: expected version, next version, state, ttlMs, final, nowMs, runId.
 * Returns {0, next} when saved, {1, ''} when the run is gone, {2, stored version} on a conflict.
 */
export const SAVE_RUN_SCRIPT = `
local v = redis.call('HGET', KEYS[1], 'v')
if not v then return {1, ''} end
if v ~= ARGV[1] then return {2, v} end
redis.call('HSET', KEYS[1], 'v', ARGV[2], 's', ARGV[3])
if tonumber(ARGV[4]) > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[4]) end
if ARGV[5] == '1' then redis.call('ZADD', KEYS[2], ARGV[6], ARGV[7]) end
if tonumber(ARGV[4]) > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. (tonumber(ARGV[6]) - tonumber(ARGV[4])))
end
return {0, ARGV[2]}
`;

/** KEYS: run. Returns {version, state} or an empty list. */
export const GET_RUN_SCRIPT = `
local found = redis.call('HMGET', KEYS[1], 'v', 's')
if not found[1] or not found[2] then return {} end
return found
`;

/** KEYS: run, finals. ARGV: runId. Returns 1 if it existed. */
export const DELETE_RUN_SCRIPT = `
redis.call('ZREM', KEYS[2], ARGV[1])
return redis.call('DEL', KEYS[1])
`;

/**
 * KEYS: finals. ARGV: before (ms), key prefix, batch size. Removes up to a batch of final runs
 * last saved at or before \`before\`; returns how many ids it took from the set.
 */
export const PRUNE_RUNS_SCRIPT = `
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
for _, id in ipairs(ids) do
  redis.call('DEL', ARGV[2] .. id)
  redis.call('ZREM', KEYS[1], id)
end
return #ids
`;
