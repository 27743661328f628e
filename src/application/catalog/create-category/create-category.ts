import type { AttributeDefinition } from '../../../domain/catalog/attributes.js';
import {
  ancestorIdsUnder,
  assertAttributeDefinitions,
  categoryErrors,
  type Category,
} from '../../../domain/catalog/category.js';
import { slugify } from '../../../domain/shared/text.js';
import type { Clock } from '../../shared/ports/clock.js';
import type { IdGenerator } from '../../shared/ports/id-generator.js';
import type { CategoryReader } from '../category-reader.js';
import type { AuditTrail } from '../ports/audit-trail.js';
import type { CategoryRepository } from '../ports/category-repository.js';

export interface CreateCategoryCommand {
  adminId: string;
  name: string;
  parentId?: string | null;
  attributes?: AttributeDefinition[];
}

export class CreateCategory {
  constructor(
    private readonly categories: CategoryRepository,
    private readonly reader: CategoryReader,
    private readonly audit: AuditTrail,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(command: CreateCategoryCommand): Promise<Category> {
    const parent = command.parentId ? await this.parent(command.parentId) : null;
    const inherited = parent ? await this.reader.effectiveAttributes(parent) : [];
    const attributes = command.attributes ?? [];
    assertAttributeDefinitions(
      attributes,
      inherited.map((a) => a.key),
    );
    const now = this.clock.now();
    const category: Category = {
      id: this.ids.next(),
      name: command.name.trim(),
      slug: slugify(command.name),
      parentId: parent?.id ?? null,
      ancestorIds: ancestorIdsUnder(parent),
      attributes,
      createdAt: now,
      updatedAt: now,
    };
    await this.categories.create(category);
    await this.reader.invalidate();
    await this.audit.record({
      id: this.ids.next(),
      actorId: command.adminId,
      action: 'category.create',
      targetType: 'category',
      targetId: category.id,
      at: now,
    });
    return category;
  }

  private async parent(id: string): Promise<Category> {
    const parent = await this.categories.findById(id);
    if (!parent) throw categoryErrors.parentNotFound();
    return parent;
  }
}
