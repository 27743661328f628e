import type { z } from 'zod';
import { eventCatalogue, type EventPayload, type Topic } from '../../application/shared/events/catalogue.js';
import type { EventEnvelope } from '../../application/shared/events/envelope.js';
import { isoDateSchema } from '../../application/shared/events/schemas.js';
import { projection, type Projection } from './projection.js';
import { auctionRoomPayloads } from './auctions/auction-room-payloads.js';
import { rooms, type RoomKind } from './rooms.js';

/** One Socket.IO emit: `event` with `payload` to everyone in `room`. */
export interface RealtimeEmit {
  room: string;
  event: string;
  payload: unknown;
  /** Sent volatile: dropped for a client not ready to receive it. */
  volatile?: boolean;
}

/**
 * Turns bus events of one topic into emits to one kind of room. Built with route(); stored untyped in the table,
 * which the AsyncAPI document (asyncapi-document.ts) reads too: the event, its room and the schema of what clients get.
 */
export interface RealtimeRoute {
  readonly topic: Topic;
  /** The Socket.IO event name. */
  readonly event: string;
  readonly room: RoomKind;
  /** What clients receive. */
  readonly schema: z.ZodType;
  readonly volatile: boolean;
  emits(envelope: EventEnvelope): RealtimeEmit[];
}

export interface RouteSpec<T extends Topic> {
  /** The kind of room that hears of the event. */
  room: RoomKind;
  /** The id of that room for one event; undefined: no room hears of it. */
  roomId: (payload: EventPayload<T>) => string | undefined;
  /** What clients receive; a projection, so that nothing private rides along (default: the payload). */
  payload?: Projection<EventPayload<T>>;
  /** The Socket.IO event name (default: the topic). */
  event?: string;
  /** Emit volatile (a point of a live track, soon superseded by the next). */
  volatile?: boolean;
}

/** A row of the table, typed by its topic's payload. */
export function route<T extends Topic>(topic: T, spec: RouteSpec<T>): RealtimeRoute {
  const event = spec.event ?? topic;
  const volatile = spec.volatile === true;
  return {
    topic,
    event,
    room: spec.room,
    schema: spec.payload?.schema ?? eventCatalogue[topic],
    volatile,
    emits: (envelope) => {
      // The gateway hands each route only envelopes of its own topic (see emitsFor()).
      const typed = envelope as EventEnvelope<T>;
      const id = spec.roomId(typed.payload);
      if (id === undefined) return [];
      const payload = spec.payload ? spec.payload.project(typed.payload, typed) : typed.payload;
      return [{ room: rooms[spec.room](id), event, payload, ...(volatile ? { volatile } : {}) }];
    },
  };
}

/** What watchers of `listing:<id>` get of a stock event: the level only (who reserved is nobody else's business). */
const stockLevel = projection(
  eventCatalogue['stock.updated'].pick({ listingId: true, available: true }).extend({ occurredAt: isoDateSchema }),
  ({ listingId, available }: { listingId: string; available: number }, { occurredAt }) => ({
    listingId,
    available,
    occurredAt,
  }),
);

function stockRoute(topic: 'stock.reserved' | 'stock.released' | 'stock.updated'): RealtimeRoute {
  return route(topic, { room: 'listing', roomId: ({ listingId }) => listingId, payload: stockLevel });
}

/** Watchers of an auction hear every public change of it, by alias (auction-room-payloads.ts). */
const auctionRoom = { room: 'auction', roomId: ({ auctionId }: { auctionId: string }) => auctionId } as const;

const deliveryRoom = { room: 'delivery', roomId: ({ deliveryId }: { deliveryId: string }) => deliveryId } as const;

/** Watchers of a delivery (its buyer, sellers, courier, admins: see the delivery module's room rule). */
function deliveryRoute(topic: 'delivery.assigned' | 'delivery.picked_up' | 'delivery.completed'): RealtimeRoute {
  return route(topic, deliveryRoom);
}

/**
 * Which bus events become which Socket.IO emits; the gateway subscribes to every topic listed.
 * Notifications go to `user:<id>` through the notifications module (emitToUser), not this table.
 */
export const realtimeRoutes: readonly RealtimeRoute[] = [
  stockRoute('stock.reserved'),
  stockRoute('stock.released'),
  stockRoute('stock.updated'),
  route('auction.created', { ...auctionRoom, payload: auctionRoomPayloads.created }),
  route('auction.bid.placed', { ...auctionRoom, payload: auctionRoomPayloads.bidPlaced }),
  route('auction.max.raised', {
    room: 'auction',
    roomId: (p) => (p.priceChanged ? p.auctionId : undefined),
    payload: auctionRoomPayloads.maxRaised,
  }),
  route('auction.ended', { ...auctionRoom, payload: auctionRoomPayloads.ended }),
  deliveryRoute('delivery.assigned'),
  deliveryRoute('delivery.picked_up'),
  route('delivery.location.updated', { ...deliveryRoom, volatile: true }),
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
