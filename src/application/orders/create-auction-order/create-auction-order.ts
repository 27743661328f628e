import { createOrder } from '../../../domain/orders/order.js';
import type { EventEnvelope } from '../../shared/events/envelope.js';
import type { Clock } from '../../shared/ports/clock.js';
import type { IdGenerator } from '../../shared/ports/id-generator.js';
import type { OrderEvents } from '../order-events.js';
import type { OrderCheckout } from '../ports/order-checkout.js';
import type { OrderRepository } from '../ports/order-repository.js';

/**
 * Consumer of `auction.ended`: the winner gets an order in `pending_payment` for the final price,
 * taking the unit the auction held. One order per auction, also when the event comes again (the
 * bus deduplicates by event id; the lookup by auction covers a handler that died after creating it).
 * The shipping address is asked for at payment.
 */
export class CreateAuctionOrder {
  static readonly consumer = 'orders.auction-winner';

  constructor(
    private readonly orders: OrderRepository,
    private readonly checkout: OrderCheckout,
    private readonly events: OrderEvents,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async handle(event: EventEnvelope<'auction.ended'>): Promise<void> {
    const { auctionId, winnerId, finalPrice, listingId, sellerId, title } = event.payload;
    if (!winnerId || !finalPrice) return;
    if (await this.orders.findByAuctionId(auctionId)) return;
    const now = this.clock.now();
    const stock = await this.checkout.takeAuctionUnit(auctionId, listingId, now);
    const items = [{ listingId, sellerId, title, unitPrice: finalPrice, quantity: 1 }];
    const order = createOrder({ id: this.ids.next(), buyerId: winnerId, items, auctionId, at: now });
    await this.orders.create(order);
    await this.events.created(order, stock);
  }
}
