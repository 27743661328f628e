import { describe, expect, it } from 'vitest';
import type { PlacedBid } from '../../../src/application/auctions/place-bid/place-bid.js';
import type { Auction } from '../../../src/domain/auctions/auction.js';
import { DomainError } from '../../../src/domain/shared/domain-error.js';
import { eur } from '../../support/auction-fixture.js';
import { AuctionRig, memoryAuctionStores, realAuctionStores, type AuctionStores } from '../../support/auction-rig.js';
import { describeFault, everyFault, FaultPlan } from '../../support/fault-injection.js';
import { useMongoDatabase } from '../../support/mongo.js';
import { describeWithService } from '../../support/real-services.js';

const seller = { userId: 'seller', roles: ['seller'] };
const outcome = <T>(promise: Promise<T>): Promise<T | Error> => promise.catch((error: unknown) => error as Error);

/**
 * Every step of bid, close and cancel fails in turn (a store refuses it, or the process dies right
 * after it); then new processes over the same stores recover (the client's retry with its
 * Idempotency-Key, the relay, the broker's redelivery, a timer tick) and the invariants hold:
 * accepted bids = `auction.bid.placed` = bid log = bidCount (live and stored), `auction.ended`
 * and its notifications stored and published exactly once, the held unit released exactly once
 * when nobody won, nothing left on the timer.
 */
function crashSafety(makeStores: () => Promise<AuctionStores>): void {
  async function withRig(test: (rig: AuctionRig) => Promise<void>): Promise<void> {
    const stores = await makeStores();
    try {
      await test(new AuctionRig(stores));
    } finally {
      await stores.close();
    }
  }

  /** Steps of a scenario run without a fault, then the scenario once per fault. */
  async function forEveryFault(scenario: (plan: FaultPlan) => Promise<void>, minimumSteps: number): Promise<void> {
    const clean = new FaultPlan();
    await scenario(clean);
    expect(clean.steps.length).toBeGreaterThanOrEqual(minimumSteps);
    for (const fault of everyFault(clean.steps.length)) {
      const plan = new FaultPlan(fault);
      try {
        await scenario(plan);
      } catch (error) {
        throw new Error(`${describeFault(fault, clean.steps)}: ${(error as Error).message}`, { cause: error });
      }
    }
  }

  async function bidScenario(plan: FaultPlan): Promise<void> {
    await withRig(async (rig) => {
      const auction = await rig.openAuction();
      const earlier = await rig.process().placeBid.execute({ auctionId: auction.id, bidderId: 'b0', price: eur(1000) });
      await rig.settle();
      const command = {
        auctionId: auction.id,
        bidderId: 'b1',
        price: eur(1100),
        maxPrice: eur(2000),
        idempotencyKey: 'bid-key-0001',
      };
      const dying = rig.process(plan);
      const first = await outcome(dying.placeBid.execute(command));
      await rig.settle(dying);
      // Recovery: the client retries (its first answer may have been lost), a healthy instance consumes.
      const retry = await rig.process().placeBid.execute(command);
      await rig.settle();
      if (!(first instanceof Error)) expect(retry).toEqual(first);
      const counts = await rig.bidCounts(auction.id);
      const ids = [earlier.bid.id, retry.bid.id].sort();
      expect(counts).toEqual({ live: 2, stored: 2, log: ids, placed: ids, pending: 0 });
      expect(rig.published(auction.id).filter((id) => id === `auction.outbid:${retry.bid.id}`)).toHaveLength(1);
      expect(await rig.stores.auctions.findById(auction.id)).toMatchObject({
        leadingBidderId: 'b1',
        currentPrice: eur(1100),
        leaderMaxAmount: 2000,
      });
    });
  }

  async function closeScenario(plan: FaultPlan, reservePrice?: number): Promise<void> {
    await withRig(async (rig) => {
      const auction = await rig.openAuction(reservePrice ? { reservePrice } : {});
      const healthy = rig.process();
      for (const [bidderId, amount] of [
        ['b1', 1000],
        ['b2', 1100],
      ] as const)
        await healthy.placeBid.execute({ auctionId: auction.id, bidderId, price: eur(amount) });
      await rig.settle();
      // The last bid's event is still on its way when the auction ends.
      await healthy.placeBid.execute({ auctionId: auction.id, bidderId: 'b1', price: eur(1200) });
      rig.clock.set(auction.endsAt);
      await outcome(rig.process(plan).closeDue.execute());
      await rig.process().closeDue.execute();
      await rig.settle();
      await expectFinished(rig, auction, reservePrice ? null : 'b1');
      const counts = await rig.bidCounts(auction.id);
      expect(counts).toMatchObject({ live: 3, stored: 3, pending: 0 });
      expect(counts.log).toHaveLength(3);
      expect(counts.placed).toEqual(counts.log);
    });
  }

  async function expectFinished(rig: AuctionRig, auction: Auction, winnerId: string | null): Promise<void> {
    expect(await rig.stores.auctions.findById(auction.id)).toMatchObject({ status: 'ended', winnerId });
    const ended = rig
      .published(auction.id)
      .filter(
        (id) => !id.startsWith('auction.bid') && !id.startsWith('auction.outbid') && !id.startsWith('auction.created'),
      );
    const notified = winnerId ? [`auction.won:${auction.id}:${winnerId}`] : [];
    expect(ended).toEqual([`auction.ended:${auction.id}`, ...notified, `auction.ended:${auction.id}:seller`]);
    expect(rig.bus.published.find((event) => event.id === `auction.ended:${auction.id}`)?.payload).toMatchObject({
      winnerId,
      bidCount: 3,
    });
    expect(rig.stores.stock.released).toEqual(winnerId ? [] : [auction.id]);
    expect(await rig.stores.schedule.due('end', new Date(8.64e15), 100)).toEqual([]);
  }

  it(
    'bid: after any failed or crashed step, the retry and recovery leave one bid everywhere',
    () => forEveryFault(bidScenario, 5),
    120_000,
  );

  it(
    'close with a winner: after any failed or crashed step, the next tick finishes it; auction.ended once',
    () => forEveryFault((plan) => closeScenario(plan), 8),
    120_000,
  );

  it(
    'close below the reserve: the unit goes back to stock exactly once whatever step failed',
    () => forEveryFault((plan) => closeScenario(plan, 5_000), 9),
    120_000,
  );

  it(
    'cancel: after any failed or crashed step, the auction is either cancelled and finished by the next tick or still live on its deadline',
    () =>
      forEveryFault(async (plan) => {
        await withRig(async (rig) => {
          const auction = await rig.openAuction();
          await outcome(rig.process(plan).cancel.execute(seller, auction.id));
          await rig.process().closeDue.execute();
          await rig.settle();
          const live = await rig.stores.live.get(auction.id);
          if (live?.status === 'cancelled') {
            expect(await rig.stores.auctions.findById(auction.id)).toMatchObject({ status: 'cancelled' });
            expect(rig.stores.stock.released).toEqual([auction.id]);
            expect(await rig.stores.schedule.due('end', new Date(8.64e15), 100)).toEqual([]);
          } else {
            expect(await rig.stores.auctions.findById(auction.id)).toMatchObject({ status: 'live' });
            expect(rig.stores.stock.held.has(auction.id)).toBe(true);
            expect(await rig.stores.schedule.due('end', new Date(auction.endsAt.getTime() - 1), 100)).toEqual([]);
            expect(await rig.stores.schedule.due('end', auction.endsAt, 100)).toEqual([auction.id]);
          }
        });
      }, 7),
    120_000,
  );

  it(
    'buy-now: after any failed or crashed step, the auction is either bought (finished by the next tick, auction.ended with the order id once) or still live on its deadline',
    () =>
      forEveryFault(async (plan) => {
        await withRig(async (rig) => {
          const auction = await rig.openAuction({ buyItNowPrice: 5000 });
          await outcome(rig.process(plan).buyNow.execute({ auctionId: auction.id, buyerId: 'buyer' }));
          await rig.process().closeDue.execute();
          await rig.settle();
          const live = await rig.stores.live.get(auction.id);
          if (live?.status === 'ended') {
            expect(await rig.stores.auctions.findById(auction.id)).toMatchObject({
              status: 'ended',
              winnerId: 'buyer',
              orderId: live.orderId,
              currentPrice: eur(5000),
            });
            const ended = rig.bus.published.filter((event) => event.id === `auction.ended:${auction.id}`);
            expect(ended.map((event) => event.payload)).toEqual([
              expect.objectContaining({ winnerId: 'buyer', orderId: live.orderId, finalPrice: eur(5000) }),
            ]);
            expect(rig.stores.stock.released).toEqual([]);
            expect(await rig.stores.schedule.due('end', new Date(8.64e15), 100)).toEqual([]);
          } else {
            expect(await rig.stores.auctions.findById(auction.id)).toMatchObject({ status: 'live' });
            expect(await rig.stores.schedule.due('end', new Date(auction.endsAt.getTime() - 1), 100)).toEqual([]);
            expect(await rig.stores.schedule.due('end', auction.endsAt, 100)).toEqual([auction.id]);
          }
        });
      }, 7),
    120_000,
  );

  it(
    'create: after any failed or crashed step, an auction stored is created once and bid on and closed; one not stored leaves no deadline',
    () =>
      forEveryFault(async (plan) => {
        await withRig(async (rig) => {
          const endsAt = new Date(rig.clock.now().getTime() + 3_600_000);
          const created = await outcome(
            rig.process(plan).create.execute({
              sellerId: 'seller',
              listingId: 'listing-1',
              startingPrice: eur(1000),
              minIncrement: eur(100),
              endsAt,
            }),
          );
          const id = created instanceof Error ? undefined : created.id;
          const stored = (await rig.stores.auctions.list({}, { limit: 10 })).items[0];
          if (id) expect(stored?.id).toBe(id);
          if (stored) {
            const bid = await rig
              .process()
              .placeBid.execute({ auctionId: stored.id, bidderId: 'b1', price: eur(1000) });
            rig.clock.set(endsAt);
            await rig.process().closeDue.execute();
            await rig.settle();
            // Sorted: auction.created (MongoDB outbox) and the rest (Redis outbox) are relayed from two stores.
            const expected = [
              `auction.created:${stored.id}`,
              `auction.bid.placed:${bid.bid.id}`,
              `auction.ended:${stored.id}`,
              `auction.won:${stored.id}:b1`,
              `auction.ended:${stored.id}:seller`,
            ];
            expect(rig.published(stored.id).sort()).toEqual(expected.sort());
          } else {
            rig.clock.set(endsAt);
            await rig.process().closeDue.execute();
            await rig.relay.flush();
            expect(rig.bus.published).toEqual([]);
          }
          expect(await rig.stores.schedule.due('end', new Date(8.64e15), 100)).toEqual([]);
        });
      }, 6),
    120_000,
  );

  it('40 keyed bids sent 3 times each at once through two instances: each key stores at most one bid, and the stores agree', async () => {
    await withRig(async (rig) => {
      const auction = await rig.openAuction();
      const instances = [rig.process(), rig.process(undefined, rig.stores.otherLive)];
      const requests = Array.from({ length: 40 }, (_, index) => ({
        auctionId: auction.id,
        bidderId: `b${index}`,
        price: eur(1000 + 100 * index),
        idempotencyKey: `key-${index}-0000`,
      }));
      const order = requests.flatMap((request, index) =>
        [0, 1, 2].map((copy) => ({ request, instance: instances[(index + copy) % 2]! })),
      );
      const send = async ({ request, instance }: (typeof order)[number]) => ({
        key: request.idempotencyKey,
        answer: await outcome(instance.placeBid.execute(request)),
      });
      // A copy of the lowest bid first, alone: had the highest been decided first, every other bid would be too low
      // (then one accepted bid, and nothing to compare). The rest at once, shuffled.
      const first = await send(order[0]!);
      const rest = await Promise.all(
        order
          .slice(1)
          .sort(() => Math.random() - 0.5)
          .map(send),
      );
      const answers = [first, ...rest];
      const accepted = new Set<string>();
      for (const request of requests) {
        const copies = answers.filter((answer) => answer.key === request.idempotencyKey).map((answer) => answer.answer);
        const ids = new Set(copies.flatMap((copy) => (copy instanceof Error ? [] : [(copy as PlacedBid).bid.id])));
        expect(ids.size).toBeLessThanOrEqual(1);
        for (const copy of copies)
          if (copy instanceof Error) expect(copy instanceof DomainError && copy.code).toBe('AUCTION_BID_TOO_LOW');
        ids.forEach((id) => accepted.add(id));
      }
      await rig.settle();
      const all = [...accepted].sort();
      expect(all.length).toBeGreaterThan(1);
      expect(await rig.bidCounts(auction.id)).toEqual({
        live: all.length,
        stored: all.length,
        log: all,
        placed: all,
        pending: 0,
      });
    });
  }, 60_000);
}

describe('auctions crash safety on memory', () => crashSafety(async () => memoryAuctionStores()));

describeWithService('MONGO_URL', 'auctions crash safety', (mongoUrl) => {
  describeWithService('REDIS_URL', 'on Redis and MongoDB', (redisUrl) => {
    const db = useMongoDatabase(mongoUrl, 'uty_auction_crash');
    crashSafety(async () => {
      await Promise.all(
        ['auctions', 'auction_bids', 'auction_listing_claims'].map((name) => db().collection(name).deleteMany({})),
      );
      return realAuctionStores(redisUrl, db());
    });
  });
});
