import { DomainError } from '../../domain/shared/domain-error.js';
import { listingErrors, type Listing } from '../../domain/catalog/listing.js';
import { isAdmin, type Actor } from '../shared/actor.js';
import type { ListingRepository } from './ports/listing-repository.js';

/** Published listings are public; the others only for their seller and admins (404 for the rest). */
export function canView(listing: Listing, viewer: Actor | undefined): boolean {
  return listing.status === 'published' || listing.sellerId === viewer?.userId || isAdmin(viewer);
}

export async function loadVisibleListing(
  listings: ListingRepository,
  id: string,
  viewer: Actor | undefined,
): Promise<Listing> {
  const listing = await listings.findById(id);
  if (!listing || !canView(listing, viewer)) throw listingErrors.notFound();
  return listing;
}

/** The seller's own listing: 404 when the actor cannot see it, 403 when they can but do not own it. */
export async function loadOwnListing(listings: ListingRepository, id: string, actor: Actor): Promise<Listing> {
  const listing = await loadVisibleListing(listings, id, actor);
  if (listing.sellerId !== actor.userId)
    throw new DomainError('forbidden', 'LISTING_NOT_OWNER', 'only the seller may do this');
  return listing;
}
