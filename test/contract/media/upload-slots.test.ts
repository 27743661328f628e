import { describe, expect, it } from 'vitest';
import { MemoryUploadSlots } from '../../../src/adapters/memory/media/memory-upload-slots.js';
import { RedisUploadSlots } from '../../../src/adapters/redis/media/redis-upload-slots.js';
import { describeWithService } from '../../support/real-services.js';
import { useRedis } from '../../support/redis.js';
import { uploadSlotsContract } from './upload-slots.contract.js';

describe('MemoryUploadSlots', () => {
  uploadSlotsContract(() => new MemoryUploadSlots());
});

describeWithService('REDIS_URL', 'RedisUploadSlots', (url) => {
  const { redis, keyPrefix } = useRedis(url);

  uploadSlotsContract(() => new RedisUploadSlots(redis(), keyPrefix));

  it("keeps an owner's slots only as long as their latest one is open", async () => {
    const slots = new RedisUploadSlots(redis(), keyPrefix);
    const now = Date.now();
    await slots.claim('ttl-owner', 'm1', new Date(now + 60_000), 5, new Date(now));
    await slots.claim('ttl-owner', 'm2', new Date(now + 30_000), 5, new Date(now));
    const ttl = await redis().pttl(`${keyPrefix}upload-slots:ttl-owner`);
    expect(ttl).toBeGreaterThan(55_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });
});
