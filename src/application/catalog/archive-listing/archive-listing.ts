import { archiveListing } from '../../../domain/catalog/listing.js';
import { isAdmin, type Actor } from '../../shared/actor.js';
import type { Clock } from '../../shared/ports/clock.js';
import type { IdGenerator } from '../../shared/ports/id-generator.js';
import { loadOwnListing, loadVisibleListing } from '../listing-access.js';
import type { ListingEvents } from '../listing-events.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { ListingRepository } from '../ports/listing-repository.js';

/** Soft delete by the seller or an admin (an admin's is audited). */
export class ArchiveListing {
  constructor(
    private readonly listings: ListingRepository,
    private readonly events: ListingEvents,
    private readonly audit: AuditLog,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, id: string, reason?: string): Promise<void> {
    const admin = isAdmin(actor);
    const before = admin ? await loadVisibleListing(this.listings, id, actor) : await loadOwnListing(this.listings, id, actor);
    const after = archiveListing(before, this.clock.now());
    await this.listings.save(after, [this.events.changed(before, after, [])]);
    if (admin && before.sellerId !== actor.userId) {
      await this.audit.record({ id: this.ids.next(), actorId: actor.userId, action: 'listing.archive', targetType: 'listing', targetId: id, reason, at: after.updatedAt });
    }
  }
}
