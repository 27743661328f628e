import { DomainError } from './domain-error.js';

/**
 * The errors about a listing that several modules answer (catalog owns listings; the cart and
 * auctions sell their units): each code is constructed here once, so every module answers alike.
 */
export const listingSaleErrors = {
  notFound: () => new DomainError('not_found', 'LISTING_NOT_FOUND', 'listing not found'),
  notForSale: () => new DomainError('conflict', 'LISTING_NOT_FOR_SALE', 'this listing is not published'),
  insufficientStock: (available: number) =>
    new DomainError('conflict', 'INSUFFICIENT_STOCK', `only ${available} available`, { available }),
};
