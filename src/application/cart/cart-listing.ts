import { cartErrors } from '../../domain/cart/cart.js';
import type { CartCatalog, ListingForSale } from './ports/cart-catalog.js';

/** A published listing that `buyerId` may put in their cart. */
export async function listingForBuyer(
  catalog: CartCatalog,
  listingId: string,
  buyerId: string,
): Promise<ListingForSale> {
  const listing = await catalog.listing(listingId);
  if (!listing) throw cartErrors.listingNotFound();
  if (!listing.published) throw cartErrors.notForSale();
  if (listing.sellerId === buyerId) throw cartErrors.ownListing();
  return listing;
}
