import type { Redis } from 'ioredis';
import type { CartRepository } from '../../../application/cart/ports/cart-repository.js';
import type { CartLine } from '../../../domain/cart/cart.js';

/** How long a cart outlives its latest line's reservation before Redis drops it (an abandoned cart). */
const KEEP_AFTER_RESERVATION_MS = 7 * 86_400_000;

interface StoredLine extends Omit<CartLine, 'reservedUntil'> {
  reservedUntil: string;
}

/**
 * The cart lines in Redis, beside the reservations that make them live: a hash per buyer
 * (`<prefix>cart:<buyerId>`, field = listing id, value = the line as JSON), so that lines put at
 * once never overwrite each other. A line means nothing without its reservation (reading the cart
 * drops a line whose reservation is gone), so Redis losing its data loses no more than the
 * reservations already are; the hash expires a week after the reservation of the line last put
 * (a clean-up only: no decision depends on it).
 * Lines are answered in listing id order, as MongoCartRepository answers them.
 */
export class RedisCartRepository implements CartRepository {
  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
  ) {}

  async lines(buyerId: string): Promise<CartLine[]> {
    const stored = await this.redis.hgetall(this.key(buyerId));
    return Object.keys(stored)
      .sort()
      .map((listingId) => {
        const { reservedUntil, ...line } = JSON.parse(stored[listingId]!) as StoredLine;
        return { ...line, reservedUntil: new Date(reservedUntil) };
      });
  }

  async putLine(buyerId: string, line: CartLine): Promise<void> {
    const key = this.key(buyerId);
    const { listingId, sellerId, title, quantity, unitPrice, reservedUntil } = line;
    const stored: StoredLine = {
      listingId,
      sellerId,
      title,
      quantity,
      unitPrice: { amount: unitPrice.amount, currency: unitPrice.currency },
      reservedUntil: reservedUntil.toISOString(),
    };
    await this.redis
      .multi()
      .hset(key, listingId, JSON.stringify(stored))
      .pexpireat(key, Math.max(Date.now(), reservedUntil.getTime()) + KEEP_AFTER_RESERVATION_MS)
      .exec();
  }

  async removeLine(buyerId: string, listingId: string): Promise<void> {
    await this.redis.hdel(this.key(buyerId), listingId);
  }

  private key(buyerId: string): string {
    return `${this.keyPrefix}cart:${buyerId}`;
  }
}
