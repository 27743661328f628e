import { createOrder, isPlaced } from '../../../domain/orders/order.js';
import type { EventEnvelope } from '../../shared/events/envelope.js';
import type { Clock } from '../../shared/ports/clock.js';
import type { IdGenerator } from '../../shared/ports/id-generator.js';
import type { OrderPlacement } from '../order-placement.js';
import type { OrderCheckout } from '../ports/order-checkout.js';
import type { OrderRepository } from '../ports/order-repository.js';

/**
 * Consumer of `auction.ended`: the winner gets an order in `pending_payment` for the final price,
 * taking the unit the auction held, placed in the crash-safe steps of OrderPlacement. One order
 * per auction, also when the event comes again (the bus deduplicates by event id; the lookup by
 * auction finds an order a dead handler left, settling it if it was still placing; the unit is
 * sold to one order only, so racing handlers end with one order and one failed attempt). When the
 * unit is not held any more, the attempt fails and no order is made. The shipping address is
 * asked for at payment.
 */
export class CreateAuctionOrder {
  static readonly consumer = 'orders.auction-winner';

  constructor(
    private readonly orders: OrderRepository,
    private readonly checkout: OrderCheckout,
    private readonly placement: OrderPlacement,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async handle(event: EventEnvelope<'auction.ended'>): Promise<void> {
    const { auctionId, winnerId, finalPrice, listingId, sellerId, title, orderId } = event.payload;
    if (!winnerId || !finalPrice) return;
    const earlier = await this.orders.findByAuctionId(auctionId);
    if (earlier && isPlaced(earlier.status === 'placing' ? await this.placement.settle(earlier) : earlier)) return;
    const now = this.clock.now();
    const items = [{ listingId, sellerId, title, unitPrice: finalPrice, quantity: 1 }];
    // The id the auction assigned with its end (Buy It Now) names the first attempt; a retry after a failed one gets
    // its own.
    const id = orderId && !earlier ? orderId : this.ids.next();
    const placing = createOrder({ id, buyerId: winnerId, items, auctionId, at: now });
    // Not placed: the unit is not held any more, or a racing handler settled this attempt and places its own.
    await this.placement.place(placing, (order) => this.checkout.sellAuctionUnit(order.id, auctionId, listingId, now));
  }
}
