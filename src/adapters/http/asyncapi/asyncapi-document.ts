import { z } from 'zod';
import { topics, type Topic } from '../../../application/shared/events/catalogue.js';
import { envelopeSchemaOf } from '../../../application/shared/events/envelope.js';
import { REALTIME_NAMESPACE } from '../../realtime/realtime-gateway.js';
import { clientEventAckSchema, clientEvents, directEvents } from '../../realtime/realtime-events.js';
import { realtimeRoutes, type RealtimeRoute } from '../../realtime/realtime-routes.js';
import { subscribableRoomKinds } from '../../realtime/rooms.js';

/**
 * The AsyncAPI 3.0 document of the events (GET /asyncapi.json), generated from the tables the code runs on: every
 * topic of the event catalogue as an envelope on the RabbitMQ exchange, and every Socket.IO room and event of the
 * realtime gateway (realtime-routes.ts, realtime-events.ts), with the zod schemas turned into JSON Schema.
 */
export interface AsyncApiOptions {
  /** The RabbitMQ topic exchange the events are published to (AMQP_EXCHANGE). */
  exchange: string;
}

type Ref = { $ref: string };
type Json = Record<string, unknown>;

interface Message {
  name: string;
  title?: string;
  summary: string;
  payload: Json;
}

interface Channel {
  address: string | null;
  description: string;
  servers: Ref[];
  messages: Record<string, Ref>;
  parameters?: Record<string, { description: string }>;
  bindings?: Json;
}

/** The parts of the document built up channel by channel. */
class DocumentParts {
  readonly channels: Record<string, Channel> = {};
  readonly operations: Record<string, Json> = {};
  readonly messages: Record<string, Message> = {};

  /** Adds a message to the components (once) and to a channel; answers the operation's reference to it. */
  message(channelId: string, id: string, message: Message): Ref {
    const existing = this.messages[id];
    if (existing && JSON.stringify(existing) !== JSON.stringify(message))
      throw new Error(`AsyncAPI: two different messages named ${id}`);
    this.messages[id] = message;
    const channel = this.channels[channelId];
    if (!channel) throw new Error(`AsyncAPI: no channel ${channelId}`);
    channel.messages[id] = { $ref: `#/components/messages/${id}` };
    return { $ref: `#/channels/${channelId}/messages/${id}` };
  }
}

/** JSON Schema (draft 7, the base of AsyncAPI schemas) of a zod schema, as sent (`output`) or as accepted (`input`). */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): Json {
  const { $schema: _draft, ...json } = z.toJSONSchema(schema, { target: 'draft-7', io, unrepresentable: 'throw' });
  return json;
}

/** `delivery.location.updated` -> `DeliveryLocationUpdated`. */
const pascal = (name: string): string =>
  name
    .split(/[._:-]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');

const ref = (pointer: string): Ref => ({ $ref: pointer });
const rabbitmq = ref('#/servers/rabbitmq');
const socketIo = ref('#/servers/socketio');

function addBrokerTopic(parts: DocumentParts, topic: Topic, exchange: string): void {
  const channelId = `events${pascal(topic)}`;
  parts.channels[channelId] = {
    address: topic,
    description: `Routing key \`${topic}\` on the topic exchange \`${exchange}\` (persistent, publisher-confirmed).`,
    servers: [rabbitmq],
    messages: {},
    bindings: {
      amqp: {
        is: 'routingKey',
        exchange: { name: exchange, type: 'topic', durable: true, autoDelete: false, vhost: '/' },
        bindingVersion: '0.3.0',
      },
    },
  };
  const message = parts.message(channelId, `event.${topic}`, {
    name: topic,
    title: topic,
    summary: `The envelope of \`${topic}\`: consumers deduplicate on \`id\`.`,
    payload: jsonSchemaOf(envelopeSchemaOf(topic), 'output'),
  });
  parts.operations[`publish${pascal(topic)}`] = {
    action: 'send',
    channel: ref(`#/channels/${channelId}`),
    summary: `Published through the outbox after the change it reports is stored.`,
    messages: [message],
  };
}

const roomChannelId = (kind: string): string => `room${pascal(kind)}`;

function addRoom(parts: DocumentParts, kind: string, description: string): void {
  parts.channels[roomChannelId(kind)] = {
    address: `${kind}:{${kind}Id}`,
    description,
    servers: [socketIo],
    messages: {},
    parameters: { [`${kind}Id`]: { description: `The id of the ${kind}.` } },
  };
}

function addServerEvent(parts: DocumentParts, channelId: string, event: string, payload: Json, summary: string): void {
  const message = parts.message(channelId, `socket.${event}`, { name: event, title: event, summary, payload });
  parts.operations[`emit${pascal(event)}`] = {
    action: 'send',
    channel: ref(`#/channels/${channelId}`),
    summary,
    messages: [message],
  };
}

function routeSummary(row: RealtimeRoute): string {
  const when = `Emitted to \`${row.room}:<id>\` on the bus event \`${row.topic}\``;
  return row.volatile ? `${when}, volatile (dropped for a client not ready to receive it).` : `${when}.`;
}

const roomDescriptions: Record<(typeof subscribableRoomKinds)[number], string> = {
  auction: 'Anyone may subscribe. Public changes of one auction; bidders appear by alias, never by id.',
  listing: 'Anyone may subscribe. The stock level of one listing.',
  delivery:
    'Its buyer, sellers, courier and admins may subscribe. A courier replaced on the delivery is taken out of it.',
};

const CONNECTION = 'connection';

function addSocketIo(parts: DocumentParts): void {
  for (const kind of subscribableRoomKinds) addRoom(parts, kind, roomDescriptions[kind]);
  addRoom(parts, 'user', 'Every socket joins its own user room on connect; it cannot be asked for.');
  parts.channels[CONNECTION] = {
    address: null,
    description: 'One socket: the events a client sends (each acknowledged) and those sent to it alone.',
    servers: [socketIo],
    messages: {},
  };
  for (const row of realtimeRoutes)
    addServerEvent(parts, roomChannelId(row.room), row.event, jsonSchemaOf(row.schema, 'output'), routeSummary(row));
  for (const [event, declared] of Object.entries(directEvents)) {
    const channelId = declared.to === 'user' ? roomChannelId('user') : CONNECTION;
    addServerEvent(parts, channelId, event, jsonSchemaOf(declared.payload, 'output'), declared.description);
  }
  const ack = parts.message(CONNECTION, 'socket.ack', {
    name: 'ack',
    summary: 'The acknowledgement of a client event (the callback of `socket.emit(event, payload, callback)`).',
    payload: jsonSchemaOf(clientEventAckSchema, 'output'),
  });
  for (const [event, declared] of Object.entries(clientEvents)) {
    const message = parts.message(CONNECTION, `client.${event}`, {
      name: event,
      title: event,
      summary: declared.description,
      payload: jsonSchemaOf(declared.payload, 'input'),
    });
    parts.operations[`on${pascal(event)}`] = {
      action: 'receive',
      channel: ref(`#/channels/${CONNECTION}`),
      summary: declared.description,
      messages: [message],
      reply: { channel: ref(`#/channels/${CONNECTION}`), messages: [ack] },
    };
  }
}

export function generateAsyncApiDocument(options: AsyncApiOptions): object {
  const parts = new DocumentParts();
  for (const topic of topics) addBrokerTopic(parts, topic, options.exchange);
  addSocketIo(parts);
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Uty events and Socket.IO',
      version: '1.1.0',
      description:
        'Every event on the RabbitMQ exchange (an envelope `{ id, topic, occurredAt, payload }`) and every Socket.IO ' +
        'room and event. Generated from the event catalogue and the realtime gateway. HTTP API: /openapi.json.',
      license: { name: 'UNLICENSED' },
    },
    defaultContentType: 'application/json',
    servers: {
      rabbitmq: {
        host: '{host}',
        protocol: 'amqp',
        description: `The broker (AMQP_URL): events go to the topic exchange \`${options.exchange}\`, keyed by topic.`,
        variables: { host: { default: 'localhost:5672' } },
      },
      socketio: {
        host: '{host}',
        protocol: 'ws',
        pathname: REALTIME_NAMESPACE,
        description:
          `Socket.IO 4 (path /socket.io/) on the namespace \`${REALTIME_NAMESPACE}\`. Connect with ` +
          '`auth: { token: <accessToken> }`; a missing or bad token is refused with `connect_error` (`data.code`).',
        variables: { host: { default: 'localhost:3000' } },
      },
    },
    channels: parts.channels,
    operations: parts.operations,
    components: { messages: parts.messages },
  };
}
