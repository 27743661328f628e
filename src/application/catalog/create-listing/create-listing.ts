import { assertValidAttributes } from '../../../domain/catalog/attributes.js';
import { createListing, type Listing, type ListingContent } from '../../../domain/catalog/listing.js';
import type { Actor } from '../../shared/actor.js';
import type { Clock } from '../../shared/ports/clock.js';
import type { IdGenerator } from '../../shared/ports/id-generator.js';
import type { CategoryReader } from '../category-reader.js';
import type { ListingEvents } from '../listing-events.js';
import type { ListingRepository } from '../ports/listing-repository.js';

/** A seller drafts a listing; its attributes must satisfy the category's effective attributes. */
export class CreateListing {
  constructor(
    private readonly listings: ListingRepository,
    private readonly reader: CategoryReader,
    private readonly events: ListingEvents,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, content: ListingContent): Promise<Listing> {
    const category = await this.reader.get(content.categoryId);
    assertValidAttributes(await this.reader.effectiveAttributes(category), content.attributes);
    const listing = createListing({
      id: this.ids.next(),
      sellerId: actor.userId,
      content: { ...content, mediaIds: [...new Set(content.mediaIds)] },
      at: this.clock.now(),
    });
    await this.listings.create(listing, [this.events.created(listing)]);
    return listing;
  }
}
