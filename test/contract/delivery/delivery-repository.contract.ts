import { randomUUID } from 'node:crypto';
import { beforeEach, expect, it } from 'vitest';
import type { DeliveryRepository, TrackAppend } from '../../../src/application/delivery/ports/delivery-repository.js';
import {
  assignCourier,
  completeDelivery,
  createDelivery,
  pickUp,
  withTrackPoint,
  type Delivery,
} from '../../../src/domain/delivery/delivery.js';
import type { TrackPoint } from '../../../src/domain/delivery/tracking-filter.js';
import type { OutboxStore } from '../../../src/application/shared/outbox/outbox.js';
import { pendingEvents, sampleEvent } from '../../support/outbox-helpers.js';

export interface DeliveryRepositoryContractOptions {
  /** FerretDB does not apply a conditional update atomically: racing writes of one version may all pass. */
  onFerretDb?: boolean;
}

const at = new Date('2026-03-01T10:00:00.000Z');
const minutes = (count: number): Date => new Date(at.getTime() + count * 60_000);
const pending = (orderId: string = randomUUID()): Delivery =>
  createDelivery({ id: randomUUID(), orderId, buyerId: 'b1', sellerIds: ['s1', 's2'], at });
const inTransit = (): Delivery => pickUp(assignCourier(pending(), 'c1', minutes(1)), 'c1', minutes(2));
const pointAt = (minute: number, accuracy?: number): TrackPoint => ({
  lat: 48.85 + minute / 1000,
  lng: 2.35,
  ...(accuracy === undefined ? {} : { accuracy }),
  recordedAt: minutes(minute),
});
const append = (delivery: Delivery, point: TrackPoint, keepNewest = 500): TrackAppend => ({
  deliveryId: delivery.id,
  version: delivery.version,
  point,
  keepNewest,
  at: point.recordedAt,
});

const withoutTrack = ({ track: _track, ...summary }: Delivery) => summary;

/** Stores `delivery` as it is: create takes a delivery in any state. */
async function stored(repo: DeliveryRepository, delivery: Delivery): Promise<Delivery> {
  await repo.create(delivery);
  return delivery;
}

/** A repository (empty or holding unrelated deliveries) and the outbox its changes store events in. */
export interface DeliveryStoreUnderTest {
  repo: DeliveryRepository;
  outbox: OutboxStore;
}

export function deliveryRepositoryContract(
  make: () => Promise<DeliveryStoreUnderTest>,
  options: DeliveryRepositoryContractOptions = {},
): void {
  let repo: DeliveryRepository;
  let outbox: OutboxStore;
  beforeEach(async () => {
    ({ repo, outbox } = await make());
  });
  /** The pending events of this delivery (their ids start with its id). */
  const pendingOf = async (delivery: Delivery) =>
    (await pendingEvents(outbox)).filter((event) => event.id.startsWith(delivery.id)).map((event) => event.id);
  const events = (delivery: Delivery, ...names: string[]) => names.map((name) => sampleEvent(`${delivery.id}-${name}`));

  it('stores the events of each save and append in its outbox, in order, and never in the delivery', async () => {
    const delivery = await stored(repo, pending());
    const assigned = assignCourier(delivery, 'c1', minutes(1));
    await repo.save(assigned, events(delivery, 'assigned', 'notice'));
    await repo.appendPoint(append(assigned, pointAt(2)), events(delivery, 'located'));
    const tracked = withTrackPoint(assigned, pointAt(2), 500, minutes(2));
    const picked = pickUp(tracked, 'c1', minutes(3));
    await repo.save(picked, []);
    await repo.appendPoint(append(picked, pointAt(4)), []);
    expect(await pendingOf(delivery)).toEqual([
      `${delivery.id}-assigned`,
      `${delivery.id}-notice`,
      `${delivery.id}-located`,
    ]);
    expect(await repo.findById(delivery.id)).toStrictEqual(withTrackPoint(picked, pointAt(4), 500, minutes(4)));
  });

  it('a refused save or append (stale version, unknown delivery) stores none of its events', async () => {
    const delivery = await stored(repo, inTransit());
    await repo.save(completeDelivery(delivery, 'c1', minutes(3)), events(delivery, 'won'));
    await expect(
      repo.save(completeDelivery(delivery, 'c1', minutes(4)), events(delivery, 'lost-save')),
    ).rejects.toMatchObject({ code: 'DELIVERY_CONCURRENT_UPDATE' });
    await expect(repo.appendPoint(append(delivery, pointAt(4)), events(delivery, 'lost-point'))).rejects.toMatchObject({
      code: 'DELIVERY_CONCURRENT_UPDATE',
    });
    const unknown = pending();
    await expect(repo.save({ ...unknown, version: 2 }, events(unknown, 'lost'))).rejects.toMatchObject({
      code: 'DELIVERY_NOT_FOUND',
    });
    expect([...(await pendingOf(delivery)), ...(await pendingOf(unknown))]).toEqual([`${delivery.id}-won`]);
  });

  it('stores a delivery and finds it by id and by order, as it was', async () => {
    const delivery = await stored(repo, pending());
    expect(await repo.findById(delivery.id)).toStrictEqual(delivery);
    expect(await repo.findByOrderId(delivery.orderId)).toStrictEqual(delivery);
    expect(await repo.findById('absent')).toBeNull();
    expect(await repo.findByOrderId('absent')).toBeNull();
  });

  it('a second delivery for the same order: DELIVERY_ALREADY_EXISTS, the first one kept', async () => {
    const first = await stored(repo, pending());
    await expect(repo.create(pending(first.orderId))).rejects.toMatchObject({
      code: 'DELIVERY_ALREADY_EXISTS',
      kind: 'conflict',
    });
    expect(await repo.findByOrderId(first.orderId)).toStrictEqual(first);
  });

  it('of 10 racing creates for one order exactly one is stored, the others get DELIVERY_ALREADY_EXISTS (FerretDB included: a unique index on insert)', async () => {
    const orderId = randomUUID();
    const candidates = Array.from({ length: 10 }, () => pending(orderId));
    const results = await Promise.allSettled(candidates.map((d) => repo.create(d)));
    const winners = candidates.filter((_, i) => results[i]?.status === 'fulfilled');
    expect(winners).toHaveLength(1);
    for (const result of results)
      if (result.status === 'rejected') expect(result.reason).toMatchObject({ code: 'DELIVERY_ALREADY_EXISTS' });
    expect(await repo.findByOrderId(orderId)).toStrictEqual(winners[0]);
  });

  it('saves only over the version it was read at; an unknown delivery is DELIVERY_NOT_FOUND', async () => {
    const delivery = await stored(repo, pending());
    const assigned = assignCourier(delivery, 'c1', minutes(1));
    await repo.save(assigned, []);
    expect(await repo.findById(delivery.id)).toStrictEqual(assigned);
    await expect(repo.save(assigned, [])).rejects.toMatchObject({
      code: 'DELIVERY_CONCURRENT_UPDATE',
      kind: 'conflict',
    });
    await expect(repo.save(assignCourier(delivery, 'c2', minutes(1)), [])).rejects.toMatchObject({
      code: 'DELIVERY_CONCURRENT_UPDATE',
    });
    await expect(repo.save({ ...assigned, id: 'absent' }, [])).rejects.toMatchObject({
      code: 'DELIVERY_NOT_FOUND',
      kind: 'not_found',
    });
  });

  it('round-trips every date of the lifecycle and a track with and without accuracy', async () => {
    const delivery = await stored(repo, inTransit());
    const first = withTrackPoint(delivery, pointAt(3, 12.5), 500, minutes(3));
    await repo.appendPoint(append(delivery, pointAt(3, 12.5)), []);
    const withPoints = withTrackPoint(first, pointAt(4), 500, minutes(4));
    await repo.appendPoint(append(first, pointAt(4)), []);
    const found = await repo.findById(delivery.id);
    expect(found).toStrictEqual(withPoints);
    expect(found?.lastLocation).not.toHaveProperty('accuracy');
    const done = completeDelivery(withPoints, 'c1', minutes(5));
    await repo.save(done, []);
    expect(await repo.findById(delivery.id)).toStrictEqual(done);
  });

  it('appendPoint keeps the newest keepNewest points, sets lastLocation and bumps the version', async () => {
    let delivery = await stored(repo, inTransit());
    for (let minute = 3; minute < 10; minute += 1) {
      await repo.appendPoint(append(delivery, pointAt(minute), 4), []);
      delivery = withTrackPoint(delivery, pointAt(minute), 4, minutes(minute));
    }
    const found = await repo.findById(delivery.id);
    expect(found?.track.map((p) => p.recordedAt)).toEqual([6, 7, 8, 9].map(minutes));
    expect(found?.lastLocation).toStrictEqual(pointAt(9));
    expect(found?.version).toBe(delivery.version);
    expect(found).toStrictEqual(delivery);
  });

  it('appendPoint over a stale version: DELIVERY_CONCURRENT_UPDATE and nothing appended; unknown: DELIVERY_NOT_FOUND', async () => {
    const delivery = await stored(repo, inTransit());
    await repo.appendPoint(append(delivery, pointAt(3)), []);
    await expect(repo.appendPoint(append(delivery, pointAt(4)), [])).rejects.toMatchObject({
      code: 'DELIVERY_CONCURRENT_UPDATE',
    });
    expect((await repo.findById(delivery.id))?.track).toHaveLength(1);
    await expect(repo.appendPoint({ ...append(delivery, pointAt(4)), deliveryId: 'absent' }, [])).rejects.toMatchObject(
      { code: 'DELIVERY_NOT_FOUND' },
    );
  });

  it.skipIf(options.onFerretDb === true)(
    'a point appended while the delivery is completed from the same version: exactly one wins, nothing is lost silently (skipped on FerretDB: its conditional updates are not atomic under concurrency)',
    async () => {
      for (let round = 0; round < 10; round += 1) {
        const delivery = await stored(repo, inTransit());
        const results = await Promise.allSettled([
          repo.appendPoint(append(delivery, pointAt(3)), []),
          repo.save(completeDelivery(delivery, 'c1', minutes(3)), []),
        ]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const found = await repo.findById(delivery.id);
        expect(found?.version).toBe(delivery.version + 1);
        if (results[0].status === 'fulfilled')
          expect(found).toMatchObject({ status: 'in_transit', track: [pointAt(3)] });
        else expect(found).toMatchObject({ status: 'delivered', track: [] });
      }
    },
  );

  it.skipIf(options.onFerretDb === true)(
    'of 10 racing appends over one version exactly one is kept (skipped on FerretDB: its conditional updates are not atomic under concurrency)',
    async () => {
      const delivery = await stored(repo, inTransit());
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) => repo.appendPoint(append(delivery, pointAt(3 + i)), [])),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const result of results)
        if (result.status === 'rejected') expect(result.reason).toMatchObject({ code: 'DELIVERY_CONCURRENT_UPDATE' });
      expect((await repo.findById(delivery.id))?.track).toHaveLength(1);
    },
  );

  it("lists a courier's deliveries without their tracks, newest first, by status, paging without gaps", async () => {
    const courier = `c-${randomUUID()}`;
    const mine: Delivery[] = [];
    for (let i = 0; i < 5; i += 1) {
      const created = createDelivery({
        id: randomUUID(),
        orderId: randomUUID(),
        buyerId: 'b1',
        sellerIds: ['s1'],
        at: minutes(Math.floor(i / 2)),
      });
      const assigned = assignCourier(created, courier, minutes(10));
      mine.push(await stored(repo, i === 4 ? pickUp(assigned, courier, minutes(11)) : assigned));
    }
    const tracked = mine[0]!;
    await repo.appendPoint(append(tracked, pointAt(12)), []);
    await stored(repo, assignCourier(pending(), `c-${randomUUID()}`, minutes(10)));
    const newest = [...mine]
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
      .map((d) => d.id);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await repo.list({ courierId: courier }, { limit: 2, cursor });
      for (const item of page.items) expect(item).not.toHaveProperty('track');
      seen.push(...page.items.map((d) => d.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(newest);
    const assigned = (await repo.list({ courierId: courier, status: 'assigned' }, { limit: 100 })).items;
    expect(assigned.map((d) => d.id)).toEqual(newest.filter((id) => id !== mine[4]!.id));
    expect(assigned.find((d) => d.id === tracked.id)).toEqual(
      withoutTrack(withTrackPoint(tracked, pointAt(12), 500, minutes(12))),
    );
    expect(
      (await repo.list({ courierId: courier, status: 'in_transit' }, { limit: 100 })).items.map((d) => d.id),
    ).toEqual([mine[4]!.id]);
    expect((await repo.list({ courierId: courier, status: 'delivered' }, { limit: 100 })).items).toEqual([]);
  });

  it('lists every delivery without a courier filter, newest first; refuses a cursor it did not give', async () => {
    const later = await stored(
      repo,
      createDelivery({
        id: randomUUID(),
        orderId: randomUUID(),
        buyerId: 'b1',
        sellerIds: ['s1'],
        at: new Date('2999-01-01T00:00:00Z'),
      }),
    );
    expect((await repo.list({}, { limit: 1 })).items.map((d) => d.id)).toEqual([later.id]);
    expect((await repo.list({ status: 'pending' }, { limit: 1 })).items.map((d) => d.id)).toEqual([later.id]);
    await expect(repo.list({}, { limit: 1, cursor: 'nope' })).rejects.toMatchObject({ code: 'INVALID_CURSOR' });
  });
}
