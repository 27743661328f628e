import { describe, expect, it } from 'vitest';
import { AssignCourier } from '../../../src/application/delivery/assign-courier/assign-courier.js';
import { CompleteDelivery } from '../../../src/application/delivery/complete-delivery/complete-delivery.js';
import { PickUpDelivery } from '../../../src/application/delivery/pick-up-delivery/pick-up-delivery.js';
import type { DeliveryRepository } from '../../../src/application/delivery/ports/delivery-repository.js';
import { RecordLocation } from '../../../src/application/delivery/record-location/record-location.js';
import type { Topic } from '../../../src/application/shared/events/catalogue.js';
import type { Delivery } from '../../../src/domain/delivery/delivery.js';
import { FaultPlan } from '../../support/fault-injection.js';
import { expectEventsStoredWithState, underFault, type OutboxWorld } from '../../support/outbox-helpers.js';
import { admin, courier, deliveryFixture, settings } from './delivery-fixture.js';

type Fixture = ReturnType<typeof deliveryFixture>;
type Stage = 'pending' | 'assigned' | 'inTransit';

interface World extends Omit<Fixture, 'published'>, OutboxWorld {
  delivery: Delivery;
  /** The repository as the command sees it, its calls being steps of `plan`. */
  repository(plan: FaultPlan): DeliveryRepository;
}

async function world(stage: Stage): Promise<World> {
  const f = deliveryFixture();
  const delivery = await f[stage]();
  await f.relay.flush();
  return {
    ...f,
    delivery,
    published: f.bus.published,
    settle: () => f.relay.flush(),
    close: async () => undefined,
    repository: (plan) => plan.wrap('deliveries', f.deliveries),
  };
}

const commands = {
  assign: (w: World, plan: FaultPlan) =>
    new AssignCourier(w.repository(plan), w.courierDirectory, w.deliveryEvents, w.clock).execute(
      admin,
      w.delivery.id,
      courier.userId,
    ),
  pickUp: (w: World, plan: FaultPlan) =>
    new PickUpDelivery(w.repository(plan), w.deliveryOrders, w.deliveryEvents, w.clock).execute(courier, w.delivery.id),
  complete: (w: World, plan: FaultPlan) =>
    new CompleteDelivery(w.repository(plan), w.deliveryEvents, w.clock).execute(courier, w.delivery.id),
  record: (w: World, plan: FaultPlan) =>
    new RecordLocation(w.repository(plan), w.deliveryEvents, w.clock, settings).execute(courier, {
      deliveryId: w.delivery.id,
      lat: 48.85,
      lng: 2.35,
    }),
};

const scenarios: {
  name: string;
  stage: Stage;
  run: (w: World, plan: FaultPlan) => Promise<unknown>;
  write: string;
  topics: Topic[];
}[] = [
  {
    name: 'AssignCourier',
    stage: 'pending',
    run: commands.assign,
    write: 'deliveries.save',
    topics: ['delivery.assigned', 'notification.send', 'notification.send', 'admin.action'],
  },
  {
    name: 'PickUpDelivery',
    stage: 'assigned',
    run: commands.pickUp,
    write: 'deliveries.save',
    topics: ['delivery.picked_up'],
  },
  {
    name: 'CompleteDelivery',
    stage: 'inTransit',
    run: commands.complete,
    write: 'deliveries.save',
    topics: ['delivery.completed', 'notification.send', 'notification.send', 'notification.send'],
  },
  {
    name: 'RecordLocation',
    stage: 'inTransit',
    run: commands.record,
    write: 'deliveries.appendPoint',
    topics: ['delivery.location.updated'],
  },
];

describe('delivery transitions store their events with the delivery (outbox), under every fault', () => {
  for (const { name, stage, run, write, topics } of scenarios) {
    it(`${name}: a failed write changes nothing and stores no event; a crash after it loses none (published once)`, async () => {
      await expectEventsStoredWithState({
        world: () => world(stage),
        run,
        state: (w) => w.deliveries.findById(w.delivery.id),
        write,
        topics,
      });
    });
  }
});

describe('a transition retried after a crash that followed its write', () => {
  const crashAfterSave = () => new FaultPlan({ mode: 'crash', at: 2 });
  const topicsOf = (w: World) => w.bus.published.map((e) => e.topic);

  it('complete again: 409, the delivery stays delivered, delivery.completed published once', async () => {
    const w = await world('inTransit');
    await underFault(() => commands.complete(w, crashAfterSave()));
    await expect(w.complete.execute(courier, w.delivery.id)).rejects.toMatchObject({
      code: 'DELIVERY_INVALID_TRANSITION',
      kind: 'conflict',
    });
    expect((await w.get.execute(admin, w.delivery.id)).status).toBe('delivered');
    await w.relay.flush();
    expect(topicsOf(w).filter((t) => t === 'delivery.completed')).toHaveLength(1);
  });

  it('pick up again: 409, the delivery stays in transit, delivery.picked_up published once', async () => {
    const w = await world('assigned');
    await underFault(() => commands.pickUp(w, crashAfterSave()));
    await expect(w.pickUp.execute(courier, w.delivery.id)).rejects.toMatchObject({
      code: 'DELIVERY_INVALID_TRANSITION',
    });
    await w.relay.flush();
    expect(topicsOf(w).filter((t) => t === 'delivery.picked_up')).toHaveLength(1);
  });

  it('assign the same courier again: the delivery as it is (200), nobody notified twice', async () => {
    const w = await world('pending');
    await underFault(() => commands.assign(w, crashAfterSave()));
    const stored = await w.deliveries.findById(w.delivery.id);
    expect(await w.assign.execute(admin, w.delivery.id, courier.userId)).toEqual(stored);
    await w.relay.flush();
    expect(topicsOf(w)).toEqual(['delivery.assigned', 'notification.send', 'notification.send', 'admin.action']);
  });
});
