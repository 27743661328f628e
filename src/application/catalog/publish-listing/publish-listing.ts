import { submitForPublication, type Listing } from '../../../domain/catalog/listing.js';
import type { Actor } from '../../shared/actor.js';
import type { Clock } from '../../shared/ports/clock.js';
import type { AutoModerator } from '../auto-moderator.js';
import { loadOwnListing } from '../listing-access.js';
import type { ListingEvents } from '../listing-events.js';
import type { ListingRepository } from '../ports/listing-repository.js';
import type { SellerVerification } from '../ports/seller-verification.js';

/** draft -> published when auto-moderation passes, else -> moderation. KYC-verified sellers only (403). */
export class PublishListing {
  constructor(
    private readonly listings: ListingRepository,
    private readonly sellers: SellerVerification,
    private readonly moderator: AutoModerator,
    private readonly events: ListingEvents,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, id: string): Promise<Listing> {
    const before = await loadOwnListing(this.listings, id, actor);
    await this.sellers.assertVerifiedSeller(actor.userId);
    const after = submitForPublication(before, await this.moderator.judge(before), this.clock.now());
    await this.listings.save(after, [this.events.changed(before, after, [])]);
    return after;
  }
}
