import { readFileSync } from 'node:fs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonSchemaOf } from '../../src/adapters/http/asyncapi/asyncapi-document.js';
import { clientEvents, directEvents } from '../../src/adapters/realtime/realtime-events.js';
import { realtimeRoutes } from '../../src/adapters/realtime/realtime-routes.js';
import { eventCatalogue, topics } from '../../src/application/shared/events/catalogue.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { asyncApiDiagnostics } from '../../scripts/asyncapi-problems.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The messages of the channel whose address is `address`, by their Socket.IO event (or AMQP topic) name. */
function messagesAt(doc: Json, address: string | null): Map<string, Json> {
  const channel = Object.values<Json>(doc.channels).find((c) => c.address === address);
  if (!channel) throw new Error(`no channel at ${String(address)}`);
  const resolve = (ref: string): Json => doc.components.messages[ref.replace('#/components/messages/', '')];
  const messages = Object.values<{ $ref: string }>(channel.messages).map((m) => resolve(m.$ref));
  return new Map(messages.map((m) => [m.name as string, m]));
}

/** The operation that carries a message of `channelId` named `event`. */
function operationOf(doc: Json, event: string): Json | undefined {
  return Object.values<Json>(doc.operations).find((op) =>
    op.messages.some((m: { $ref: string }) => m.$ref.endsWith(`/messages/client.${event}`)),
  );
}

describe('GET /asyncapi.json (generated from the event catalogue and the realtime declarations)', () => {
  let t: TestApp;
  let doc: Json;
  beforeAll(async () => {
    t = await createTestApp();
    const res = await request(t.app).get('/asyncapi.json').expect(200);
    expect(res.type).toBe('application/json');
    doc = res.body;
  });
  afterAll(() => t.close());

  it('is AsyncAPI 3.0 with the RabbitMQ exchange and Socket.IO /ws as servers', () => {
    expect(doc.asyncapi).toBe('3.0.0');
    expect(doc.servers.rabbitmq).toMatchObject({ protocol: 'amqp' });
    expect(doc.servers.socketio).toMatchObject({ protocol: 'ws', pathname: '/ws' });
  });

  it('has every topic of the catalogue on the exchange: its envelope with the payload schema', () => {
    expect(topics.length).toBeGreaterThanOrEqual(22);
    for (const topic of topics) {
      const channel = Object.values<Json>(doc.channels).find((c) => c.address === topic);
      expect(channel?.bindings.amqp.exchange, topic).toMatchObject({ name: t.config.amqp?.exchange ?? 'uty.events' });
      const message = messagesAt(doc, topic).get(topic);
      expect(message?.payload.required, topic).toEqual(['id', 'topic', 'occurredAt', 'payload']);
      expect(message?.payload.properties.topic, topic).toMatchObject({ const: topic });
      expect(message?.payload.properties.payload, topic).toEqual(jsonSchemaOf(eventCatalogue[topic], 'output'));
    }
  });

  it('has every server event of api.md in its room, and every event of the realtime tables', () => {
    const contract: [string, string][] = [
      ['listing:{listingId}', 'stock.reserved'],
      ['listing:{listingId}', 'stock.released'],
      ['listing:{listingId}', 'stock.updated'],
      ['auction:{auctionId}', 'auction.bid.placed'],
      ['auction:{auctionId}', 'auction.ended'],
      ['delivery:{deliveryId}', 'delivery.assigned'],
      ['delivery:{deliveryId}', 'delivery.location.updated'],
      ['delivery:{deliveryId}', 'delivery.completed'],
      ['user:{userId}', 'notification'],
    ];
    for (const [room, event] of contract) expect(messagesAt(doc, room).has(event), `${event} in ${room}`).toBe(true);
    for (const row of realtimeRoutes) {
      const message = messagesAt(doc, `${row.room}:{${row.room}Id}`).get(row.event);
      expect(message?.payload, row.event).toEqual(jsonSchemaOf(row.schema, 'output'));
    }
    expect(messagesAt(doc, null).has('auth.expired')).toBe(true);
    expect(Object.keys(directEvents)).toEqual(['notification', 'auth.expired']);
  });

  it('shows auction rooms only public fields: aliases, never user ids', () => {
    const bid = messagesAt(doc, 'auction:{auctionId}').get('auction.bid.placed');
    expect(Object.keys(bid?.payload.properties)).toContain('bidderAlias');
    expect(Object.keys(bid?.payload.properties)).not.toContain('bidderId');
    expect(Object.keys(bid?.payload.properties)).not.toContain('leadingBidderId');
  });

  it('has every client event with its payload and its acknowledgement', () => {
    const sent = messagesAt(doc, null);
    for (const event of ['subscribe', 'unsubscribe', 'delivery.location', 'auth.refresh']) {
      expect(sent.get(event)?.payload, event).toEqual(
        jsonSchemaOf(clientEvents[event as keyof typeof clientEvents].payload, 'input'),
      );
      const operation = operationOf(doc, event);
      expect(operation?.action, event).toBe('receive');
      expect(operation?.reply.messages, event).toEqual([{ $ref: '#/channels/connection/messages/socket.ack' }]);
    }
    expect(sent.get('ack')?.payload.anyOf).toHaveLength(2);
  });

  it('is linked from the Swagger UI page (the OpenAPI description) and the README', async () => {
    const openApi = (await request(t.app).get('/openapi.json').expect(200)).body;
    expect(openApi.info.description).toContain('(/asyncapi.json)');
    expect(readFileSync('README.md', 'utf8')).toContain('/asyncapi.json');
  });
});

describe('npm run lint validates the AsyncAPI document', () => {
  it('runs scripts/validate-asyncapi.ts, whose rules (asyncapi validate, in-process) pass the served document', async () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.lint).toContain('tsx scripts/validate-asyncapi.ts');
    const t = await createTestApp();
    try {
      const served = (await request(t.app).get('/asyncapi.json').expect(200)).body as Json;
      expect((await asyncApiDiagnostics(served)).failing).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it('fails a document that breaks the AsyncAPI schema, naming where', async () => {
    const broken = { asyncapi: '3.0.0', info: { title: 'x', version: '1' }, channels: { c: { address: 42 } } };
    const { failing } = await asyncApiDiagnostics(broken);
    expect(failing).toEqual(expect.arrayContaining([expect.stringContaining('channels.c.address')]));
  });
});
