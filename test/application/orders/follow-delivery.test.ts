import { beforeEach, describe, expect, it } from 'vitest';
import { FollowDelivery } from '../../../src/application/orders/follow-delivery/follow-delivery.js';
import { OrderEvents } from '../../../src/application/orders/order-events.js';
import { envelopeWithId, type EventEnvelope } from '../../../src/application/shared/events/envelope.js';
import { MemoryOrderRepository } from '../../../src/adapters/memory/orders/memory-order-repository.js';
import { ManualClock } from '../../../src/adapters/memory/shared/manual-clock.js';
import { cancelOrder, confirmOrder, createOrder, markPaid, type Order } from '../../../src/domain/orders/order.js';
import { memoryOutboxRig, type RecordingBus } from '../../support/outbox-helpers.js';

const at = new Date('2026-03-01T10:00:00.000Z');
const pickedUpAt = '2026-03-01T11:00:00.000Z';
const completedAt = '2026-03-01T12:00:00.000Z';
const address = { name: 'Ada', line1: '1 rue', city: 'Paris', postalCode: '75001', country: 'FR' };
const items = [
  { listingId: 'l1', sellerId: 's1', title: 'Bike', unitPrice: { amount: 1000, currency: 'EUR' }, quantity: 1 },
];

describe('FollowDelivery (orders consumer of delivery.assigned, delivery.picked_up and delivery.completed)', () => {
  let orders: MemoryOrderRepository;
  let bus: RecordingBus;
  let published: () => Promise<unknown>;
  let consumer: FollowDelivery;
  let paid: Order;
  const clock = new ManualClock(at);
  let eventCount = 0;

  const ref = () => ({ deliveryId: 'd1', orderId: paid.id, buyerId: 'b1', sellerIds: ['s1'], courierId: 'c1' });
  const nextId = () => `event-${++eventCount}`;
  const pickedUp = (): EventEnvelope<'delivery.picked_up'> =>
    envelopeWithId(nextId(), 'delivery.picked_up', { ...ref(), pickedUpAt }, clock);
  const completed = (orderId = paid.id): EventEnvelope<'delivery.completed'> =>
    envelopeWithId(nextId(), 'delivery.completed', { ...ref(), orderId, completedAt }, clock);
  const stored = async () => (await orders.findById(paid.id))!;

  beforeEach(async () => {
    const rig = memoryOutboxRig(clock);
    orders = new MemoryOrderRepository(rig.outbox);
    bus = rig.bus;
    published = () => rig.relay.flush();
    consumer = new FollowDelivery(orders, new OrderEvents(rig.events));
    paid = markPaid(
      confirmOrder(createOrder({ id: `o-${eventCount}`, buyerId: 'b1', items, shippingAddress: address, at }), at),
      at,
    );
    await orders.create(paid, []);
  });

  it('picked up: the order is shipped and records its delivery; the same fact again is a no-op', async () => {
    await consumer.handle(pickedUp());
    const shipped = await stored();
    expect(shipped).toMatchObject({
      status: 'shipped',
      deliveryId: 'd1',
      updatedAt: new Date(pickedUpAt),
      version: paid.version + 1,
    });
    await consumer.handle(pickedUp());
    expect(await stored()).toEqual(shipped);
    await published();
    expect(bus.published).toEqual([]);
  });

  it('completed: the order is delivered, stored with order.delivered (its own id); the same fact again changes nothing and stores nothing', async () => {
    await consumer.handle(pickedUp());
    await consumer.handle(completed());
    const delivered = await stored();
    expect(delivered).toMatchObject({ status: 'delivered', deliveryId: 'd1', version: paid.version + 2 });
    await consumer.handle(completed()); // e.g. redelivered
    await consumer.handle(pickedUp());
    expect(await stored()).toEqual(delivered);
    await published();
    const sent = bus.published.filter((e) => e.topic === 'order.delivered');
    expect(sent.map((e) => e.id)).toEqual([`order.delivered:${paid.id}`]);
    expect(sent[0]?.payload).toEqual({
      orderId: paid.id,
      buyerId: 'b1',
      sellerIds: ['s1'],
      deliveryId: 'd1',
      deliveredAt: completedAt,
    });
  });

  it('assigned: the order records its courier (who may then see it); a reassignment replaces it, a delivered order keeps it', async () => {
    const assigned = (courierId: string) =>
      envelopeWithId(nextId(), 'delivery.assigned', { ...ref(), courierId }, clock);
    await consumer.handle(assigned('c1'));
    expect(await stored()).toMatchObject({ status: 'paid', courierId: 'c1', version: paid.version + 1 });
    await consumer.handle(assigned('c1'));
    await consumer.handle(assigned('c2'));
    expect(await stored()).toMatchObject({ courierId: 'c2', version: paid.version + 2 });
    await consumer.handle(completed());
    await consumer.handle(assigned('c3'));
    expect(await stored()).toMatchObject({ status: 'delivered', courierId: 'c2' });
  });

  it('a completion seen before its pickup ships and delivers in one save', async () => {
    await consumer.handle(completed());
    expect(await stored()).toMatchObject({ status: 'delivered', deliveryId: 'd1', version: paid.version + 1 });
    await published();
    expect(bus.payloads('order.delivered')).toHaveLength(1);
  });

  it('a cancelled or unknown order is left alone', async () => {
    const cancelled = cancelOrder(paid, at);
    await orders.save(cancelled, []);
    await consumer.handle(pickedUp());
    await consumer.handle(completed());
    expect(await stored()).toEqual(cancelled);
    await consumer.handle(completed('absent'));
    await published();
    expect(bus.published).toEqual([]);
  });
});
