import type { CommitItem } from '../../../application/cart/ports/stock-ledger.js';

/** Input rules both StockLedger adapters enforce, so that they refuse the same calls. */
/** Largest quantity (and stock on hand) the ledgers accept, so that every sum stays exact (also in Lua). */
export const MAX_QUANTITY = 1_000_000_000;

export function checkListingId(listingId: string): void {
  if (typeof listingId !== 'string' || listingId === '' || listingId.includes('|')) {
    throw new RangeError(`listing id must be a non-empty string without '|': ${JSON.stringify(listingId)}`);
  }
}

export function checkHolderId(holderId: string): void {
  if (typeof holderId !== 'string' || holderId === '') throw new RangeError('holder id must be a non-empty string');
}

export function checkOrderId(orderId: string): void {
  if (typeof orderId !== 'string' || orderId === '') throw new RangeError('order id must be a non-empty string');
}

export function checkQuantity(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 0 || value > MAX_QUANTITY) {
    throw new RangeError(`${name} must be an integer from 0 to ${MAX_QUANTITY}: ${value}`);
  }
}

export function checkExpiry(quantity: number, expiresAt: Date, now: Date): void {
  if (Number.isNaN(expiresAt.getTime()) || Number.isNaN(now.getTime()))
    throw new RangeError('expiresAt and now must be valid dates');
  if (quantity > 0 && expiresAt.getTime() <= now.getTime()) throw new RangeError('a reservation must expire after now');
}

export function checkLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 0) throw new RangeError(`limit must be a non-negative integer: ${limit}`);
}

export function checkCommitItems(items: CommitItem[]): void {
  const seen = new Set<string>();
  for (const { listingId, quantity } of items) {
    checkListingId(listingId);
    checkQuantity(quantity, 'quantity');
    if (quantity === 0) throw new RangeError('an item must have a positive quantity');
    if (seen.has(listingId)) throw new RangeError(`listing ${JSON.stringify(listingId)} appears twice in one order`);
    seen.add(listingId);
  }
}
