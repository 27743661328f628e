import { completeDelivery, type Delivery } from '../../../domain/delivery/delivery.js';
import type { Actor } from '../../shared/actor.js';
import type { Clock } from '../../shared/ports/clock.js';
import type { DeliveryEvents } from '../delivery-events.js';
import { changeDelivery } from '../delivery-updates.js';
import type { DeliveryRepository } from '../ports/delivery-repository.js';

/**
 * Its courier hands the parcel over (in_transit -> delivered), stored with delivery.completed and
 * the notices; the orders module then marks the order delivered. Completing again is 409.
 */
export class CompleteDelivery {
  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly events: DeliveryEvents,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, deliveryId: string): Promise<Delivery> {
    return changeDelivery(this.deliveries, actor, deliveryId, {
      apply: (delivery) => completeDelivery(delivery, actor.userId, this.clock.now()),
      events: (completed) => this.events.completed(completed),
    });
  }
}
