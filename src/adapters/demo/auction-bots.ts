import type { DemoSettings } from '../../config.js';
import { isFinal, type Auction } from '../../domain/auctions/auction.js';
import type { Money } from '../../domain/shared/money.js';
import { DemoAuctionHouse } from './auction-house.js';
import { BotWinnings } from './bot-winnings.js';
import { firstMemory, planBotBid, type AuctionMemory, type BotBid, type BotPace, type Random } from './bot-strategy.js';
import type { DemoCast } from './demo-cast.js';
import type { DemoDeps } from './demo-deps.js';
import { attempt } from './demo-refusals.js';

/** Bot bids inside an auction's anti-sniping window: one or two extensions, so that it still ends within minutes. */
const MAX_EXTENSIONS = 2;

/**
 * The demo's bidding bots, ticked every 500 ms: the auction house keeps demo auctions running, and on each of them
 * the bots bid through the use cases like real users (`planBotBid` decides who bids what, and when). A refused bid
 * (someone bid meanwhile, the auction just ended) is skipped: the bots try again at their next turn.
 */
export class AuctionBots {
  private readonly house: DemoAuctionHouse;
  private readonly winnings: BotWinnings;
  private readonly memories = new Map<string, AuctionMemory>();
  private readonly pace: BotPace;
  private readonly botIds: string[];

  constructor(
    private readonly deps: DemoDeps,
    cast: DemoCast,
    settings: DemoSettings,
    private readonly random: Random = Math.random,
  ) {
    this.house = new DemoAuctionHouse(deps, cast, settings, random);
    this.winnings = new BotWinnings(deps, cast.bots);
    this.pace = { intervalMs: settings.botIntervalMs, maxExtensions: MAX_EXTENSIONS };
    this.botIds = cast.bots.map((bot) => bot.id);
  }

  async tick(): Promise<void> {
    const auctions = await this.house.look();
    const open = auctions.filter((auction) => !isFinal(auction.status));
    for (const auction of auctions) if (isFinal(auction.status)) this.finished(auction);
    for (const auction of open) await this.bidOn(auction);
    await this.winnings.payArrived();
    await this.house.openIfDue(open);
  }

  private finished(auction: Auction): void {
    this.memories.delete(auction.id);
    this.winnings.watch(auction);
  }

  private async bidOn(auction: Auction): Promise<void> {
    const now = this.deps.clock.now();
    const remembered = this.memories.get(auction.id) ?? firstMemory(auction, now, this.pace, this.random);
    const { bid, memory } = planBotBid(auction, now, this.botIds, remembered, this.pace, this.random);
    this.memories.set(auction.id, memory);
    if (bid) await attempt(this.deps.logger, 'bot bid', () => this.place(auction, bid));
  }

  private place(auction: Auction, bid: BotBid) {
    const money = (amount: number): Money => ({ amount, currency: auction.currentPrice.currency });
    return this.deps.auctions.placeBid.execute({
      auctionId: auction.id,
      bidderId: bid.bidderId,
      price: money(bid.price),
      ...(bid.maxPrice === undefined ? {} : { maxPrice: money(bid.maxPrice) }),
    });
  }
}
