import type { CartCatalog } from './ports/cart-catalog.js';
import type { CartRepository } from './ports/cart-repository.js';
import type { CommitItem, CommitResult, StockLedger } from './ports/stock-ledger.js';
import { seededHold } from './seeded-hold.js';
import type { AuctionHoldResult, CartApi, CheckoutCart, SoldUnits, StockSale } from './public.js';

/** The ledger holder of an auction's unit: the auction holds it, the winner's order commits it. */
export const auctionHolderId = (auctionId: string): string => `auction:${auctionId}`;

const commitItems = (units: SoldUnits[]): CommitItem[] =>
  units.map(({ listingId, quantity }) => ({ listingId, quantity }));

function sale(committed: CommitResult): StockSale {
  if (committed.ok) return { ok: true };
  return committed.reason === 'abandoned'
    ? committed
    : { ok: false, reason: 'reservation_expired', listingIds: committed.missing };
}

/** The cart's public API, over its cart lines and stock ledger (which stores the stock.* events itself). */
export class CartPublicApi implements CartApi {
  constructor(
    private readonly carts: CartRepository,
    private readonly ledger: StockLedger,
    private readonly catalog: CartCatalog,
  ) {}

  async availableOf(listingIds: string[]): Promise<Map<string, number>> {
    const levels = await this.ledger.levels(listingIds);
    return new Map(levels.flatMap((level) => (level ? [[level.listingId, level.available] as const] : [])));
  }

  async holdForAuction(listingId: string, auctionId: string, until: Date, now: Date): Promise<AuctionHoldResult> {
    const result = await seededHold(
      this.ledger,
      listingId,
      () => this.publishedQuantity(listingId),
      () => this.ledger.hold(listingId, auctionHolderId(auctionId), 1, until, now),
    );
    return result.ok ? 'held' : result.reason;
  }

  async releaseAuctionHold(listingId: string, auctionId: string): Promise<void> {
    await this.ledger.release(listingId, auctionHolderId(auctionId), 'auction_ended');
  }

  async checkoutCart(buyerId: string, now: Date): Promise<CheckoutCart> {
    const lines = await this.carts.lines(buyerId);
    if (lines.length === 0) return { ok: false, reason: 'empty_cart' };
    const listingIds = lines.map((line) => line.listingId);
    const reservations = await this.ledger.reservations(buyerId, listingIds, now);
    const expired = lines.filter((_, i) => !reservations[i]).map((line) => line.listingId);
    if (expired.length > 0) return { ok: false, reason: 'reservation_expired', listingIds: expired };
    const checkoutLines = lines.map(({ listingId, sellerId, title, unitPrice }, i) => {
      return { listingId, sellerId, title, unitPrice, quantity: reservations[i]!.quantity };
    });
    return { ok: true, lines: checkoutLines };
  }

  async sell(orderId: string, buyerId: string, units: SoldUnits[], now: Date): Promise<StockSale> {
    const committed = await this.ledger.commit(orderId, buyerId, commitItems(units), now);
    // A line left behind by a crash here has no reservation any more: reading the cart drops it.
    if (committed.ok) await Promise.all(units.map((unit) => this.carts.removeLine(buyerId, unit.listingId)));
    return sale(committed);
  }

  async sellAuctionUnit(orderId: string, auctionId: string, listingId: string, now: Date): Promise<StockSale> {
    return sale(await this.ledger.commit(orderId, auctionHolderId(auctionId), [{ listingId, quantity: 1 }], now));
  }

  async settle(orderId: string): Promise<'sold' | 'unsold'> {
    return (await this.ledger.abandon(orderId)) === 'committed' ? 'sold' : 'unsold';
  }

  async giveBack(orderId: string, buyerId: string, units: SoldUnits[]): Promise<void> {
    await this.ledger.restock(orderId, buyerId, commitItems(units));
  }

  private async publishedQuantity(listingId: string): Promise<number | null> {
    const listing = await this.catalog.listing(listingId);
    return listing?.published ? listing.quantity : null;
  }
}
