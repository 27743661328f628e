import type { Redis } from 'ioredis';
import type {
  RefreshTokenStore,
  RevocationResult,
  RotationResult,
  StoredRefreshToken,
} from '../../../application/identity/ports/refresh-token-store.js';

/*
 * Layout: `<prefix>rt:<hash>` is a hash {familyId, userId, expiresAt (epoch ms), spent (0|1)}
 * that expires with the token; a spent token is kept until then so that its reuse is seen.
 * `<prefix>rtf:<familyId>` is a hash {expiresAt, revoked?} that expires with the family's
 * last token, so a revocation outlives every token it covers. Expiry decisions use the
 * caller's `now`; the Redis TTLs only clean up.
 */
const luaFunctions = `
local function extendFamily(familyKey, expiresAt)
  local current = redis.call('HGET', familyKey, 'expiresAt')
  if current and tonumber(current) >= tonumber(expiresAt) then return end
  redis.call('HSET', familyKey, 'expiresAt', expiresAt)
  redis.call('PEXPIREAT', familyKey, expiresAt)
end
local function store(tokenKey, familyKey, familyId, userId, expiresAt)
  redis.call('HSET', tokenKey, 'familyId', familyId, 'userId', userId, 'expiresAt', expiresAt, 'spent', '0')
  redis.call('PEXPIREAT', tokenKey, expiresAt)
  extendFamily(familyKey, expiresAt)
end
local function revoke(familyKey, expiresAt)
  extendFamily(familyKey, expiresAt)
  redis.call('HSET', familyKey, 'revoked', '1')
end
`;

/** KEYS: token, family. ARGV: familyId, userId, expiresAt. */
const addLua = `${luaFunctions}
store(KEYS[1], KEYS[2], ARGV[1], ARGV[2], ARGV[3])
return 1`;

/** KEYS: token, next token. ARGV: family key prefix, now, next expiresAt. */
const rotateLua = `${luaFunctions}
local token = redis.call('HMGET', KEYS[1], 'familyId', 'userId', 'expiresAt', 'spent')
local familyId, userId, expiresAt, spent = token[1], token[2], token[3], token[4]
if not familyId or tonumber(expiresAt) <= tonumber(ARGV[2]) then return {'invalid'} end
local familyKey = ARGV[1] .. familyId
if redis.call('HGET', familyKey, 'revoked') then return {'invalid'} end
if spent == '1' then
  revoke(familyKey, expiresAt)
  return {'reused', familyId}
end
redis.call('HSET', KEYS[1], 'spent', '1')
store(KEYS[2], familyKey, familyId, userId, ARGV[3])
return {'rotated', familyId, userId, expiresAt}`;

/** KEYS: token. ARGV: family key prefix, owner id ('' for any owner). */
const revokeFamilyLua = `${luaFunctions}
local token = redis.call('HMGET', KEYS[1], 'familyId', 'expiresAt', 'userId')
if not token[1] then return 'unknown' end
if ARGV[2] ~= '' and token[3] ~= ARGV[2] then return 'not_owner' end
revoke(ARGV[1] .. token[1], token[2])
return 'revoked'`;

/** The commands `defineCommand` adds to the client (run with EVALSHA, loaded on demand). */
interface RefreshTokenCommands {
  refreshTokenAdd(
    tokenKey: string,
    familyKey: string,
    familyId: string,
    userId: string,
    expiresAt: number,
  ): Promise<unknown>;
  refreshTokenRotate(
    tokenKey: string,
    nextTokenKey: string,
    familyKeyPrefix: string,
    now: number,
    nextExpiresAt: number,
  ): Promise<unknown>;
  refreshTokenRevokeFamily(tokenKey: string, familyKeyPrefix: string, ownerId: string): Promise<unknown>;
}

/**
 * RefreshTokenStore on Redis; rotation and revocation are each one Lua script, so racing
 * calls are serialised by Redis. Derives family keys inside the scripts: one Redis, not a
 * cluster; the client must have no `keyPrefix` option (use `keyPrefix` here instead).
 */
export class RedisRefreshTokenStore implements RefreshTokenStore {
  private readonly commands: RefreshTokenCommands;

  constructor(
    redis: Redis,
    private readonly keyPrefix: string,
  ) {
    redis.defineCommand('refreshTokenAdd', { numberOfKeys: 2, lua: addLua });
    redis.defineCommand('refreshTokenRotate', { numberOfKeys: 2, lua: rotateLua });
    redis.defineCommand('refreshTokenRevokeFamily', { numberOfKeys: 1, lua: revokeFamilyLua });
    this.commands = redis as Redis & RefreshTokenCommands;
  }

  async add(token: StoredRefreshToken): Promise<void> {
    const { tokenHash, familyId, userId, expiresAt } = token;
    await this.commands.refreshTokenAdd(
      this.tokenKey(tokenHash),
      this.familyKeyPrefix() + familyId,
      familyId,
      userId,
      expiresAt.getTime(),
    );
  }

  async rotate(
    tokenHash: string,
    next: Omit<StoredRefreshToken, 'familyId' | 'userId'>,
    now: Date,
  ): Promise<RotationResult> {
    const reply = await this.commands.refreshTokenRotate(
      this.tokenKey(tokenHash),
      this.tokenKey(next.tokenHash),
      this.familyKeyPrefix(),
      now.getTime(),
      next.expiresAt.getTime(),
    );
    return toRotationResult(reply, tokenHash);
  }

  async revokeFamilyOf(tokenHash: string, ownerId?: string): Promise<RevocationResult> {
    const reply = await this.commands.refreshTokenRevokeFamily(
      this.tokenKey(tokenHash),
      this.familyKeyPrefix(),
      ownerId ?? '',
    );
    if (reply === 'revoked' || reply === 'unknown' || reply === 'not_owner') return reply;
    throw new Error(`unexpected reply from the refresh token revocation script: ${JSON.stringify(reply)}`);
  }

  private tokenKey(tokenHash: string): string {
    return `${this.keyPrefix}rt:${tokenHash}`;
  }

  private familyKeyPrefix(): string {
    return `${this.keyPrefix}rtf:`;
  }
}

function toRotationResult(reply: unknown, tokenHash: string): RotationResult {
  const [outcome, familyId, userId, expiresAt] = Array.isArray(reply) ? (reply as unknown[]) : [];
  if (outcome === 'invalid') return { outcome };
  if (outcome === 'reused' && typeof familyId === 'string') return { outcome, familyId };
  if (
    outcome === 'rotated' &&
    typeof familyId === 'string' &&
    typeof userId === 'string' &&
    typeof expiresAt === 'string'
  ) {
    return { outcome, previous: { tokenHash, familyId, userId, expiresAt: new Date(Number(expiresAt)) } };
  }
  throw new Error(`unexpected reply from the refresh token rotation script: ${JSON.stringify(reply)}`);
}
