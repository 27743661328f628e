/*
 * The Lua scripts of RedisStockLedger, one per operation, so each runs atomically. Layout (see
 * redis-stock-ledger.ts): level hash {onHand, reserved}; holds hash holderId -> "quantity:expiresAtMs";
 * deadlines sorted set of "listingId|holderId" scored by expiresAtMs. Arithmetic on stored
 * counts uses HINCRBY (64-bit integers in Redis); quantities are capped by the adapter so every
 * number that passes through Lua is an exact integer.
 */
const luaFunctions = `
local function parseHold(held)
  local sep = string.find(held, ':', 1, true)
  return tonumber(string.sub(held, 1, sep - 1)), string.sub(held, sep + 1)
end
`;

/** KEYS: level. ARGV: onHand. Replies {onHand, reserved}. */
export const setOnHandLua = `
redis.call('HSET', KEYS[1], 'onHand', ARGV[1])
redis.call('HSETNX', KEYS[1], 'reserved', '0')
return redis.call('HMGET', KEYS[1], 'onHand', 'reserved')`;

/**
 * KEYS: level, holds, deadlines. ARGV: holderId, quantity, expiresAt, deadline member, mode, now.
 * Mode 'set' makes the hold exactly `quantity`; mode 'add' adds `quantity` to a live hold (an
 * expired one counts as none). A current hold, live or expired, gives its units back first, so
 * moving up needs `available >= target - current`. Replies {'unknown_listing'},
 * {'insufficient_stock', onHand, reserved} or {'held', onHand, reserved, target quantity}.
 */
export const holdLua = `${luaFunctions}
local level = redis.call('HMGET', KEYS[1], 'onHand', 'reserved')
if not level[1] then return {'unknown_listing'} end
local onHand, reserved, target = tonumber(level[1]), tonumber(level[2]), tonumber(ARGV[2])
local current = 0
local held = redis.call('HGET', KEYS[2], ARGV[1])
if held then
  local heldQuantity, expiresAt = parseHold(held)
  current = heldQuantity
  if ARGV[5] == 'add' and tonumber(expiresAt) > tonumber(ARGV[6]) then target = target + heldQuantity end
end
if target > current and math.max(0, onHand - reserved) < target - current then
  return {'insufficient_stock', level[1], level[2]}
end
local newReserved = redis.call('HINCRBY', KEYS[1], 'reserved', target - current)
if target == 0 then
  redis.call('HDEL', KEYS[2], ARGV[1])
  redis.call('ZREM', KEYS[3], ARGV[4])
else
  redis.call('HSET', KEYS[2], ARGV[1], target .. ':' .. ARGV[3])
  redis.call('ZADD', KEYS[3], ARGV[3], ARGV[4])
end
return {'held', level[1], newReserved, target}`;

/** KEYS: level, holds, deadlines. ARGV: holderId, deadline member. Replies nil or {quantity, expiresAt, onHand, reserved}. */
export const releaseLua = `${luaFunctions}
local held = redis.call('HGET', KEYS[2], ARGV[1])
if not held then return false end
local quantity, expiresAt = parseHold(held)
redis.call('HDEL', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[2])
local reserved = redis.call('HINCRBY', KEYS[1], 'reserved', -quantity)
return {quantity, expiresAt, redis.call('HGET', KEYS[1], 'onHand'), reserved}`;

/**
 * KEYS: deadlines, then level and holds of each item. ARGV: holderId, now, then listingId and
 * quantity of each item. Checks every item before changing anything. Replies
 * {'missing', {listingId...}} or {'committed', {{onHand, reserved}...}}.
 */
export const commitLua = `${luaFunctions}
local holder, now = ARGV[1], tonumber(ARGV[2])
local count = (#KEYS - 1) / 2
local missing, heldQuantities = {}, {}
for i = 1, count do
  local listingId, quantity = ARGV[1 + 2 * i], tonumber(ARGV[2 + 2 * i])
  local onHand = redis.call('HGET', KEYS[2 * i], 'onHand')
  local held = redis.call('HGET', KEYS[2 * i + 1], holder)
  local live = false
  if onHand and held then
    local heldQuantity, expiresAt = parseHold(held)
    heldQuantities[i] = heldQuantity
    live = tonumber(expiresAt) > now and heldQuantity >= quantity and tonumber(onHand) >= quantity
  end
  if not live then missing[#missing + 1] = listingId end
end
if #missing > 0 then return {'missing', missing} end
local levels = {}
for i = 1, count do
  local listingId, quantity = ARGV[1 + 2 * i], tonumber(ARGV[2 + 2 * i])
  redis.call('HDEL', KEYS[2 * i + 1], holder)
  redis.call('ZREM', KEYS[1], listingId .. '|' .. holder)
  local reserved = redis.call('HINCRBY', KEYS[2 * i], 'reserved', -heldQuantities[i])
  local onHand = redis.call('HINCRBY', KEYS[2 * i], 'onHand', -quantity)
  levels[i] = {onHand, reserved}
end
return {'committed', levels}`;

/** KEYS: level. ARGV: quantity. Replies nil (unknown listing) or {onHand, reserved}. */
export const restockLua = `
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
local onHand = redis.call('HINCRBY', KEYS[1], 'onHand', ARGV[1])
return {onHand, redis.call('HGET', KEYS[1], 'reserved')}`;

/**
 * KEYS: deadlines. ARGV: level key prefix, holds key prefix, now, limit. Removes each expired
 * deadline and releases its hold in the same script, so racing sweepers never share one.
 * Replies {{listingId, holderId, quantity, expiresAt, onHand, reserved}...}.
 */
export const releaseExpiredLua = `${luaFunctions}
local members = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[3], 'LIMIT', 0, ARGV[4])
local released = {}
for _, member in ipairs(members) do
  redis.call('ZREM', KEYS[1], member)
  local sep = string.find(member, '|', 1, true)
  local listingId, holderId = string.sub(member, 1, sep - 1), string.sub(member, sep + 1)
  local holdsKey, levelKey = ARGV[2] .. listingId, ARGV[1] .. listingId
  local held = redis.call('HGET', holdsKey, holderId)
  if held then
    local quantity, expiresAt = parseHold(held)
    redis.call('HDEL', holdsKey, holderId)
    local reserved = redis.call('HINCRBY', levelKey, 'reserved', -quantity)
    released[#released + 1] = {listingId, holderId, quantity, expiresAt, redis.call('HGET', levelKey, 'onHand'), reserved}
  end
end
return released`;
