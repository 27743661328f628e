import type { Redis } from 'ioredis';
import type { SlotClaim, UploadSlots } from '../../../application/media/ports/upload-slots.js';

/**
 * KEYS: the owner's slots, a sorted set of media ids scored by when each slot closes (epoch ms).
 * ARGV: media id, closes at, max, now. Drops the closed slots, then adds this one if there is
 * room; the key lives as long as its latest slot. Answers 1, or the earliest closing time.
 */
const claimLua = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[4])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then
  return redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')[2]
end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
local latest = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')[2]
redis.call('PEXPIRE', KEYS[1], math.max(1, tonumber(latest) - tonumber(ARGV[4])))
return 1`;

interface UploadSlotCommands {
  uploadSlotsClaim(key: string, mediaId: string, closesAt: number, max: number, now: number): Promise<unknown>;
}

/** UploadSlots on Redis, shared by every instance: a claim is one Lua script, so racing claims cannot overshoot. */
export class RedisUploadSlots implements UploadSlots {
  private readonly commands: UploadSlotCommands;

  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
  ) {
    redis.defineCommand('uploadSlotsClaim', { numberOfKeys: 1, lua: claimLua });
    this.commands = redis as Redis & UploadSlotCommands;
  }

  async claim(ownerId: string, mediaId: string, expiresAt: Date, max: number, now: Date): Promise<SlotClaim> {
    const reply = await this.commands.uploadSlotsClaim(
      this.key(ownerId),
      mediaId,
      expiresAt.getTime(),
      max,
      now.getTime(),
    );
    if (reply === 1) return { claimed: true };
    if (typeof reply === 'string') return { claimed: false, freesAt: new Date(Number(reply)) };
    throw new Error(`unexpected reply from the upload slot script: ${JSON.stringify(reply)}`);
  }

  async release(ownerId: string, mediaId: string): Promise<void> {
    await this.redis.zrem(this.key(ownerId), mediaId);
  }

  private key(ownerId: string): string {
    return `${this.keyPrefix}upload-slots:${ownerId}`;
  }
}
