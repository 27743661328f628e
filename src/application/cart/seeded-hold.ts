import type { ReservationResult, StockLedger } from './ports/stock-ledger.js';

/**
 * A hold that finds the listing unknown to the ledger seeds it with the catalog's quantity (null:
 * not a published listing, nothing seeded), then tries once more. The ledger learns a listing's
 * stock from `listing.published` through the outbox, so a buyer, or the seller's auction, may come
 * first, within milliseconds of publication. `seed` sets nothing once the ledger knows the
 * listing: the late event, or a racing seed, never undoes a sale.
 */
export async function seededHold(
  ledger: StockLedger,
  listingId: string,
  stockOnHand: () => Promise<number | null>,
  hold: () => Promise<ReservationResult>,
): Promise<ReservationResult> {
  const result = await hold();
  if (result.ok || result.reason !== 'unknown_listing') return result;
  const quantity = await stockOnHand();
  if (quantity === null) return result;
  await ledger.seed(listingId, quantity);
  return hold();
}
