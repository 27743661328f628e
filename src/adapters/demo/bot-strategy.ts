import { minimumBid, statusAt, type Auction } from '../../domain/auctions/auction.js';

/** The demo keeps this many auctions running, staggered by half a length. */
export const DEMO_AUCTIONS_RUNNING = 2;

/** A number in [0, 1), as Math.random gives: passed in so that tests choose the dice. */
export type Random = () => number;

/** How the bots pace themselves. */
export interface BotPace {
  /** The usual wait between two bot bids on one auction (jittered by a quarter either way). */
  intervalMs: number;
  /** Bot bids inside the anti-sniping window (each one moves endsAt) allowed per auction. */
  maxExtensions: number;
}

/** What the bots remember of one auction between ticks. */
export interface AuctionMemory {
  /** The earliest time (ms since the epoch) of the next bot bid outside the anti-sniping window. */
  nextBidAt: number;
  /** A human leading, and since when: the bots give them time to see "you are leading". */
  humanLead: { bidderId: string; since: number } | null;
  /** Bot bids placed inside the anti-sniping window so far. */
  extensions: number;
}

/** A bid a bot places now; `maxPrice` makes it a proxy bid. Amounts in minor units of the auction's currency. */
export interface BotBid {
  bidderId: string;
  price: number;
  maxPrice?: number;
  /** It falls inside the anti-sniping window: the server will move endsAt. */
  extends: boolean;
}

export interface BotPlan {
  bid: BotBid | null;
  memory: AuctionMemory;
}

/** A human who leads is left leading at least this long (and at least two bot intervals). */
export const MIN_HUMAN_LEAD_MS = 6_000;
/** The share of bot bids that are proxy bids, so that a leader's maximum visibly answers the next bid. */
const PROXY_SHARE = 0.35;
/** The share of plain bids that bid one increment more than the minimum. */
const RAISE_SHARE = 0.3;

export function humanLeadMs(pace: BotPace): number {
  return Math.max(2 * pace.intervalMs, MIN_HUMAN_LEAD_MS);
}

function jittered(pace: BotPace, random: Random): number {
  return Math.round(pace.intervalMs * (0.75 + random() * 0.5));
}

/**
 * The bots' memory of an auction they meet for the first time. One already extended (before a restart, or by
 * someone else) gets no extension from the bots, so that a restart never prolongs an auction further.
 */
export function firstMemory(auction: Auction, now: Date, pace: BotPace, random: Random): AuctionMemory {
  const extended = auction.endsAt.getTime() > auction.scheduledEndsAt.getTime();
  return {
    nextBidAt: now.getTime() + jittered(pace, random),
    humanLead: null,
    extensions: extended ? pace.maxExtensions : 0,
  };
}

/** Whether a bid placed at `now` falls in the last antiSnipingSeconds (the server then moves endsAt). */
export function inSnipingWindow(auction: Auction, now: Date): boolean {
  const window = auction.antiSnipingSeconds * 1000;
  return window > 0 && auction.endsAt.getTime() - now.getTime() < window;
}

function followLeader(memory: AuctionMemory, auction: Auction, botIds: readonly string[], now: Date): AuctionMemory {
  const leader = auction.leadingBidderId;
  if (leader === null || botIds.includes(leader)) return { ...memory, humanLead: null };
  if (memory.humanLead?.bidderId === leader) return memory;
  return { ...memory, humanLead: { bidderId: leader, since: now.getTime() } };
}

/**
 * When the next bot bid may come (null: the bots are done with this auction). Inside the anti-sniping window a bot
 * bids once half of it is left, so that each extension is plain to see, until the cap is reached.
 */
function earliestBid(auction: Auction, memory: AuctionMemory, pace: BotPace, now: Date): number | null {
  const humanSeesLead = memory.humanLead ? memory.humanLead.since + humanLeadMs(pace) : 0;
  if (!inSnipingWindow(auction, now)) return Math.max(humanSeesLead, memory.nextBidAt);
  if (memory.extensions >= pace.maxExtensions) return null;
  return Math.max(humanSeesLead, auction.endsAt.getTime() - (auction.antiSnipingSeconds * 1000) / 2);
}

function pick<T>(items: readonly T[], random: Random): T | undefined {
  return items[Math.floor(random() * items.length)];
}

/** The minimum bid, sometimes an increment more, or a proxy bid whose maximum is 2-4 increments above it. */
function amounts(auction: Auction, random: Random): Pick<BotBid, 'price' | 'maxPrice'> {
  const minimum = minimumBid(auction);
  const increment = auction.minIncrement.amount;
  if (random() < PROXY_SHARE) return { price: minimum, maxPrice: minimum + increment * (2 + Math.floor(random() * 3)) };
  return { price: random() < RAISE_SHARE ? minimum + increment : minimum };
}

/**
 * What the bots do on a live auction at `now`: nothing until their next turn (or while a human has not yet had
 * time to see that they lead), else one bot that is not leading bids.
 */
export function planBotBid(
  auction: Auction,
  now: Date,
  botIds: readonly string[],
  remembered: AuctionMemory,
  pace: BotPace,
  random: Random,
): BotPlan {
  if (statusAt(auction, now) !== 'live') return { bid: null, memory: remembered };
  const memory = followLeader(remembered, auction, botIds, now);
  const earliest = earliestBid(auction, memory, pace, now);
  if (earliest === null || now.getTime() < earliest) return { bid: null, memory };
  const bidderId = pick(
    botIds.filter((id) => id !== auction.leadingBidderId),
    random,
  );
  if (bidderId === undefined) return { bid: null, memory };
  const extending = inSnipingWindow(auction, now);
  return {
    bid: { bidderId, ...amounts(auction, random), extends: extending },
    memory: {
      ...memory,
      nextBidAt: now.getTime() + jittered(pace, random),
      extensions: memory.extensions + (extending ? 1 : 0),
    },
  };
}

/** The part of a running auction that decides whether another one should open. */
export type RunningAuction = Pick<Auction, 'endsAt'>;

/**
 * Whether to open a new auction now: always when none runs; a second once the one running is past half its length
 * (so that they stay staggered and one is always live); never more than DEMO_AUCTIONS_RUNNING.
 */
export function shouldOpenAuction(running: readonly RunningAuction[], now: Date, auctionSeconds: number): boolean {
  const left = running.map((auction) => auction.endsAt.getTime() - now.getTime()).filter((ms) => ms > 0);
  if (left.length === 0) return true;
  if (left.length >= DEMO_AUCTIONS_RUNNING) return false;
  return Math.max(...left) <= (auctionSeconds * 1000) / 2;
}
