import type { Collection, Filter, Sort } from 'mongodb';
import type { Page, PageRequest } from '../../../application/shared/ports/page.js';
import type { Listing } from '../../../domain/catalog/listing.js';
import {
  decodeCursor,
  encodeCursor,
  keysetOf,
  listingOrders,
  type Keyset,
  type ListingOrder,
} from '../../shared/catalog/listing-keyset.js';
import { toListing, type ListingDocument } from './listing-document.js';

type ListingFilter = Filter<ListingDocument>;

/** The stored field each order sorts on, and how a cursor's number becomes a stored value. */
const orderFields: Record<ListingOrder, { field: string; stored(value: number): number | Date }> = {
  newest: { field: 'publishedAt', stored: (value) => new Date(value) },
  price_asc: { field: 'price.amount', stored: (value) => value },
  price_desc: { field: 'price.amount', stored: (value) => value },
  updated_asc: { field: 'updatedAt', stored: (value) => new Date(value) },
};

/**
 * One page in `order` by keyset: `filter` and every condition of `and`, strictly after the
 * cursor's (value, id); one listing more than the page is read to know whether another follows.
 */
export async function findPage(
  listings: Collection<ListingDocument>,
  query: { filter: ListingFilter; and: ListingFilter[] },
  order: ListingOrder,
  request: PageRequest,
): Promise<Page<Listing>> {
  const and =
    request.cursor === undefined ? query.and : [...query.and, afterKeyset(order, decodeCursor(request.cursor, order))];
  const filter = and.length > 0 ? { ...query.filter, $and: and } : query.filter;
  const documents = await listings
    .find(filter)
    .sort(sortOf(order))
    .limit(request.limit + 1)
    .toArray();
  const items = documents.slice(0, request.limit).map(toListing);
  const last = items.at(-1);
  const nextCursor = documents.length > items.length && last ? encodeCursor(order, keysetOf(last, order)) : null;
  return { items, nextCursor };
}

function sortOf(order: ListingOrder): Sort {
  const { direction } = listingOrders[order];
  return { [orderFields[order].field]: direction, _id: direction };
}

function afterKeyset(order: ListingOrder, keyset: Keyset): ListingFilter {
  const { field, stored } = orderFields[order];
  const beyond = listingOrders[order].direction === 1 ? '$gt' : '$lt';
  const value = stored(keyset.value);
  return { $or: [{ [field]: { [beyond]: value } }, { [field]: value, _id: { [beyond]: keyset.id } }] };
}
