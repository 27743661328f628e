import { describe, expect, it } from 'vitest';
import { CancelOrderDelivery } from '../../../src/application/delivery/cancel-order-delivery/cancel-order-delivery.js';
import { envelopeWithId, type EventEnvelope } from '../../../src/application/shared/events/envelope.js';
import { buyer, courier, deliveryFixture } from './delivery-fixture.js';

type Fixture = ReturnType<typeof deliveryFixture>;

const orderCancelled = (f: Fixture, orderId: string): EventEnvelope<'order.cancelled'> =>
  envelopeWithId(
    `order.cancelled:${orderId}`,
    'order.cancelled',
    {
      orderId,
      buyerId: buyer.userId,
      sellerIds: [],
      cancelledBy: buyer.userId,
      items: [{ listingId: 'l1', quantity: 1 }],
    },
    f.clock,
  );

describe('CancelOrderDelivery (consumer of order.cancelled)', () => {
  const setup = () => {
    const f = deliveryFixture();
    return { f, cancel: new CancelOrderDelivery(f.deliveries, f.deliveryEvents, f.clock) };
  };

  it('cancels the delivery of the order, tells its courier once, and changes nothing on redelivery', async () => {
    const { f, cancel } = setup();
    const assigned = await f.assigned();
    f.clock.advance(60_000);
    expect(await cancel.handle(orderCancelled(f, assigned.orderId))).toMatchObject({
      status: 'cancelled',
      cancelledAt: f.clock.now(),
      version: assigned.version + 1,
    });
    expect(await cancel.handle(orderCancelled(f, assigned.orderId))).toMatchObject({
      status: 'cancelled',
      version: assigned.version + 1,
    });
    const notices = (await f.published('notification.send')) as { userId: string; type: string }[];
    expect(notices.filter((n) => n.type === 'delivery.cancelled')).toEqual([
      expect.objectContaining({ userId: courier.userId }),
    ]);
    await expect(f.pickUp.execute(courier, assigned.id)).rejects.toMatchObject({ code: 'DELIVERY_ORDER_CANCELLED' });
  });

  it('a delivery without courier is cancelled silently; a delivered one, or an order without delivery, is left alone', async () => {
    const { f, cancel } = setup();
    const pending = await f.pending();
    expect(await cancel.handle(orderCancelled(f, pending.orderId))).toMatchObject({ status: 'cancelled' });
    expect((await f.published('notification.send')).filter((n) => n.type === 'delivery.cancelled')).toEqual([]);
    const inTransit = await f.inTransit();
    const delivered = await f.complete.execute(courier, inTransit.id);
    expect(await cancel.handle(orderCancelled(f, delivered.orderId))).toEqual(delivered);
    expect(await cancel.handle(orderCancelled(f, 'no-such-order'))).toBeNull();
  });
});
