/**
 * Units of each listing that buyers can still reserve (stock on hand minus live reservations), from the cart module.
 */
export interface StockAvailability {
  /** Listings the stock keeper does not know yet are absent from the map. */
  availableOf(listingIds: string[]): Promise<Map<string, number>>;
}
export const StockAvailability = Symbol.for('StockAvailability');
