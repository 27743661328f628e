import { moderateListing, type Listing } from '../../../domain/catalog/listing.js';
import { listingErrors } from '../../../domain/catalog/listing.js';
import type { Clock } from '../../shared/ports/clock.js';
import type { ListingEvents } from '../listing-events.js';
import type { ListingRepository } from '../ports/listing-repository.js';

export interface ModerateListingCommand {
  adminId: string;
  listingId: string;
  verdict: 'approved' | 'rejected';
  reason?: string;
}

/**
 * An admin approves (-> published) or rejects a listing in moderation; audited and the seller notified in the same
 * write.
 */
export class ModerateListing {
  constructor(
    private readonly listings: ListingRepository,
    private readonly events: ListingEvents,
    private readonly clock: Clock,
  ) {}

  async execute(command: ModerateListingCommand): Promise<Listing> {
    const before = await this.listings.findById(command.listingId);
    if (!before) throw listingErrors.notFound();
    const after = moderateListing(before, command.verdict, this.clock.now(), command.reason);
    const noticeType = command.verdict === 'approved' ? 'listing.approved' : 'listing.rejected';
    const notice = this.events.sellerNotice(after, noticeType, command.reason);
    const audited = this.events.adminAction(
      command.adminId,
      command.verdict === 'approved' ? 'listing.approve' : 'listing.reject',
      after,
      command.reason,
    );
    await this.listings.save(after, [this.events.changed(before, after, []), notice, audited]);
    return after;
  }
}
