import type { CategoryTreeCache } from '../../../application/catalog/ports/category-tree-cache.js';
import type { Category } from '../../../domain/catalog/category.js';
import { copyCategory } from '../../shared/catalog/copies.js';

/** CategoryTreeCache in process memory, without expiry; keeps and returns copies. */
export class MemoryCategoryTreeCache implements CategoryTreeCache {
  private categories: Category[] | null = null;

  async get(): Promise<Category[] | null> {
    return this.categories && this.categories.map(copyCategory);
  }

  async set(categories: Category[]): Promise<void> {
    this.categories = categories.map(copyCategory);
  }

  async invalidate(): Promise<void> {
    this.categories = null;
  }
}
