import type { Category } from '../../../domain/catalog/category.js';

/** The whole category list, cached (Redis when configured) and dropped on every change. */
export interface CategoryTreeCache {
  get(): Promise<Category[] | null>;
  set(categories: Category[]): Promise<void>;
  invalidate(): Promise<void>;
}
export const CategoryTreeCache = Symbol.for('CategoryTreeCache');
