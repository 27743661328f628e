import { deliveryErrors, isParty, type Delivery } from '../../domain/delivery/delivery.js';
import { isAdmin, type Actor } from '../shared/actor.js';
import type { DeliveryRepository } from './ports/delivery-repository.js';

/** Its buyer, a seller of the order, its courier and admins. */
export const mayView = (delivery: Delivery, actor: Actor): boolean => isParty(delivery, actor.userId) || isAdmin(actor);

/** The delivery if the actor may see it; for anyone else it does not exist (404). */
export async function loadVisibleDelivery(deliveries: DeliveryRepository, id: string, actor: Actor): Promise<Delivery> {
  const delivery = await deliveries.findById(id);
  if (!delivery || !mayView(delivery, actor)) throw deliveryErrors.notFound();
  return delivery;
}

/** The rule of the realtime room `delivery:<id>`: the same people who may read the delivery. */
export class DeliveryAccess {
  constructor(private readonly deliveries: DeliveryRepository) {}

  async mayWatchDelivery(actor: Actor, deliveryId: string): Promise<boolean> {
    const delivery = await this.deliveries.findById(deliveryId);
    return delivery !== null && mayView(delivery, actor);
  }
}
