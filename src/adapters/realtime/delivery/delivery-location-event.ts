import type { DeliveryAccess } from '../../../application/delivery/delivery-access.js';
import type { RecordLocation } from '../../../application/delivery/record-location/record-location.js';
import type { Actor } from '../../../application/shared/actor.js';
import { invalidPayload } from '../invalid-payload.js';
import { clientEvents } from '../realtime-events.js';

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
    const parsed = clientEvents['delivery.location'].payload.safeParse(payload);
    if (!parsed.success) throw invalidPayload(parsed.error);
    await recordLocation.execute(principal, parsed.data);
  };
}
