import { z } from 'zod';
import type { Principal } from '../../application/identity/ports/access-token-service.js';

/** The rooms a client may ask for with `subscribe`; `user:<id>` is joined on connect, never asked for. */
export const subscribableRoomKinds = ['auction', 'listing', 'delivery'] as const;
export type RoomKind = (typeof subscribableRoomKinds)[number];

/** Ids are opaque (UUIDs, ObjectIds, `id-1` in tests); this keeps room names printable and short. */
const roomPattern = new RegExp(`^(${subscribableRoomKinds.join('|')}):([A-Za-z0-9._-]{1,128})$`);

export const rooms = {
  user: (userId: string) => `user:${userId}`,
  auction: (auctionId: string) => `auction:${auctionId}`,
  listing: (listingId: string) => `listing:${listingId}`,
  delivery: (deliveryId: string) => `delivery:${deliveryId}`,
};

/** The payload of `subscribe` and `unsubscribe`. */
export const roomRequestSchema = z
  .object({ room: z.string().regex(roomPattern, 'expected auction:<id>, listing:<id> or delivery:<id>') })
  .strict();

export interface RoomRef {
  name: string;
  kind: RoomKind;
  id: string;
}

/** Whether a socket's room is one it asked for (not `user:<id>` nor its own). */
export const isSubscribableRoom = (name: string): boolean => roomPattern.test(name);

/**
 * Whether an emitted payload is about a room: every payload sent to `<kind>:<id>` names it as
 * `<kind>Id` (`listingId`, `auctionId`, `deliveryId`; see realtime-routes.ts).
 */
export function concernsRoom(payload: unknown, room: RoomRef): boolean {
  return (
    typeof payload === 'object' &&
    payload !== null &&
    (payload as Record<string, unknown>)[`${room.kind}Id`] === room.id
  );
}

/** Splits a room name that roomRequestSchema accepted. */
export function parseRoom(name: string): RoomRef {
  const match = roomPattern.exec(name);
  if (!match?.[1] || !match[2]) throw new Error(`not a subscribable room: ${name}`);
  return { name, kind: match[1] as RoomKind, id: match[2] };
}

/**
 * Decides whether a principal may join a room of one kind. Answers true or false; a thrown
 * DomainError's code goes back to the client, anything else is INTERNAL_ERROR.
 */
export type RoomAuthorizer = (principal: Principal, roomId: string) => boolean | Promise<boolean>;

export const anyone: RoomAuthorizer = () => true;
export const nobody: RoomAuthorizer = () => false;

/**
 * Until the delivery module registers its rule (buyer, seller, courier, admin), nobody may
 * watch a delivery.
 */
export function defaultRoomAuthorizers(): Record<RoomKind, RoomAuthorizer> {
  return { auction: anyone, listing: anyone, delivery: nobody };
}
