import { beforeEach, expect, it } from 'vitest';
import type { CategoryTreeCache } from '../../../src/application/catalog/ports/category-tree-cache.js';
import { fixtureCategories } from './catalog-fixture.js';

/** The behaviour every CategoryTreeCache must have; `makeCache` gives an empty cache of its own. */
export function categoryTreeCacheContract(makeCache: () => CategoryTreeCache | Promise<CategoryTreeCache>): void {
  let cache: CategoryTreeCache;
  beforeEach(async () => {
    cache = await makeCache();
  });

  it('answers null until something is set', async () => {
    expect(await cache.get()).toBeNull();
  });

  it('answers what was set, in order, with Dates as Dates and absent optional fields absent', async () => {
    const categories = fixtureCategories();
    await cache.set(categories);
    const cached = await cache.get();
    expect(cached).toEqual(categories);
    expect(cached?.[0]?.createdAt).toBeInstanceOf(Date);
    expect(cached?.[0]?.attributes[1]).not.toHaveProperty('options');
  });

  it('an empty list is cached as such, not as a miss', async () => {
    await cache.set([]);
    expect(await cache.get()).toEqual([]);
  });

  it('set replaces the previous list; invalidate drops it', async () => {
    const categories = fixtureCategories();
    await cache.set(categories);
    await cache.set(categories.slice(0, 2));
    expect(await cache.get()).toEqual(categories.slice(0, 2));
    await cache.invalidate();
    expect(await cache.get()).toBeNull();
    await cache.invalidate();
  });

  it('keeps its own copy: changing a passed or returned list changes nothing cached', async () => {
    const categories = fixtureCategories();
    await cache.set(categories);
    categories[0]?.ancestorIds.push('x');
    categories.pop();
    const cached = await cache.get();
    cached?.[1]?.createdAt.setFullYear(2000);
    expect(await cache.get()).toEqual(fixtureCategories());
  });
}
