import type { Listing } from '../../../domain/catalog/listing.js';
import { keysetOf, listingOrders, type Keyset, type ListingOrder } from '../../shared/catalog/listing-keyset.js';
import { compareStrings } from '../../shared/catalog/ordering.js';

/** Negative when the listing comes before the position in this order, positive after. */
export function compareToKeyset(listing: Listing, keyset: Keyset, order: ListingOrder): number {
  const { direction } = listingOrders[order];
  const own = keysetOf(listing, order);
  return direction * (own.value - keyset.value || compareStrings(own.id, keyset.id));
}

export function listingComparator(order: ListingOrder): (a: Listing, b: Listing) => number {
  return (a, b) => compareToKeyset(a, keysetOf(b, order), order);
}
