import { assignCourier, deliveryErrors, type Delivery } from '../../../domain/delivery/delivery.js';
import { isAdmin, type Actor } from '../../shared/actor.js';
import type { Clock } from '../../shared/ports/clock.js';
import type { DeliveryEvents } from '../delivery-events.js';
import { changeDelivery } from '../delivery-updates.js';
import type { CourierDirectory } from '../ports/courier-directory.js';
import type { DeliveryRepository } from '../ports/delivery-repository.js';

/** An admin gives a pending delivery to a courier, or another courier before pickup. */
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
    const assigned = await changeDelivery(this.deliveries, actor, deliveryId, (delivery) => assignCourier(delivery, courierId, this.clock.now()));
    await this.events.assigned(assigned);
    return assigned;
  }
}
