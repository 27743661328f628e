import { randomUUID } from 'node:crypto';
import type { DemoSettings } from '../../config.js';
import type { Delivery } from '../../domain/delivery/delivery.js';
import { sellerIdsOf } from '../../domain/orders/order.js';
import type { DemoCast, DemoUser } from './demo-cast.js';
import type { DemoDeps } from './demo-deps.js';
import { actorOf } from './demo-media.js';
import { attempt } from './demo-refusals.js';
import {
  COURIER_ROUTE,
  demoShippingAddress,
  nearestPosition,
  routePositions,
  stepMetresFor,
  type LatLng,
} from './courier-route.js';

/** The delivery on the road and the index of the next fix along the route. */
interface Round {
  deliveryId: string;
  next: number;
}

const PAGE = { limit: 20 };

/**
 * courier1 always has a delivery in transit: each tick reports the next fix along COURIER_ROUTE; at the end of the
 * route the delivery is completed, and the next tick starts another one as real users would (a buyer orders a unit of
 * the delivery listing and pays, the seller ships it, the admin assigns courier1, who picks it up). After a restart it
 * finds courier1's delivery on the road and carries on from the fix nearest to its last location.
 */
export class CourierSimulator {
  private readonly positions: LatLng[];
  private round: Round | null = null;

  constructor(
    private readonly deps: DemoDeps,
    private readonly cast: DemoCast,
    settings: DemoSettings,
  ) {
    this.positions = routePositions(COURIER_ROUTE, stepMetresFor(settings.courierIntervalMs));
  }

  async tick(): Promise<void> {
    this.round ??= (await this.deliveryOnTheRoad()) ?? (await this.newRound());
    if (this.round) await this.drive(this.round);
  }

  private get courier() {
    return actorOf(this.cast.courier, 'courier');
  }

  private async drive(round: Round): Promise<void> {
    const { deliveryId } = round;
    if (round.next < this.positions.length) {
      const position = this.positions[round.next]!;
      round.next += 1;
      await attempt(this.deps.logger, 'report the courier location', () =>
        this.deps.delivery.recordLocation.execute(this.courier, { deliveryId, ...position }),
      );
      return;
    }
    this.round = null;
    await attempt(this.deps.logger, 'complete the delivery', () =>
      this.deps.delivery.completeDelivery.execute(this.courier, deliveryId),
    );
    this.deps.logger.info({ deliveryId }, 'demo: delivery completed');
  }

  /** courier1's delivery in transit (or assigned, picked up now) when the simulator starts over. */
  private async deliveryOnTheRoad(): Promise<Round | null> {
    const list = (status: 'in_transit' | 'assigned') =>
      this.deps.delivery.listDeliveries.execute(this.courier, status, PAGE);
    const [inTransit] = (await list('in_transit')).items;
    if (inTransit) return this.resumed(inTransit);
    const [assigned] = (await list('assigned')).items;
    if (!assigned) return null;
    await this.deps.delivery.pickUpDelivery.execute(this.courier, assigned.id);
    return { deliveryId: assigned.id, next: 0 };
  }

  /** Carries on after the fix nearest to the last location: a step, never a jump the tracking filter would drop. */
  private resumed(delivery: Pick<Delivery, 'id' | 'lastLocation'>): Round {
    const last = delivery.lastLocation;
    return { deliveryId: delivery.id, next: last ? nearestPosition(this.positions, last) + 1 : 0 };
  }

  private async newRound(): Promise<Round | null> {
    const buyer = await this.idleBuyer();
    if (!buyer) return null;
    const deliveryId = await attempt(this.deps.logger, 'start a demo delivery', () => this.shipOrderOf(buyer));
    if (!deliveryId) return null;
    this.deps.logger.info({ deliveryId }, 'demo: delivery on the road');
    return { deliveryId, next: 0 };
  }

  /** buyer1, unless a human is shopping with that account (its cart holds items): then buyer2; none when both are. */
  private async idleBuyer(): Promise<DemoUser | undefined> {
    for (const buyer of this.cast.buyers) {
      const cart = await this.deps.cart.getCart.execute(buyer.id);
      if (cart.items.length === 0) return buyer;
    }
    this.deps.logger.debug('demo: every demo buyer is shopping; the courier waits');
    return undefined;
  }

  /** The whole way of an order to the road, through the use cases each actor would call. Answers the delivery id. */
  private async shipOrderOf(buyer: DemoUser): Promise<string> {
    const { orders, delivery } = this.deps;
    const placed = await this.orderOf(buyer);
    const buyerActor = actorOf(buyer, 'buyer');
    await orders.payOrder.execute(buyerActor, { orderId: placed.id, paymentMethod: 'test_card' });
    const seller = { userId: sellerIdsOf(placed)[0]!, roles: ['seller'] };
    const created = await delivery.createDelivery.execute(seller, placed.id);
    await delivery.assignCourier.execute(actorOf(this.cast.admin, 'admin'), created.id, this.cast.courier.id);
    await delivery.pickUpDelivery.execute(this.courier, created.id);
    return created.id;
  }

  /** One unit of the delivery listing, carted and ordered; a line left by a refused checkout is taken out again. */
  private async orderOf(buyer: DemoUser) {
    const { cart, orders } = this.deps;
    const { deliveryListingId } = this.cast;
    await cart.addToCart.execute(buyer.id, deliveryListingId, 1);
    try {
      return await orders.createOrder.execute({
        buyerId: buyer.id,
        idempotencyKey: randomUUID(),
        shippingAddress: demoShippingAddress(buyer.displayName),
      });
    } catch (error) {
      await cart.removeFromCart.execute(buyer.id, deliveryListingId); // else the buyer would look busy shopping
      throw error;
    }
  }
}
