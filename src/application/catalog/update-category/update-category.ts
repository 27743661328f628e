import type { AttributeDefinition } from '../../../domain/catalog/attributes.js';
import {
  ancestorIdsUnder,
  assertAttributeDefinitions,
  assertMovable,
  categoryErrors,
  effectiveAttributes,
  type Category,
} from '../../../domain/catalog/category.js';
import { slugify } from '../../../domain/shared/text.js';
import type { Clock } from '../../shared/ports/clock.js';
import type { IdGenerator } from '../../shared/ports/id-generator.js';
import type { CategoryReader } from '../category-reader.js';
import type { AuditTrail } from '../ports/audit-trail.js';
import type { CategoryRepository } from '../ports/category-repository.js';

export interface UpdateCategoryCommand {
  adminId: string;
  id: string;
  name?: string;
  /** `null` moves it to the root; absent leaves it where it is. */
  parentId?: string | null;
  attributes?: AttributeDefinition[];
}

/**
 * Renames, moves and redefines attributes. Moving under itself or a descendant is 409; no key may
 * be defined twice along any path of the tree, so the moved subtree is checked against its new
 * ancestors, and new own attributes against the descendants' own.
 */
export class UpdateCategory {
  constructor(
    private readonly categories: CategoryRepository,
    private readonly reader: CategoryReader,
    private readonly audit: AuditTrail,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(command: UpdateCategoryCommand): Promise<Category> {
    const current = await this.categories.findById(command.id);
    if (!current) throw categoryErrors.notFound();
    const parent =
      command.parentId === undefined ? await this.existing(current.parentId) : await this.newParent(command.parentId);
    assertMovable(current, parent);
    const updated: Category = {
      ...current,
      name: command.name?.trim() ?? current.name,
      slug: command.name ? slugify(command.name) : current.slug,
      parentId: parent?.id ?? null,
      ancestorIds: ancestorIdsUnder(parent),
      attributes: command.attributes ?? current.attributes,
      updatedAt: this.clock.now(),
    };
    await this.assertNoRedefinition(updated);
    if (updated.parentId !== current.parentId) await this.categories.saveMoved(updated, current.ancestorIds);
    else await this.categories.save(updated);
    await this.reader.invalidate();
    await this.audit.record({
      id: this.ids.next(),
      actorId: command.adminId,
      action: 'category.update',
      targetType: 'category',
      targetId: updated.id,
      at: updated.updatedAt,
    });
    return updated;
  }

  private async existing(id: string | null): Promise<Category | null> {
    return id ? this.categories.findById(id) : null;
  }

  private async newParent(id: string | null): Promise<Category | null> {
    if (id === null) return null;
    const parent = await this.categories.findById(id);
    if (!parent) throw categoryErrors.parentNotFound();
    return parent;
  }

  private async assertNoRedefinition(updated: Category): Promise<void> {
    const all = (await this.reader.all()).map((c) => (c.id === updated.id ? updated : c));
    const ancestors = all.filter((c) => updated.ancestorIds.includes(c.id));
    const inherited = effectiveAttributes({ ...updated, attributes: [] }, ancestors).map((a) => a.key);
    assertAttributeDefinitions(updated.attributes, inherited);
    const aboveAndHere = new Set([...inherited, ...updated.attributes.map((a) => a.key)]);
    const descendants = await this.categories.findDescendants(updated.id);
    const clashes = descendants.flatMap((d) => d.attributes.map((a) => a.key)).filter((key) => aboveAndHere.has(key));
    if (clashes.length > 0) throw categoryErrors.redefined([...new Set(clashes)]);
  }
}
