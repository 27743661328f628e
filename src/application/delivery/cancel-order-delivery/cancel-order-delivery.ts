import { cancelDelivery, type Delivery } from '../../../domain/delivery/delivery.js';
import type { EventEnvelope } from '../../shared/events/envelope.js';
import type { Clock } from '../../shared/ports/clock.js';
import type { DeliveryEvents } from '../delivery-events.js';
import { retryOnConcurrentUpdate } from '../delivery-updates.js';
import type { DeliveryRepository } from '../ports/delivery-repository.js';

/**
 * Consumer of `order.cancelled`: the order's delivery, if it has one, becomes `cancelled` (its
 * courier, if any, is told in the same write), so the courier can no longer act on it. Idempotent:
 * a cancelled or delivered delivery is left alone; a lost race is judged again on a fresh read.
 */
export class CancelOrderDelivery {
  static readonly consumer = 'delivery.cancel-with-order';

  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly events: DeliveryEvents,
    private readonly clock: Clock,
  ) {}

  handle(event: EventEnvelope<'order.cancelled'>): Promise<Delivery | null> {
    return retryOnConcurrentUpdate(async () => {
      const delivery = await this.deliveries.findByOrderId(event.payload.orderId);
      if (!delivery) return null;
      const cancelled = cancelDelivery(delivery, this.clock.now());
      if (cancelled !== delivery) await this.deliveries.save(cancelled, this.events.cancelled(cancelled));
      return cancelled;
    });
  }
}
