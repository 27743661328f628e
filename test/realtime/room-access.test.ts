import { describe, expect, it } from 'vitest';
import { SequentialIdGenerator } from '../../src/adapters/memory/shared/sequential-id-generator.js';
import { ManualClock } from '../../src/adapters/memory/shared/manual-clock.js';
import { withoutLostRooms } from '../../src/adapters/realtime/missed-packets.js';
import { lossesFor, roomRevocations } from '../../src/adapters/realtime/room-revocations.js';
import { RoomSubscriptions, type RoomSocket } from '../../src/adapters/realtime/room-subscriptions.js';
import { anyone, parseRoom } from '../../src/adapters/realtime/rooms.js';
import { EventFactory } from '../../src/application/shared/events/event-factory.js';
import { DomainError } from '../../src/domain/shared/domain-error.js';

const events = new EventFactory(new SequentialIdGenerator('event'), new ManualClock('2026-03-01T10:00:00.000Z'));
const assigned = (previousCourierId?: string) =>
  events.create('delivery.assigned', {
    deliveryId: 'd-1',
    orderId: 'o-1',
    buyerId: 'buyer',
    sellerIds: ['seller'],
    courierId: 'new',
    ...(previousCourierId ? { previousCourierId } : {}),
  });

describe('room revocations', () => {
  it.each([
    ['a first assignment takes nobody out', undefined, []],
    ['a replaced courier leaves delivery:<id>', 'old', [{ userId: 'old', room: 'delivery:d-1' }]],
    ['a replaced courier who is its buyer keeps watching it', 'buyer', []],
    ['a replaced courier who is one of its sellers keeps watching it', 'seller', []],
  ])('%s', (_name, previous, losses) => {
    expect(lossesFor(roomRevocations, assigned(previous))).toEqual(losses);
  });

  it('other topics take nobody out', () => {
    expect(
      lossesFor(
        roomRevocations,
        events.create('delivery.picked_up', {
          deliveryId: 'd-1',
          orderId: 'o-1',
          buyerId: 'b',
          sellerIds: [],
          courierId: 'c',
          pickedUpAt: '2026-03-01T10:00:00.000Z',
        }),
      ),
    ).toEqual([]);
  });
});

describe('a recovered socket', () => {
  const socketIn = (...names: string[]): RoomSocket & { left: string[] } => {
    const rooms = new Set(['socket-1', 'user:u-1', ...names]);
    const left: string[] = [];
    return {
      id: 'socket-1',
      rooms,
      disconnected: true,
      data: { principal: { userId: 'u-1', roles: ['courier'] } },
      join: (room) => void rooms.add(room),
      leave: (room) => {
        rooms.delete(room);
        left.push(room);
      },
      left,
    };
  };

  it('keeps the rooms it may still join and leaves the others, also when the rule fails to answer', async () => {
    const subscriptions = new RoomSubscriptions(
      {
        auction: anyone,
        listing: () => Promise.reject(new Error('database down')),
        delivery: (_principal, id) => {
          if (id === 'refused-with-code') throw new DomainError('forbidden', 'NOPE', 'no');
          return id === 'kept';
        },
      },
      10,
    );
    const socket = socketIn(
      'auction:a-1',
      'listing:l-1',
      'delivery:kept',
      'delivery:lost',
      'delivery:refused-with-code',
    );
    const lost = await subscriptions.revalidate(socket);
    expect(lost.map((room) => room.name)).toEqual(['listing:l-1', 'delivery:lost', 'delivery:refused-with-code']);
    expect(socket.left).toEqual(['listing:l-1', 'delivery:lost', 'delivery:refused-with-code']);
    expect([...socket.rooms]).toEqual(['socket-1', 'user:u-1', 'auction:a-1', 'delivery:kept']);
  });

  it("gets the missed events but those about a lost room (each names its room's id as <kind>Id)", () => {
    const missed = [
      ['delivery.assigned', { deliveryId: 'lost', courierId: 'new' }, '1-1'],
      ['delivery.picked_up', { deliveryId: 'kept' }, '1-2'],
      ['stock.updated', { listingId: 'lost', available: 1 }, '1-3'],
      ['notification', { type: 'delivery.assigned', data: { deliveryId: 'lost' } }, '1-4'],
    ];
    expect(withoutLostRooms(missed, [parseRoom('delivery:lost')])).toEqual(missed.slice(1));
  });
});
