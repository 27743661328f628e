import { DomainError } from '../../domain/shared/domain-error.js';
import type { Delivery } from '../../domain/delivery/delivery.js';
import type { Actor } from '../shared/actor.js';
import { loadVisibleDelivery } from './delivery-access.js';
import type { DeliveryRepository } from './ports/delivery-repository.js';

const ATTEMPTS = 5;

const isConcurrentUpdate = (error: unknown) => error instanceof DomainError && error.code === 'DELIVERY_CONCURRENT_UPDATE';

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

/** Loads the delivery the actor may see, applies `change` and saves it over the version read (again on a lost race). */
export function changeDelivery(deliveries: DeliveryRepository, actor: Actor, id: string, change: (delivery: Delivery) => Delivery | Promise<Delivery>): Promise<Delivery> {
  return retryOnConcurrentUpdate(async () => {
    const changed = await change(await loadVisibleDelivery(deliveries, id, actor));
    await deliveries.save(changed);
    return changed;
  });
}
