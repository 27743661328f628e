import type { DeliveryStatus } from '../../../domain/delivery/delivery.js';
import { isAdmin, type Actor } from '../../shared/actor.js';
import type { Page, PageRequest } from '../../shared/ports/page.js';
import type { DeliveryRepository, DeliverySummary } from '../ports/delivery-repository.js';

/** A courier's worklist (their own deliveries), or every delivery for an admin; by status, newest first. */
export class ListDeliveries {
  constructor(private readonly deliveries: DeliveryRepository) {}

  execute(actor: Actor, status: DeliveryStatus | undefined, page: PageRequest): Promise<Page<DeliverySummary>> {
    const mine = isAdmin(actor) ? {} : { courierId: actor.userId };
    return this.deliveries.list({ ...mine, ...(status ? { status } : {}) }, page);
  }
}
