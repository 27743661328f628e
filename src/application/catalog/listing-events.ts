import type { Listing } from '../../domain/catalog/listing.js';
import type { EventBus } from '../shared/events/event-bus.js';

/** The catalogue events of a listing, in one place so every use case publishes the same shapes. */
export class ListingEvents {
  constructor(private readonly bus: EventBus) {}

  async created(listing: Listing): Promise<void> {
    await this.bus.publish('listing.created', {
      listingId: listing.id,
      sellerId: listing.sellerId,
      categoryId: listing.categoryId,
      title: listing.title,
      price: listing.price,
      quantity: listing.quantity,
      status: listing.status,
    });
  }

  /** `listing.published` when it became published, `listing.updated` otherwise. */
  async changed(before: Listing, after: Listing, changes: string[]): Promise<void> {
    if (after.status === 'published' && before.status !== 'published') {
      await this.bus.publish('listing.published', {
        listingId: after.id,
        sellerId: after.sellerId,
        categoryId: after.categoryId,
        price: after.price,
        quantity: after.quantity,
        publishedAt: (after.publishedAt ?? after.updatedAt).toISOString(),
      });
      return;
    }
    const fields = before.status === after.status ? changes : [...changes, 'status'];
    await this.bus.publish('listing.updated', {
      listingId: after.id,
      sellerId: after.sellerId,
      status: after.status,
      changes: fields,
      price: after.price,
      quantity: after.quantity,
    });
  }

  async notifySeller(listing: Listing, type: 'listing.approved' | 'listing.rejected', reason?: string): Promise<void> {
    await this.bus.publish('notification.send', {
      userId: listing.sellerId,
      type,
      title: type === 'listing.approved' ? 'Listing published' : 'Listing rejected',
      body: type === 'listing.approved' ? `"${listing.title}" is now live.` : `"${listing.title}" was rejected: ${reason ?? 'see the moderation notes'}`,
      data: { listingId: listing.id },
    });
  }
}
