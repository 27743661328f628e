import { describe, expect, it } from 'vitest';
import { MemoryCategoryTreeCache } from '../../../src/adapters/memory/catalog/memory-category-tree-cache.js';
import { RedisCategoryTreeCache } from '../../../src/adapters/redis/catalog/redis-category-tree-cache.js';
import { describeWithService } from '../../support/real-services.js';
import { useRedis } from '../../support/redis.js';
import { categoryTreeCacheContract } from './category-tree-cache.contract.js';
import { fixtureCategories } from './catalog-fixture.js';

describe('MemoryCategoryTreeCache', () => {
  categoryTreeCacheContract(() => new MemoryCategoryTreeCache());
});

describeWithService('REDIS_URL', 'RedisCategoryTreeCache', (url) => {
  const { redis, keyPrefix } = useRedis(url);
  let caches = 0;

  categoryTreeCacheContract(() => new RedisCategoryTreeCache(redis(), `${keyPrefix}${(caches += 1)}:`));

  it('stores one key under its prefix that expires after the TTL (an hour by default)', async () => {
    await new RedisCategoryTreeCache(redis(), `${keyPrefix}ttl:`, 120).set(fixtureCategories());
    expect(await redis().ttl(`${keyPrefix}ttl:catalog:category-tree`)).toBeGreaterThan(110);
    expect(await redis().ttl(`${keyPrefix}ttl:catalog:category-tree`)).toBeLessThanOrEqual(120);
    await new RedisCategoryTreeCache(redis(), `${keyPrefix}default:`).set([]);
    expect(await redis().ttl(`${keyPrefix}default:catalog:category-tree`)).toBeGreaterThan(3590);
  });

  it('instances sharing a prefix share the cache: one invalidates for all', async () => {
    const [first, second] = [
      new RedisCategoryTreeCache(redis(), `${keyPrefix}shared:`),
      new RedisCategoryTreeCache(redis(), `${keyPrefix}shared:`),
    ];
    await first.set(fixtureCategories());
    expect(await second.get()).toEqual(fixtureCategories());
    await second.invalidate();
    expect(await first.get()).toBeNull();
  });
});
