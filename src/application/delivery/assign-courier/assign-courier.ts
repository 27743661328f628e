import { assignCourier, deliveryErrors, type Delivery } from '../../../domain/delivery/delivery.js';
import { isAdmin, type Actor } from '../../shared/actor.js';
import type { Clock } from '../../shared/ports/clock.js';
import type { DeliveryEvents } from '../delivery-events.js';
import { changeDelivery } from '../delivery-updates.js';
import type { CourierDirectory } from '../ports/courier-directory.js';
import type { DeliveryRepository } from '../ports/delivery-repository.js';

/**
 * An admin gives a pending delivery to a courier, or another courier before pickup; the courier
 * and the buyer are notified and the action audited (stored with the assignment). A replaced
 * courier loses access at once (the delivery names its courier) and leaves `delivery:<id>` on
 * Socket.IO when the gateway sees `delivery.assigned` with `previousCourierId`. Assigning the
 * courier it already has (a retried request) answers the delivery as it is and notifies nobody again.
 */
export class AssignCourier {
  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly couriers: CourierDirectory,
    private readonly events: DeliveryEvents,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, deliveryId: string, courierId: string): Promise<Delivery> {
    if (!isAdmin(actor)) throw deliveryErrors.notAdmin();
    if (!(await this.couriers.isCourier(courierId))) throw deliveryErrors.notACourier();
    return changeDelivery(this.deliveries, actor, deliveryId, {
      apply: (delivery) => assignCourier(delivery, courierId, this.clock.now()),
      events: (assigned, before) => [
        ...this.events.assigned(assigned, before.courierId),
        this.events.adminAction(actor.userId, 'delivery.assign', assigned),
      ],
    });
  }
}
