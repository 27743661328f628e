import { archiveListing } from '../../../domain/catalog/listing.js';
import { isAdmin, type Actor } from '../../shared/actor.js';
import type { Clock } from '../../shared/ports/clock.js';
import { loadOwnListing, loadVisibleListing } from '../listing-access.js';
import type { ListingEvents } from '../listing-events.js';
import type { ListingRepository } from '../ports/listing-repository.js';

/** Soft delete by the seller or an admin (an admin's, of another's listing, is audited in the same write). */
export class ArchiveListing {
  constructor(
    private readonly listings: ListingRepository,
    private readonly events: ListingEvents,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, id: string, reason?: string): Promise<void> {
    const admin = isAdmin(actor);
    const before = admin
      ? await loadVisibleListing(this.listings, id, actor)
      : await loadOwnListing(this.listings, id, actor);
    const after = archiveListing(before, this.clock.now());
    const audited =
      admin && before.sellerId !== actor.userId
        ? [this.events.adminAction(actor.userId, 'listing.archive', after, reason)]
        : [];
    await this.listings.save(after, [this.events.changed(before, after, []), ...audited]);
  }
}
