import type { Listing } from '../../domain/catalog/listing.js';
import type { EventEnvelope } from '../shared/events/envelope.js';
import type { EventFactory } from '../shared/events/event-factory.js';

/**
 * Builds the catalogue events of a listing, in one place so every use case stores the same shapes.
 * They are stored with the listing's change (ListingRepository), never published from here.
 */
export class ListingEvents {
  constructor(private readonly events: EventFactory) {}

  created(listing: Listing): EventEnvelope {
    return this.events.create('listing.created', {
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
  changed(before: Listing, after: Listing, changes: string[]): EventEnvelope {
    if (after.status === 'published' && before.status !== 'published') {
      return this.events.create('listing.published', {
        listingId: after.id,
        sellerId: after.sellerId,
        categoryId: after.categoryId,
        price: after.price,
        quantity: after.quantity,
        publishedAt: (after.publishedAt ?? after.updatedAt).toISOString(),
      });
    }
    const fields = before.status === after.status ? changes : [...changes, 'status'];
    return this.events.create('listing.updated', {
      listingId: after.id,
      sellerId: after.sellerId,
      status: after.status,
      changes: fields,
      price: after.price,
      quantity: after.quantity,
    });
  }

  sellerNotice(listing: Listing, type: 'listing.approved' | 'listing.rejected', reason?: string): EventEnvelope {
    return this.events.create('notification.send', {
      userId: listing.sellerId,
      type,
      title: type === 'listing.approved' ? 'Listing published' : 'Listing rejected',
      body:
        type === 'listing.approved'
          ? `"${listing.title}" is now live.`
          : `"${listing.title}" was rejected: ${reason ?? 'see the moderation notes'}`,
      data: { listingId: listing.id },
    });
  }

  /** An admin's command on the listing, for the audit log (stored with the change it made). */
  adminAction(
    adminId: string,
    action: 'listing.approve' | 'listing.reject' | 'listing.archive',
    listing: Listing,
    reason?: string,
  ): EventEnvelope {
    return this.events.create('admin.action', {
      actorId: adminId,
      action,
      targetType: 'listing',
      targetId: listing.id,
      ...(reason ? { reason } : {}),
    });
  }
}
