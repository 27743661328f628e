import type { EventPayload, Topic } from '../../application/shared/events/catalogue.js';
import type { EventEnvelope } from '../../application/shared/events/envelope.js';
import { rooms } from './rooms.js';

/** A user whose sockets must leave a room: they may no longer watch it. */
export interface RoomLoss {
  userId: string;
  room: string;
}

/** Which users a bus event of one topic takes out of which rooms. Built with revocation(). */
export interface RoomRevocation {
  readonly topic: Topic;
  losses(envelope: EventEnvelope): RoomLoss[];
}

/** A row of the table, typed by its topic's payload. */
export function revocation<T extends Topic>(
  topic: T,
  losses: (payload: EventPayload<T>) => RoomLoss[],
): RoomRevocation {
  // The gateway hands each row only envelopes of its own topic (see lossesFor()).
  return { topic, losses: (envelope) => losses((envelope as EventEnvelope<T>).payload) };
}

/**
 * A replaced courier loses `delivery:<id>`, unless they still watch it as its buyer or a seller
 * (an admin who was its courier leaves too, and may subscribe again as an admin).
 */
const replacedCourier = revocation('delivery.assigned', ({ deliveryId, previousCourierId, buyerId, sellerIds }) => {
  if (previousCourierId === undefined || previousCourierId === buyerId || sellerIds.includes(previousCourierId))
    return [];
  return [{ userId: previousCourierId, room: rooms.delivery(deliveryId) }];
});

/**
 * Access changes the gateway follows: the room is left by every socket of the user, on every
 * instance (the adapter broadcasts it), before the event's own emits go out.
 */
export const roomRevocations: readonly RoomRevocation[] = [replacedCourier];

/** The room losses of one envelope under a table. */
export function lossesFor(table: readonly RoomRevocation[], envelope: EventEnvelope): RoomLoss[] {
  return table.filter((row) => row.topic === envelope.topic).flatMap((row) => row.losses(envelope));
}
