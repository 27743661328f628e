import type { Container } from 'inversify';
import { CreateListing } from '../../src/application/catalog/create-listing/create-listing.js';
import type { Listing } from '../../src/domain/catalog/listing.js';

/** A draft listing of the user `seller`: "Thing", EUR 1.00, `quantity` units, in `categoryId` (through CreateListing). */
export function draftListing(container: Container, categoryId: string, quantity: number): Promise<Listing> {
  return container.get(CreateListing).execute(
    { userId: 'seller', roles: ['seller'] },
    {
      title: 'Thing',
      description: '',
      categoryId,
      price: { amount: 100, currency: 'EUR' },
      quantity,
      attributes: {},
      mediaIds: [],
    },
  );
}
