import type { Category } from '../../../domain/catalog/category.js';

export interface CategoryRepository {
  /** Throws `CATEGORY_NAME_TAKEN` (conflict) when a sibling already has this slug. */
  create(category: Category): Promise<void>;
  /** Replaces one category (not its descendants); throws `CATEGORY_NOT_FOUND` or `CATEGORY_NAME_TAKEN`. */
  save(category: Category): Promise<void>;
  /**
   * Saves a category that moved and rewrites `ancestorIds` of its whole subtree: the prefix
   * `oldAncestorIds` becomes `category.ancestorIds`.
   */
  saveMoved(category: Category, oldAncestorIds: string[]): Promise<void>;
  delete(id: string): Promise<void>;
  findById(id: string): Promise<Category | null>;
  /** Every category (the tree is small and cached). Order: by depth, then name. */
  listAll(): Promise<Category[]>;
  /** All categories below `id`, at any depth (one index hit on `ancestorIds`). */
  findDescendants(id: string): Promise<Category[]>;
}
export const CategoryRepository = Symbol.for('CategoryRepository');
