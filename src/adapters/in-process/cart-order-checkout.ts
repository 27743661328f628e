import { auctionHolderId } from '../../application/auctions/ports/auction-stock.js';
import type { CartRepository } from '../../application/cart/ports/cart-repository.js';
import type { StockLedger, StockLevel } from '../../application/cart/ports/stock-ledger.js';
import type { CheckoutResult, OrderCheckout, StockChange } from '../../application/orders/ports/order-checkout.js';
import type { OrderItem } from '../../domain/orders/order.js';

const change = ({ listingId, onHand, available }: StockLevel): StockChange => ({ listingId, onHand, available });

/** The orders module's checkout, served in-process by the cart module (ledger + cart lines, and the units auctions hold). */
export class CartOrderCheckout implements OrderCheckout {
  constructor(
    private readonly carts: CartRepository,
    private readonly ledger: StockLedger,
  ) {}

  async checkout(buyerId: string, now: Date): Promise<CheckoutResult> {
    const lines = await this.carts.lines(buyerId);
    if (lines.length === 0) return { ok: false, reason: 'empty_cart' };
    const reservations = await Promise.all(lines.map((line) => this.ledger.reservation(line.listingId, buyerId, now)));
    const expired = lines.filter((_, i) => !reservations[i]).map((line) => line.listingId);
    if (expired.length > 0) return { ok: false, reason: 'reservation_expired', listingIds: expired };
    const items: OrderItem[] = lines.map((line, i) => ({
      listingId: line.listingId,
      sellerId: line.sellerId,
      title: line.title,
      unitPrice: line.unitPrice,
      quantity: reservations[i]!.quantity,
    }));
    const committed = await this.ledger.commit(buyerId, items, now);
    if (!committed.ok) return { ok: false, reason: 'reservation_expired', listingIds: committed.missing };
    await Promise.all(lines.map((line) => this.carts.removeLine(buyerId, line.listingId)));
    return { ok: true, items, stock: committed.levels.map(change) };
  }

  async giveBack(items: { listingId: string; quantity: number }[]): Promise<StockChange[]> {
    const levels = [];
    for (const item of items) levels.push(await this.ledger.restock(item.listingId, item.quantity));
    return levels.map(change);
  }

  async takeAuctionUnit(auctionId: string, listingId: string, now: Date): Promise<StockChange[]> {
    const committed = await this.ledger.commit(auctionHolderId(auctionId), [{ listingId, quantity: 1 }], now);
    return committed.ok ? committed.levels.map(change) : [];
  }
}
