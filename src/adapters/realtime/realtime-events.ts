import { z } from 'zod';
import { locationEventSchema } from '../shared/delivery/location-input.js';
import { notificationSchema } from '../http/notifications/notification-schemas.js';
import { roomRequestSchema } from './rooms.js';

/**
 * The Socket.IO events that are not bus events (those are realtime-routes.ts): what clients send, and what the
 * server sends to one user or one socket. The gateway and the modules handle and emit these by name and parse them
 * with these schemas; the AsyncAPI document (asyncapi-document.ts) is generated from the same table.
 */
export interface ClientEventDeclaration {
  readonly payload: z.ZodType;
  readonly description: string;
}

/**
 * The codes only Socket.IO clients get, and where: a refused handshake's `connect_error` (`data.code`), an
 * acknowledgement's `code`, the `auth.expired` event. Acks of module events carry the codes of the HTTP API too
 * (VALIDATION_FAILED, DELIVERY_NOT_COURIER...), and a refused token the AUTH_* ones (docs/errors.md lists both).
 */
export const socketErrorCodes = {
  NAMESPACE_UNKNOWN: { sentIn: '`connect_error`', meaning: 'the client connected to another namespace than `/ws`' },
  AUTH_SESSION_MISMATCH: {
    sentIn: '`connect_error`, `auth.refresh` ack',
    meaning: 'the recovered session, or the fresh token, belongs to another user',
  },
  AUTH_TOKEN_EXPIRED: { sentIn: '`auth.expired`', meaning: 'the access token has expired: the socket is disconnected' },
  ROOM_FORBIDDEN: { sentIn: '`subscribe` ack', meaning: 'the user may not join this room' },
  ROOM_LIMIT: { sentIn: '`subscribe` ack', meaning: 'the connection already holds as many rooms as it may (200)' },
  DISCONNECTED: { sentIn: '`subscribe` ack', meaning: 'the connection closed while the room was being authorized' },
} as const;

/** What every client event is acknowledged with (the optional ack callback of `socket.emit`). */
export const clientEventAckSchema = z.union([
  z.object({ ok: z.literal(true) }).strict(),
  z
    .object({
      ok: z.literal(false),
      code: z
        .string()
        .describe(`${Object.keys(socketErrorCodes).join(', ')}, or a code of the HTTP API (docs/errors.md)`),
      message: z.string(),
    })
    .strict(),
]);

export const refreshSchema = z.object({ token: z.string().min(1).max(4096) }).strict();

export const clientEvents = {
  subscribe: {
    payload: roomRequestSchema,
    description:
      'Join `auction:<id>`, `listing:<id>` (anyone) or `delivery:<id>` (its buyer, sellers, courier, admins).',
  },
  unsubscribe: { payload: roomRequestSchema, description: 'Leave a room joined with `subscribe`.' },
  'auth.refresh': {
    payload: refreshSchema,
    description: "A fresh access token of the same user: keeps the connection past the old token's expiry.",
  },
  'delivery.location': {
    payload: locationEventSchema,
    description: "A courier's position on a delivery of theirs (as `POST /deliveries/{id}/location`).",
  },
} as const satisfies Record<string, ClientEventDeclaration>;

export type ClientEvent = keyof typeof clientEvents;
/** The client events a module handles (RealtimeGateway.handleClientEvent); the gateway handles the others. */
export type ModuleClientEvent = Exclude<ClientEvent, 'subscribe' | 'unsubscribe' | 'auth.refresh'>;

export interface DirectEventDeclaration {
  /** `user`: every socket of one user (room `user:<id>`); `socket`: one connection. */
  readonly to: 'user' | 'socket';
  readonly payload: z.ZodType;
  readonly description: string;
}

/** Server events sent to one user or one socket, not routed from the bus. */
export const directEvents = {
  notification: {
    to: 'user',
    payload: notificationSchema,
    description: 'A notification of the user (when they have no device or the push failed).',
  },
  'auth.expired': {
    to: 'socket',
    payload: z.object({ code: z.literal('AUTH_TOKEN_EXPIRED'), message: z.string() }),
    description: 'The access token has expired: the server disconnects right after.',
  },
} as const satisfies Record<string, DirectEventDeclaration>;

export type DirectEvent = keyof typeof directEvents;
