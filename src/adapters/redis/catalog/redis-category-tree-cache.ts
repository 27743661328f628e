import type { Redis } from 'ioredis';
import type { CategoryTreeCache } from '../../../application/catalog/ports/category-tree-cache.js';
import type { Category } from '../../../domain/catalog/category.js';

/**
 * The category list as one JSON string at `<prefix>catalog:category-tree`, shared by every
 * instance and dropped on each change; the TTL only bounds how long a missed invalidation lasts.
 */
export class RedisCategoryTreeCache implements CategoryTreeCache {
  private readonly key: string;

  constructor(
    private readonly redis: Redis,
    keyPrefix: string,
    private readonly ttlSeconds = 3600,
  ) {
    this.key = `${keyPrefix}catalog:category-tree`;
  }

  async get(): Promise<Category[] | null> {
    const json = await this.redis.get(this.key);
    return json === null ? null : (JSON.parse(json, reviveDates) as Category[]);
  }

  async set(categories: Category[]): Promise<void> {
    await this.redis.set(this.key, JSON.stringify(categories), 'EX', this.ttlSeconds);
  }

  async invalidate(): Promise<void> {
    await this.redis.del(this.key);
  }
}

/** A category's only dates are `createdAt` and `updatedAt`: JSON holds them as ISO strings. */
function reviveDates(key: string, value: unknown): unknown {
  return (key === 'createdAt' || key === 'updatedAt') && typeof value === 'string' ? new Date(value) : value;
}
