import { cartErrors } from '../../domain/cart/cart.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import type { CartCatalog, ListingForSale } from './ports/cart-catalog.js';

/** A published listing that `buyerId` may put in their cart. */
export async function listingForBuyer(catalog: CartCatalog, listingId: string, buyerId: string): Promise<ListingForSale> {
  const listing = await catalog.listing(listingId);
  if (!listing) throw new DomainError('not_found', 'LISTING_NOT_FOUND', 'listing not found');
  if (!listing.published) throw cartErrors.notForSale();
  if (listing.sellerId === buyerId) throw cartErrors.ownListing();
  return listing;
}
