import type { Auction } from '../../domain/auctions/auction.js';
import type { DemoUser } from './demo-cast.js';
import type { DemoDeps } from './demo-deps.js';
import { demoShippingAddress } from './courier-route.js';
import { actorOf } from './demo-media.js';
import { attempt } from './demo-refusals.js';

/** How long a won auction waits for its order (the orders module makes it from `auction.ended`) before it is let go. */
const ORDER_WAIT_MS = 60_000;

interface Won {
  auctionId: string;
  winner: DemoUser;
  endedAt: number;
}

/** A bot that wins pays its order like a buyer (test_card), so that the seller sees paid orders. */
export class BotWinnings {
  private readonly waiting = new Map<string, Won>();

  constructor(
    private readonly deps: DemoDeps,
    private readonly bots: readonly DemoUser[],
  ) {}

  /** Notes an ended auction whose winner is a bot. */
  watch(auction: Auction): void {
    const winner = this.bots.find((bot) => bot.id === auction.winnerId);
    if (winner) this.waiting.set(auction.id, { auctionId: auction.id, winner, endedAt: auction.endsAt.getTime() });
  }

  /** Pays the orders that have appeared since; gives up on an order that never comes. */
  async payArrived(): Promise<void> {
    for (const won of [...this.waiting.values()]) {
      const auction = await attempt(this.deps.logger, 'read a won auction', () =>
        this.deps.auctions.getAuction.execute(won.auctionId),
      );
      if (auction?.orderId) {
        this.waiting.delete(won.auctionId);
        await this.pay(won.winner, auction.orderId);
      } else if (this.deps.clock.now().getTime() - won.endedAt > ORDER_WAIT_MS) this.waiting.delete(won.auctionId);
    }
  }

  private async pay(winner: DemoUser, orderId: string): Promise<void> {
    const command = { orderId, paymentMethod: 'test_card', shippingAddress: demoShippingAddress(winner.displayName) };
    await attempt(this.deps.logger, 'pay a won auction', () =>
      this.deps.orders.payOrder.execute(actorOf(winner, 'buyer'), command),
    );
  }
}
