import { moderateListing, type Listing } from '../../../domain/catalog/listing.js';
import { listingErrors } from '../../../domain/catalog/listing.js';
import type { Clock } from '../../shared/ports/clock.js';
import type { IdGenerator } from '../../shared/ports/id-generator.js';
import type { ListingEvents } from '../listing-events.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { ListingRepository } from '../ports/listing-repository.js';

export interface ModerateListingCommand {
  adminId: string;
  listingId: string;
  verdict: 'approved' | 'rejected';
  reason?: string;
}

/** An admin approves (-> published) or rejects a listing in moderation; audited, and the seller is notified. */
export class ModerateListing {
  constructor(
    private readonly listings: ListingRepository,
    private readonly events: ListingEvents,
    private readonly audit: AuditLog,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(command: ModerateListingCommand): Promise<Listing> {
    const before = await this.listings.findById(command.listingId);
    if (!before) throw listingErrors.notFound();
    const after = moderateListing(before, command.verdict, this.clock.now(), command.reason);
    const noticeType = command.verdict === 'approved' ? 'listing.approved' : 'listing.rejected';
    const notice = this.events.sellerNotice(after, noticeType, command.reason);
    await this.listings.save(after, [this.events.changed(before, after, []), notice]);
    await this.audit.record({
      id: this.ids.next(),
      actorId: command.adminId,
      action: command.verdict === 'approved' ? 'listing.approve' : 'listing.reject',
      targetType: 'listing',
      targetId: after.id,
      reason: command.reason,
      at: after.updatedAt,
    });
    return after;
  }
}
