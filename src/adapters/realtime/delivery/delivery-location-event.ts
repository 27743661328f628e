import type { DeliveryAccess } from '../../../application/delivery/delivery-access.js';
import type { RecordLocation } from '../../../application/delivery/record-location/record-location.js';
import type { Actor } from '../../../application/shared/actor.js';
import { DomainError } from '../../../domain/shared/domain-error.js';
import { locationEventSchema } from '../../shared/delivery/location-input.js';

/** Who may join `delivery:<id>`: its buyer, a seller, its courier and admins. */
export function deliveryRoomRule(access: DeliveryAccess) {
  return (principal: Actor, deliveryId: string): Promise<boolean> => access.mayWatchDelivery(principal, deliveryId);
}

/**
 * A courier's `delivery.location` `{ deliveryId, lat, lng, accuracy?, recordedAt? }`: validated,
 * then handled by RecordLocation as the sender (a bad payload is VALIDATION_FAILED, acked `{ ok: false, code }`).
 */
export function deliveryLocationHandler(recordLocation: RecordLocation) {
  return async (principal: Actor, payload: unknown): Promise<void> => {
    const parsed = locationEventSchema.safeParse(payload);
    if (!parsed.success) {
      const errors = parsed.error.issues.map((i) => ({ path: ['payload', ...i.path.map(String)].join('.'), message: i.message }));
      throw new DomainError('invalid', 'VALIDATION_FAILED', `invalid delivery.location: ${errors.map((e) => e.path).join(', ')}`, { errors });
    }
    await recordLocation.execute(principal, parsed.data);
  };
}
