import type { Delivery } from '../../../domain/delivery/delivery.js';
import type { Actor } from '../../shared/actor.js';
import { loadVisibleDelivery } from '../delivery-access.js';
import type { DeliveryRepository } from '../ports/delivery-repository.js';

/** A delivery with its track: its buyer, a seller, its courier and admins; 404 for anyone else. */
export class GetDelivery {
  constructor(private readonly deliveries: DeliveryRepository) {}

  execute(actor: Actor, deliveryId: string): Promise<Delivery> {
    return loadVisibleDelivery(this.deliveries, deliveryId, actor);
  }
}
