import { assertValidAttributes } from '../../../domain/catalog/attributes.js';
import {
  editListing,
  reviewPublishedEdit,
  type Listing,
  type ListingContent,
} from '../../../domain/catalog/listing.js';
import type { Actor } from '../../shared/actor.js';
import type { Clock } from '../../shared/ports/clock.js';
import type { AutoModerator } from '../auto-moderator.js';
import type { CategoryReader } from '../category-reader.js';
import { loadOwnListing } from '../listing-access.js';
import type { ListingEvents } from '../listing-events.js';
import type { ListingRepository } from '../ports/listing-repository.js';

/**
 * The seller edits a listing. Attributes are checked again against the (possibly new) category.
 * A published listing whose content changed goes through auto-moderation again.
 */
export class UpdateListing {
  constructor(
    private readonly listings: ListingRepository,
    private readonly reader: CategoryReader,
    private readonly moderator: AutoModerator,
    private readonly events: ListingEvents,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, id: string, changes: Partial<ListingContent>): Promise<Listing> {
    const before = await loadOwnListing(this.listings, id, actor);
    const now = this.clock.now();
    const edit = editListing(before, { ...changes, mediaIds: changes.mediaIds && [...new Set(changes.mediaIds)] }, now);
    if (changes.categoryId !== undefined || changes.attributes !== undefined) {
      const category = await this.reader.get(edit.listing.categoryId);
      assertValidAttributes(await this.reader.effectiveAttributes(category), edit.listing.attributes);
    }
    const judged = edit.needsModeration
      ? reviewPublishedEdit(edit.listing, await this.moderator.judge(edit.listing), now)
      : edit.listing;
    // One save is one version step, however many transitions the edit went through.
    const after = { ...judged, version: before.version + 1 };
    await this.listings.save(after, [this.events.changed(before, after, edit.changed)]);
    return after;
  }
}
