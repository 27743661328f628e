import type { Category } from '../../../domain/catalog/category.js';
import type { CategoryReader } from '../category-reader.js';

export interface CategoryNode {
  category: Category;
  children: CategoryNode[];
}

/** The whole tree, roots first, children ordered by name. */
export class GetCategoryTree {
  constructor(private readonly reader: CategoryReader) {}

  async execute(): Promise<CategoryNode[]> {
    const all = await this.reader.all();
    const nodes = new Map(all.map((c) => [c.id, { category: c, children: [] as CategoryNode[] }]));
    const roots: CategoryNode[] = [];
    for (const node of [...nodes.values()].sort((a, b) => a.category.name.localeCompare(b.category.name))) {
      const parent = node.category.parentId ? nodes.get(node.category.parentId) : undefined;
      (parent ? parent.children : roots).push(node);
    }
    return roots;
  }
}
