import { stockOutboxKey } from '../../shared/cart/stock-ledger-layout.js';
import { luaAppendOutboxEvent } from '../shared/redis-outbox.js';

/*
 * The stock rules, written twice on purpose: here in Lua (a script is the one atomic step Redis
 * offers) and in TypeScript in MemoryStockLedger (src/adapters/memory/cart/memory-stock-ledger.ts),
 * each script beside its twin method named in its comment. test/contract/cart/stock-ledger.contract.ts
 * runs the same cases on both ledgers and proves they agree (levels, answers, events): change a
 * rule in both places and run it with REDIS_URL set.
 *
 * The Lua scripts of RedisStockLedger, one per operation, so each runs atomically. Layout (see
 * redis-stock-ledger.ts): level hash {onHand, reserved}; holds hash holderId -> "quantity:expiresAtMs";
 * deadlines sorted set of "listingId|holderId" scored by expiresAtMs; order record string
 * (committed | abandoned | restocked). Arithmetic on stored counts uses HINCRBY (64-bit integers
 * in Redis); quantities are capped by the adapter so every number that passes through Lua is an
 * exact integer.
 *
 * Events: a script that changes stock appends its stock.* events to the outbox stream (its LAST
 * key) in the same run. The caller passes the event id base and the time as the LAST two ARGV;
 * the script numbers its events `<base>:1`, `<base>:2`... and computes their figures. The
 * envelopes are the ones StockEvents builds (the ledger contract checks both ledgers alike).
 */
const luaFunctions = `
local function parseHold(held)
  local sep = string.find(held, ':', 1, true)
  return tonumber(string.sub(held, 1, sep - 1)), string.sub(held, sep + 1)
end
`;

const luaEvents = `${luaAppendOutboxEvent}
local outboxStream = KEYS[#KEYS]
local eventBase, occurredAt = ARGV[#ARGV - 1], ARGV[#ARGV]
local eventCount = 0
-- A batch script (holdsLua) stamps each of its items' events with that item's own base and time.
local function stampEvents(base, time)
  eventBase, occurredAt, eventCount = base, time, 0
end
local function emit(listingId, topic, payload)
  eventCount = eventCount + 1
  local envelope = { id = eventBase .. ':' .. eventCount, topic = topic, occurredAt = occurredAt }
  envelope.payload = payload
  append_outbox_event(outboxStream, '${stockOutboxKey('')}' .. listingId, cjson.encode(envelope))
end
local function available(onHand, reserved)
  return math.max(0, tonumber(onHand) - tonumber(reserved))
end
local function emitUpdated(listingId, onHand, reserved)
  local payload = { listingId = listingId, available = available(onHand, reserved) }
  payload.quantityOnHand = tonumber(onHand)
  emit(listingId, 'stock.updated', payload)
end
local function emitReleased(listingId, onHand, reserved, holderId, quantity, reason)
  local payload = { listingId = listingId, available = available(onHand, reserved) }
  payload.holderId, payload.quantity, payload.reason = holderId, tonumber(quantity), reason
  emit(listingId, 'stock.released', payload)
end
local function emitReserved(listingId, onHand, reserved, holderId, quantity, expiresAt)
  local payload = { listingId = listingId, available = available(onHand, reserved) }
  payload.holderId, payload.quantity, payload.expiresAt = holderId, tonumber(quantity), expiresAt
  emit(listingId, 'stock.reserved', payload)
end
`;

/**
 * Twin: MemoryStockLedger.setOnHand and seed.
 * KEYS: level, outbox. ARGV: onHand, listingId, mode ('set', or 'seed': only when the level does
 * not exist), event base, time. Replies {onHand, reserved}.
 */
export const setOnHandLua = `${luaEvents}
if ARGV[3] == 'seed' and redis.call('EXISTS', KEYS[1]) == 1 then
  return redis.call('HMGET', KEYS[1], 'onHand', 'reserved')
end
redis.call('HSET', KEYS[1], 'onHand', ARGV[1])
redis.call('HSETNX', KEYS[1], 'reserved', '0')
local level = redis.call('HMGET', KEYS[1], 'onHand', 'reserved')
emitUpdated(ARGV[2], level[1], level[2])
return level`;

/**
 * Twin: MemoryStockLedger.hold and holdMore (holdWith), for a batch of holds on one listing (the
 * group commit of RedisStockLedger), each decided in turn on the stock the previous ones left, as
 * if they ran one by one: one round trip for the batch, one outcome per hold.
 * KEYS: level, holds, deadlines, outbox. ARGV: listingId, then 8 per hold: holderId, quantity,
 * expiresAt (ms), mode, now (ms), expiresAt (ISO), event base, time.
 * Mode 'set' makes the hold exactly `quantity`; mode 'add' adds `quantity` to a live hold (an
 * expired one counts as none). A current hold, live or expired, gives its units back first, so
 * moving up needs `available >= target - current`; the event says by how much `reserved` moved.
 * Replies, per hold in order: {'unknown_listing'}, {'insufficient_stock', onHand, reserved} or
 * {'held', onHand, reserved, target quantity}.
 */
export const holdsLua = `${luaFunctions}${luaEvents}
local listingId = ARGV[1]
local function hold(holderId, quantity, expiresAtMs, mode, now, expiresAtIso)
  local level = redis.call('HMGET', KEYS[1], 'onHand', 'reserved')
  if not level[1] then return {'unknown_listing'} end
  local onHand, reserved, target = tonumber(level[1]), tonumber(level[2]), tonumber(quantity)
  local current = 0
  local held = redis.call('HGET', KEYS[2], holderId)
  if held then
    local heldQuantity, expiresAt = parseHold(held)
    current = heldQuantity
    if mode == 'add' and tonumber(expiresAt) > tonumber(now) then target = target + heldQuantity end
  end
  if target > current and math.max(0, onHand - reserved) < target - current then
    return {'insufficient_stock', level[1], level[2]}
  end
  local newReserved = redis.call('HINCRBY', KEYS[1], 'reserved', target - current)
  local member = listingId .. '|' .. holderId
  if target == 0 then
    redis.call('HDEL', KEYS[2], holderId)
    redis.call('ZREM', KEYS[3], member)
  else
    redis.call('HSET', KEYS[2], holderId, target .. ':' .. expiresAtMs)
    redis.call('ZADD', KEYS[3], expiresAtMs, member)
  end
  if target > current then emitReserved(listingId, onHand, newReserved, holderId, target - current, expiresAtIso) end
  if target < current then emitReleased(listingId, onHand, newReserved, holderId, current - target, 'removed') end
  return {'held', level[1], newReserved, target}
end
local replies = {}
for i = 2, #ARGV, 8 do
  stampEvents(ARGV[i + 6], ARGV[i + 7])
  replies[#replies + 1] = hold(ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], ARGV[i + 4], ARGV[i + 5])
end
return replies`;

/**
 * Twin: MemoryStockLedger.release.
 * KEYS: level, holds, deadlines, outbox. ARGV: holderId, deadline member, listingId, reason, event base, time.
 * Replies nil or {quantity, expiresAt, onHand, reserved}.
 */
export const releaseLua = `${luaFunctions}${luaEvents}
local held = redis.call('HGET', KEYS[2], ARGV[1])
if not held then return false end
local quantity, expiresAt = parseHold(held)
redis.call('HDEL', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[2])
local reserved = redis.call('HINCRBY', KEYS[1], 'reserved', -quantity)
local onHand = redis.call('HGET', KEYS[1], 'onHand')
emitReleased(ARGV[3], onHand, reserved, ARGV[1], quantity, ARGV[4])
return {quantity, expiresAt, onHand, reserved}`;

/**
 * Twin: MemoryStockLedger.commit.
 * KEYS: deadlines, order record, then level and holds of each item, then outbox. ARGV: holderId,
 * now, record TTL (s), then listingId and quantity of each item, then event base, time.
 * A recorded order answers at once: {'abandoned'}, or {'repeat', {{onHand, reserved}...}} (sells
 * nothing more). Otherwise checks every item before changing anything. Replies
 * {'missing', {listingId...}} or {'committed', {{onHand, reserved}...}}.
 */
export const commitLua = `${luaFunctions}${luaEvents}
local holder, now = ARGV[1], tonumber(ARGV[2])
local count = (#KEYS - 3) / 2
local function levelKey(i) return KEYS[2 * i + 1] end
local function holdsKey(i) return KEYS[2 * i + 2] end
local function item(i) return ARGV[2 + 2 * i], tonumber(ARGV[3 + 2 * i]) end
local record = redis.call('GET', KEYS[2])
if record == 'abandoned' then return {'abandoned'} end
if record then
  local levels = {}
  for i = 1, count do levels[i] = redis.call('HMGET', levelKey(i), 'onHand', 'reserved') end
  return {'repeat', levels}
end
local missing, heldQuantities = {}, {}
for i = 1, count do
  local listingId, quantity = item(i)
  local onHand = redis.call('HGET', levelKey(i), 'onHand')
  local held = redis.call('HGET', holdsKey(i), holder)
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
  local listingId, quantity = item(i)
  redis.call('HDEL', holdsKey(i), holder)
  redis.call('ZREM', KEYS[1], listingId .. '|' .. holder)
  local reserved = redis.call('HINCRBY', levelKey(i), 'reserved', -heldQuantities[i])
  local onHand = redis.call('HINCRBY', levelKey(i), 'onHand', -quantity)
  levels[i] = {onHand, reserved}
  emitUpdated(listingId, onHand, reserved)
end
redis.call('SET', KEYS[2], 'committed', 'EX', ARGV[3])
return {'committed', levels}`;

/**
 * Twin: MemoryStockLedger.abandon.
 * KEYS: order record. ARGV: record TTL (s). Replies 'committed' (also when restocked since) or 'abandoned'.
 */
export const abandonLua = `
local record = redis.call('GET', KEYS[1])
if record == 'committed' or record == 'restocked' then return 'committed' end
redis.call('SET', KEYS[1], 'abandoned', 'EX', ARGV[1])
return 'abandoned'`;

/**
 * Twin: MemoryStockLedger.restock.
 * KEYS: order record, then level of each item, then outbox. ARGV: holderId, record TTL (s), then
 * listingId and quantity of each item, then event base, time. Gives back once per order.
 * Replies {'none'} (restocked already, or abandoned), {'unknown_listing', listingId} or
 * {'restocked', {{onHand, reserved}...}}.
 */
export const restockLua = `${luaEvents}
local count = #KEYS - 2
local record = redis.call('GET', KEYS[1])
if record == 'restocked' or record == 'abandoned' then return {'none'} end
for i = 1, count do
  if redis.call('EXISTS', KEYS[1 + i]) == 0 then return {'unknown_listing', ARGV[1 + 2 * i]} end
end
local levels = {}
for i = 1, count do
  local listingId, quantity = ARGV[1 + 2 * i], tonumber(ARGV[2 + 2 * i])
  local onHand = redis.call('HINCRBY', KEYS[1 + i], 'onHand', quantity)
  local reserved = redis.call('HGET', KEYS[1 + i], 'reserved')
  levels[i] = {onHand, reserved}
  emitReleased(listingId, onHand, reserved, ARGV[1], quantity, 'order_cancelled')
  emitUpdated(listingId, onHand, reserved)
end
redis.call('SET', KEYS[1], 'restocked', 'EX', ARGV[2])
return {'restocked', levels}`;

/**
 * Twin: MemoryStockLedger.releaseExpired.
 * KEYS: deadlines, outbox. ARGV: level key prefix, holds key prefix, now, limit, event base, time.
 * Removes each expired deadline and releases its hold in the same script, so racing sweepers never
 * share one. Replies {{listingId, holderId, quantity, expiresAt, onHand, reserved}...}.
 */
export const releaseExpiredLua = `${luaFunctions}${luaEvents}
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
    local onHand = redis.call('HGET', levelKey, 'onHand')
    emitReleased(listingId, onHand, reserved, holderId, quantity, 'expired')
    released[#released + 1] = {listingId, holderId, quantity, expiresAt, onHand, reserved}
  end
end
return released`;
