import type { AttributeDefinition } from '../../domain/catalog/attributes.js';
import { categoryErrors, effectiveAttributes, type Category } from '../../domain/catalog/category.js';
import type { CategoryRepository } from './ports/category-repository.js';
import type { CategoryTreeCache } from './ports/category-tree-cache.js';

/** Reads categories through the tree cache; every write goes through `invalidate()`. */
export class CategoryReader {
  constructor(
    private readonly categories: CategoryRepository,
    private readonly cache: CategoryTreeCache,
  ) {}

  async all(): Promise<Category[]> {
    const cached = await this.cache.get();
    if (cached) return cached;
    const loaded = await this.categories.listAll();
    await this.cache.set(loaded);
    return loaded;
  }

  async get(id: string): Promise<Category> {
    const category = (await this.all()).find((c) => c.id === id);
    if (!category) throw categoryErrors.notFound();
    return category;
  }

  async effectiveAttributes(category: Category): Promise<AttributeDefinition[]> {
    const all = await this.all();
    return effectiveAttributes(
      category,
      all.filter((c) => category.ancestorIds.includes(c.id)),
    );
  }

  /** The category and every category below it; empty when it does not exist. */
  async subtreeIds(id: string): Promise<string[]> {
    const all = await this.all();
    if (!all.some((c) => c.id === id)) return [];
    return [id, ...all.filter((c) => c.ancestorIds.includes(id)).map((c) => c.id)];
  }

  invalidate(): Promise<void> {
    return this.cache.invalidate();
  }
}
