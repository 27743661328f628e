import { describe, expect, it } from 'vitest';
import { MemoryCartRepository } from '../../../src/adapters/memory/cart/memory-cart-repository.js';
import { MongoCartRepository } from '../../../src/adapters/mongo/cart/mongo-cart-repository.js';
import { RedisCartRepository } from '../../../src/adapters/redis/cart/redis-cart-repository.js';
import type { CartRepository } from '../../../src/application/cart/ports/cart-repository.js';
import type { CartLine } from '../../../src/domain/cart/cart.js';
import { useMongoDatabase } from '../../support/mongo.js';
import { describeWithService } from '../../support/real-services.js';
import { useRedis } from '../../support/redis.js';

const line = (listingId: string, quantity = 1): CartLine => ({
  listingId,
  sellerId: 'seller-1',
  title: `Listing ${listingId}`,
  quantity,
  unitPrice: { amount: 1500, currency: 'EUR' },
  reservedUntil: new Date('2026-03-01T10:15:00.000Z'),
});

function cartRepositoryContract(make: () => Promise<CartRepository>): void {
  it('keeps each buyer’s lines, one per listing, replacing on put', async () => {
    const carts = await make();
    await carts.putLine('b1', line('l1'));
    await carts.putLine('b1', line('l2'));
    await carts.putLine('b1', line('l1', 3));
    await carts.putLine('b2', line('l1'));
    expect((await carts.lines('b1')).sort((a, b) => a.listingId.localeCompare(b.listingId))).toEqual([
      line('l1', 3),
      line('l2'),
    ]);
    expect(await carts.lines('b2')).toEqual([line('l1')]);
    await carts.removeLine('b1', 'l1');
    await carts.removeLine('b1', 'absent');
    expect(await carts.lines('b1')).toEqual([line('l2')]);
  });

  it('loses no line when 20 lines of one cart are put at once', async () => {
    const carts = await make();
    await Promise.all(Array.from({ length: 20 }, (_, i) => carts.putLine('b3', line(`l${i}`))));
    expect(await carts.lines('b3')).toHaveLength(20);
  });
}

describe('MemoryCartRepository', () => cartRepositoryContract(async () => new MemoryCartRepository()));

describeWithService('MONGO_URL', 'MongoCartRepository', (url) => {
  const db = useMongoDatabase(url);
  cartRepositoryContract(async () => {
    const carts = new MongoCartRepository(db());
    await carts.ensureIndexes();
    return carts;
  });
});

describeWithService('REDIS_URL', 'RedisCartRepository', (url) => {
  const { redis, keyPrefix } = useRedis(url);
  let carts = 0;
  const fresh = () => new RedisCartRepository(redis(), `${keyPrefix}${(carts += 1)}:`);

  cartRepositoryContract(async () => fresh());

  it("answers lines in listing id order, and the cart expires a week after its last line's reservation", async () => {
    const repository = fresh();
    const later = { ...line('a'), reservedUntil: new Date(Date.now() + 900_000) };
    await repository.putLine('b4', line('c'));
    await repository.putLine('b4', later);
    expect((await repository.lines('b4')).map((l) => l.listingId)).toEqual(['a', 'c']);
    const [key] = await redis().keys(`${keyPrefix}${carts}:cart:b4`);
    expect(await redis().pexpiretime(key!)).toBe(later.reservedUntil.getTime() + 7 * 86_400_000);
  });
});
