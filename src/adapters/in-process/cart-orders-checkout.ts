import type { CartContents, OrderCheckout, StockSale } from '../../application/orders/ports/order-checkout.js';
import type { CartApi } from '../../application/cart/public.js';
import type { Order, OrderItem } from '../../domain/orders/order.js';

/**
 * The orders module's checkout, served in-process by the cart module's public API: the cart lines
 * and the stock ledger, whose sales and give-backs are keyed by the order id. Also sells the units
 * auctions hold.
 */
export class CartOrderCheckout implements OrderCheckout {
  constructor(private readonly cart: CartApi) {}

  async cartOf(buyerId: string, now: Date): Promise<CartContents> {
    const contents = await this.cart.checkoutCart(buyerId, now);
    return contents.ok ? { ok: true, items: contents.lines } : contents;
  }

  sell(orderId: string, buyerId: string, items: OrderItem[], now: Date): Promise<StockSale> {
    return this.cart.sell(orderId, buyerId, items, now);
  }

  async holdAuctionUnit(auctionId: string, listingId: string, until: Date, now: Date): Promise<boolean> {
    return (await this.cart.holdForAuction(listingId, auctionId, until, now)) === 'held';
  }

  sellAuctionUnit(orderId: string, auctionId: string, listingId: string, now: Date): Promise<StockSale> {
    return this.cart.sellAuctionUnit(orderId, auctionId, listingId, now);
  }

  settle(orderId: string): Promise<'sold' | 'unsold'> {
    return this.cart.settle(orderId);
  }

  async giveBack(order: Pick<Order, 'id' | 'buyerId' | 'items'>): Promise<void> {
    await this.cart.giveBack(order.id, order.buyerId, order.items);
  }
}
