import { createOrder, isPlaced, type Order } from '../../../domain/orders/order.js';
import type { EventEnvelope } from '../../shared/events/envelope.js';
import type { Clock } from '../../shared/ports/clock.js';
import type { IdGenerator } from '../../shared/ports/id-generator.js';
import type { OrderPlacement } from '../order-placement.js';
import type { OrderCheckout } from '../ports/order-checkout.js';
import type { OrderRepository } from '../ports/order-repository.js';
import type { SecondChanceBidders } from '../ports/second-chance-bidders.js';

/** How long the unit stays held for the offer while its order is placed (a dead attempt's hold then runs out). */
const HOLD_MS = 10 * 60_000;

/**
 * Consumer of `order.cancelled`: when an auction's order was cancelled for `payment_timeout`, the
 * next-highest bidder whose maximum reached the reserve, other than every buyer of this auction
 * who did not pay, is offered the item at their maximum: a new `pending_payment` order
 * (`secondChanceOf` the timed-out one, with its own deadline, AUCTION_PAYMENT_TTL_SECONDS), and a
 * notification to them stored with it. With nobody left, nothing more: the unit is back in stock
 * (the listing sells it again).
 *
 * Steps, each safe to run again (a redelivery, or a retry after a crash): the unit goes back to
 * stock (once per order, as the cart's own consumer does), it is held for the auction again, and
 * the offer is placed in OrderPlacement's steps, selling that held unit. An offer already placed
 * for this order is found first, so there is one offer per timed-out order. Between the give-back
 * and the hold a cart could take the unit (a listing with more stock always has one); then there
 * is no offer.
 */
export class OfferSecondChance {
  static readonly consumer = 'orders.second-chance';

  constructor(
    private readonly orders: OrderRepository,
    private readonly checkout: OrderCheckout,
    private readonly placement: OrderPlacement,
    private readonly bidders: SecondChanceBidders,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  /** Answers the offer made (now or earlier), or null. */
  async handle(event: EventEnvelope<'order.cancelled'>): Promise<Order | null> {
    const { orderId, auctionId, cancelReason } = event.payload;
    if (cancelReason !== 'payment_timeout' || !auctionId) return null;
    const ofAuction = await this.orders.listByAuctionId(auctionId);
    const timedOut = ofAuction.find((o) => o.id === orderId);
    if (!timedOut) return null;
    const earlier = await this.earlierOffer(ofAuction, orderId);
    if (earlier) return earlier;
    await this.checkout.giveBack(timedOut);
    const unpaid = ofAuction.filter((o) => o.cancelReason === 'payment_timeout').map((o) => o.buyerId);
    const bidder = await this.bidders.next(auctionId, [...new Set(unpaid)]);
    if (!bidder) return null;
    return this.offer(timedOut, auctionId, bidder.bidderId, bidder.maximum);
  }

  /** The offer an earlier run made for this order (settled first when it was still placing). */
  private async earlierOffer(ofAuction: Order[], orderId: string): Promise<Order | null> {
    const earlier = ofAuction.findLast((o) => o.secondChanceOf === orderId && o.status !== 'failed');
    if (!earlier) return null;
    const settled = earlier.status === 'placing' ? await this.placement.settle(earlier) : earlier;
    return isPlaced(settled) ? settled : null;
  }

  private async offer(
    timedOut: Order,
    auctionId: string,
    buyerId: string,
    price: Order['total'],
  ): Promise<Order | null> {
    const item = timedOut.items[0];
    const now = this.clock.now();
    if (
      !item ||
      !(await this.checkout.holdAuctionUnit(auctionId, item.listingId, new Date(now.getTime() + HOLD_MS), now))
    )
      return null;
    const items = [{ ...item, unitPrice: price, quantity: 1 }];
    const placing = createOrder({
      id: this.ids.next(),
      buyerId,
      items,
      auctionId,
      secondChanceOf: timedOut.id,
      at: now,
    });
    const placed = await this.placement.place(placing, (order) =>
      this.checkout.sellAuctionUnit(order.id, auctionId, item.listingId, now),
    );
    return placed.ok ? placed.order : null;
  }
}
