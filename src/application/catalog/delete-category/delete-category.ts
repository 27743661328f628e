import { categoryErrors } from '../../../domain/catalog/category.js';
import type { Clock } from '../../shared/ports/clock.js';
import type { IdGenerator } from '../../shared/ports/id-generator.js';
import type { CategoryReader } from '../category-reader.js';
import type { AuditTrail } from '../ports/audit-trail.js';
import type { CategoryRepository } from '../ports/category-repository.js';
import type { ListingRepository } from '../ports/listing-repository.js';

/** Deletes a leaf category with no listings (409 otherwise). */
export class DeleteCategory {
  constructor(
    private readonly categories: CategoryRepository,
    private readonly listings: ListingRepository,
    private readonly reader: CategoryReader,
    private readonly audit: AuditTrail,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(adminId: string, id: string): Promise<void> {
    if (!(await this.categories.findById(id))) throw categoryErrors.notFound();
    if ((await this.categories.findDescendants(id)).length > 0) throw categoryErrors.hasChildren();
    if (await this.listings.existsInCategories([id])) throw categoryErrors.hasListings();
    await this.categories.delete(id);
    await this.reader.invalidate();
    await this.audit.record({
      id: this.ids.next(),
      actorId: adminId,
      action: 'category.delete',
      targetType: 'category',
      targetId: id,
      at: this.clock.now(),
    });
  }
}
