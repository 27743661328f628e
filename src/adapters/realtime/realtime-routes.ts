import type { EventPayload, Topic } from '../../application/shared/events/catalogue.js';
import type { EventEnvelope } from '../../application/shared/events/envelope.js';
import { auctionRoomPayloads } from './auctions/auction-room-payloads.js';
import { rooms } from './rooms.js';

/** One Socket.IO emit: `event` with `payload` to everyone in `room`. */
export interface RealtimeEmit {
  room: string;
  event: string;
  payload: unknown;
  /** Sent volatile: dropped for a client not ready to receive it. */
  volatile?: boolean;
}

/** Turns bus events of one topic into emits. Built with route(); stored untyped in the table. */
export interface RealtimeRoute {
  readonly topic: Topic;
  emits(envelope: EventEnvelope): RealtimeEmit[];
}

export interface RouteSpec<T extends Topic> {
  /** The rooms that hear of the event. */
  rooms: (payload: EventPayload<T>) => readonly string[];
  /** What clients receive; a projection, so that nothing private rides along (default: the payload). */
  payload?: (payload: EventPayload<T>, envelope: EventEnvelope<T>) => unknown;
  /** The Socket.IO event name (default: the topic). */
  event?: string;
  /** Emit volatile (a point of a live track, soon superseded by the next). */
  volatile?: boolean;
}

/** A row of the table, typed by its topic's payload. */
export function route<T extends Topic>(topic: T, spec: RouteSpec<T>): RealtimeRoute {
  return {
    topic,
    emits: (envelope) => {
      // The gateway hands each route only envelopes of its own topic (see emitsFor()).
      const typed = envelope as EventEnvelope<T>;
      const event = spec.event ?? topic;
      const payload = spec.payload ? spec.payload(typed.payload, typed) : typed.payload;
      const volatile = spec.volatile === true;
      return spec.rooms(typed.payload).map((room) => ({ room, event, payload, ...(volatile ? { volatile } : {}) }));
    },
  };
}

function stockRoute(topic: 'stock.reserved' | 'stock.released' | 'stock.updated'): RealtimeRoute {
  return route(topic, {
    rooms: ({ listingId }) => [rooms.listing(listingId)],
    // Who reserved or released is nobody else's business: watchers get the level only.
    payload: ({ listingId, available }, { occurredAt }) => ({ listingId, available, occurredAt }),
  });
}

/** Watchers of an auction hear every public change of it, by alias (auction-room-payloads.ts). */
const auctionRoom = ({ auctionId }: { auctionId: string }) => [rooms.auction(auctionId)];

/** Watchers of a delivery (its buyer, sellers, courier, admins: see the delivery module's room rule). */
function deliveryRoute(topic: 'delivery.assigned' | 'delivery.picked_up' | 'delivery.completed'): RealtimeRoute {
  return route(topic, { rooms: ({ deliveryId }) => [rooms.delivery(deliveryId)] });
}

/**
 * Which bus events become which Socket.IO emits; the gateway subscribes to every topic listed.
 * Notifications go to `user:<id>` through the notifications module (emitToUser), not this table.
 */
export const realtimeRoutes: readonly RealtimeRoute[] = [
  stockRoute('stock.reserved'),
  stockRoute('stock.released'),
  stockRoute('stock.updated'),
  route('auction.created', { rooms: auctionRoom, payload: auctionRoomPayloads.created }),
  route('auction.bid.placed', { rooms: auctionRoom, payload: auctionRoomPayloads.bidPlaced }),
  route('auction.max.raised', {
    rooms: (p) => (p.priceChanged ? auctionRoom(p) : []),
    payload: auctionRoomPayloads.maxRaised,
  }),
  route('auction.ended', { rooms: auctionRoom, payload: auctionRoomPayloads.ended }),
  deliveryRoute('delivery.assigned'),
  deliveryRoute('delivery.picked_up'),
  route('delivery.location.updated', { rooms: ({ deliveryId }) => [rooms.delivery(deliveryId)], volatile: true }),
  deliveryRoute('delivery.completed'),
];

/** The emits of one envelope under a table. */
export function emitsFor(table: readonly RealtimeRoute[], envelope: EventEnvelope): RealtimeEmit[] {
  return table.filter((row) => row.topic === envelope.topic).flatMap((row) => row.emits(envelope));
}

/** The topics a table listens to, each once. */
export function routedTopics(table: readonly RealtimeRoute[]): Topic[] {
  return [...new Set(table.map((row) => row.topic))];
}
