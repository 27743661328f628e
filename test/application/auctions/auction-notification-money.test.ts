import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/adapters/memory/shared/manual-clock.js';
import { SequentialIdGenerator } from '../../../src/adapters/memory/shared/sequential-id-generator.js';
import { AuctionEvents } from '../../../src/application/auctions/auction-events.js';
import { EventFactory } from '../../../src/application/shared/events/event-factory.js';
import type { Money } from '../../../src/domain/shared/money.js';
import { AUCTION_END, auctionFixture } from '../../support/auction-fixture.js';

const events = new AuctionEvents(new EventFactory(new SequentialIdGenerator('event'), new ManualClock(AUCTION_END)));

/** The bodies of the notifications sent when an auction sold at `price`. */
function endedNotices(price: Money): string[] {
  const auction = auctionFixture({
    currentPrice: price,
    startingPrice: price,
    winnerId: 'winner',
    leadingBidderId: 'winner',
    bidCount: 1,
    status: 'ended',
  });
  return events
    .ended(auction)
    .filter((e) => e.topic === 'notification.send')
    .map((e) => (e.payload as { body: string }).body);
}

describe('auction notification texts format money by the currency exponent', () => {
  it.each([
    [{ amount: 150_000, currency: 'JPY' }, '150,000 JPY'],
    [{ amount: 1_500, currency: 'KWD' }, '1.500 KWD'],
    [{ amount: 123_456, currency: 'EUR' }, '1,234.56 EUR'],
  ])('%o reads %s', (price, text) => {
    const notices = endedNotices(price); // the winner's and the seller's
    expect(notices).toHaveLength(2);
    for (const body of notices) expect(body).toContain(` for ${text}`);
  });
});
