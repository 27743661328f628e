import type { AttributeDefinition } from '../../../domain/catalog/attributes.js';
import type { Category } from '../../../domain/catalog/category.js';
import type { CategoryReader } from '../category-reader.js';

/** One category with its effective attributes (own + inherited from every ancestor). */
export class GetCategory {
  constructor(private readonly reader: CategoryReader) {}

  async execute(id: string): Promise<{ category: Category; attributes: AttributeDefinition[] }> {
    const category = await this.reader.get(id);
    return { category, attributes: await this.reader.effectiveAttributes(category) };
  }
}
