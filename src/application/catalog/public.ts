import type { Money } from '../../domain/shared/money.js';
import type { Page, PageRequest } from '../shared/ports/page.js';

/** A listing as other modules see it. */
export interface CatalogListing {
  id: string;
  sellerId: string;
  title: string;
  price: Money;
  published: boolean;
  /** Stock on hand as the catalog last projected it (the stock ledger is the source of truth). */
  quantity: number;
}

/** A published listing's stock on hand. */
export interface ListedStock {
  listingId: string;
  quantity: number;
}

/**
 * What other modules may ask of the catalog: its public API (served in-process by
 * `CatalogPublicApi`; an HTTP API after a split). Bridges in src/adapters/in-process/ reach the
 * catalog only through it.
 */
export interface CatalogApi {
  listing(listingId: string): Promise<CatalogListing | null>;
  /** Every published listing with its stock on hand, a page at a time. */
  publishedStock(page: PageRequest): Promise<Page<ListedStock>>;
  /**
   * Repairs a listing's quantity (a projection of the stock ledger) from `from` to `to`, publishing
   * nothing; false when it is not `from` any more (it moved meanwhile: nothing done).
   */
  correctQuantity(listingId: string, from: number, to: number): Promise<boolean>;
}
export const CatalogApi = Symbol.for('CatalogApi');
