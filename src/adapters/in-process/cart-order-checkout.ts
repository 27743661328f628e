import { auctionHolderId } from '../../application/auctions/ports/auction-stock.js';
import type { CartRepository } from '../../application/cart/ports/cart-repository.js';
import type { CommitItem, CommitResult, StockLedger } from '../../application/cart/ports/stock-ledger.js';
import type { CartContents, OrderCheckout, StockSale } from '../../application/orders/ports/order-checkout.js';
import type { Order, OrderItem } from '../../domain/orders/order.js';

const commitItems = (items: Pick<OrderItem, 'listingId' | 'quantity'>[]): CommitItem[] =>
  items.map(({ listingId, quantity }) => ({ listingId, quantity }));

function sale(committed: CommitResult): StockSale {
  if (committed.ok) return { ok: true };
  return committed.reason === 'abandoned' ? committed : { ok: false, reason: 'reservation_expired', listingIds: committed.missing };
}

/**
 * The orders module's checkout, served in-process by the cart module: the cart lines, and the
 * stock ledger (whose sales and give-backs are keyed by the order id, and which stores the
 * stock.* events itself). Also sells the units auctions hold.
 */
export class CartOrderCheckout implements OrderCheckout {
  constructor(
    private readonly carts: CartRepository,
    private readonly ledger: StockLedger,
  ) {}

  async cartOf(buyerId: string, now: Date): Promise<CartContents> {
    const lines = await this.carts.lines(buyerId);
    if (lines.length === 0) return { ok: false, reason: 'empty_cart' };
    const reservations = await Promise.all(lines.map((line) => this.ledger.reservation(line.listingId, buyerId, now)));
    const expired = lines.filter((_, i) => !reservations[i]).map((line) => line.listingId);
    if (expired.length > 0) return { ok: false, reason: 'reservation_expired', listingIds: expired };
    const items = lines.map(({ listingId, sellerId, title, unitPrice }, i) => {
      return { listingId, sellerId, title, unitPrice, quantity: reservations[i]!.quantity };
    });
    return { ok: true, items };
  }

  async sell(orderId: string, buyerId: string, items: OrderItem[], now: Date): Promise<StockSale> {
    const committed = await this.ledger.commit(orderId, buyerId, commitItems(items), now);
    // A line left behind by a crash here has no reservation any more: reading the cart drops it.
    if (committed.ok) await Promise.all(items.map((item) => this.carts.removeLine(buyerId, item.listingId)));
    return sale(committed);
  }

  async holdAuctionUnit(auctionId: string, listingId: string, until: Date, now: Date): Promise<boolean> {
    return (await this.ledger.hold(listingId, auctionHolderId(auctionId), 1, until, now)).ok;
  }

  async sellAuctionUnit(orderId: string, auctionId: string, listingId: string, now: Date): Promise<StockSale> {
    return sale(await this.ledger.commit(orderId, auctionHolderId(auctionId), [{ listingId, quantity: 1 }], now));
  }

  async settle(orderId: string): Promise<'sold' | 'unsold'> {
    return (await this.ledger.abandon(orderId)) === 'committed' ? 'sold' : 'unsold';
  }

  async giveBack(order: Pick<Order, 'id' | 'buyerId' | 'items'>): Promise<void> {
    await this.ledger.restock(order.id, order.buyerId, commitItems(order.items));
  }
}
