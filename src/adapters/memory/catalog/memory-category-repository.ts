import type { CategoryRepository } from '../../../application/catalog/ports/category-repository.js';
import { categoryErrors, type Category } from '../../../domain/catalog/category.js';
import { compareCategories } from '../../shared/catalog/ordering.js';
import { copyCategory } from '../../shared/catalog/copies.js';

/** CategoryRepository in process memory; a slug is unique among siblings. Stores and returns copies. */
export class MemoryCategoryRepository implements CategoryRepository {
  private readonly categories = new Map<string, Category>();

  async create(category: Category): Promise<void> {
    if (this.categories.has(category.id)) throw new Error(`a category with id ${category.id} is already stored`);
    this.assertSlugFree(category);
    this.categories.set(category.id, copyCategory(category));
  }

  async save(category: Category): Promise<void> {
    if (!this.categories.has(category.id)) throw categoryErrors.notFound();
    this.assertSlugFree(category);
    this.categories.set(category.id, copyCategory(category));
  }

  async saveMoved(category: Category, oldAncestorIds: string[]): Promise<void> {
    await this.save(category);
    for (const descendant of this.descendantsOf(category.id)) {
      descendant.ancestorIds = [...category.ancestorIds, ...descendant.ancestorIds.slice(oldAncestorIds.length)];
    }
  }

  async delete(id: string): Promise<void> {
    this.categories.delete(id);
  }

  async findById(id: string): Promise<Category | null> {
    const category = this.categories.get(id);
    return category ? copyCategory(category) : null;
  }

  async listAll(): Promise<Category[]> {
    return [...this.categories.values()].sort(compareCategories).map(copyCategory);
  }

  async findDescendants(id: string): Promise<Category[]> {
    return this.descendantsOf(id).sort(compareCategories).map(copyCategory);
  }

  private descendantsOf(id: string): Category[] {
    return [...this.categories.values()].filter((category) => category.ancestorIds.includes(id));
  }

  private assertSlugFree(category: Category): void {
    const taken = [...this.categories.values()].some(
      (other) => other.id !== category.id && other.parentId === category.parentId && other.slug === category.slug,
    );
    if (taken) throw categoryErrors.nameTaken();
  }
}
