import { DomainError } from '../../domain/shared/domain-error.js';
import type { Delivery } from '../../domain/delivery/delivery.js';
import type { Actor } from '../shared/actor.js';
import type { PendingEvents } from '../shared/outbox/outbox.js';
import { loadVisibleDelivery } from './delivery-access.js';
import type { DeliveryRepository } from './ports/delivery-repository.js';

const ATTEMPTS = 5;

const isConcurrentUpdate = (error: unknown) =>
  error instanceof DomainError && error.code === 'DELIVERY_CONCURRENT_UPDATE';

/**
 * Runs `attempt` again (it must read the delivery afresh) while another change won the race
 * (DELIVERY_CONCURRENT_UPDATE), so that neither change is lost; gives up after a few tries.
 */
export async function retryOnConcurrentUpdate<T>(attempt: () => Promise<T>): Promise<T> {
  for (let tries = 1; ; tries += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (!isConcurrentUpdate(error) || tries >= ATTEMPTS) throw error;
    }
  }
}

/** A transition of a delivery and the events it causes. */
export interface DeliveryChange {
  /** The delivery after the transition; the same object when there is nothing to change (a retried request). */
  apply(delivery: Delivery): Delivery | Promise<Delivery>;
  /** The events of the change, from the delivery after it and as it was read. */
  events(changed: Delivery, before: Delivery): PendingEvents;
}

/**
 * Loads the delivery the actor may see, applies the change and saves it with its events in one
 * write, over the version read (again on a lost race). A change that changes nothing stores nothing.
 */
export function changeDelivery(
  deliveries: DeliveryRepository,
  actor: Actor,
  id: string,
  change: DeliveryChange,
): Promise<Delivery> {
  return retryOnConcurrentUpdate(async () => {
    const delivery = await loadVisibleDelivery(deliveries, id, actor);
    const changed = await change.apply(delivery);
    if (changed !== delivery) await deliveries.save(changed, change.events(changed, delivery));
    return changed;
  });
}
