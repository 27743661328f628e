import type { FieldError } from '../shared/domain-error.js';
import type { Money } from '../shared/money.js';
import type { Auction } from './auction.js';
import { auctionErrors } from './auction-errors.js';

/** The longest an auction may run, from its start to its first endsAt. */
export const MAX_AUCTION_DAYS = 30;

export interface AuctionTerms {
  id: string;
  listingId: string;
  sellerId: string;
  title: string;
  /** The listing's currency: every price of the auction is in it. */
  currency: string;
  startingPrice: Money;
  minIncrement: Money;
  reservePrice?: Money;
  buyItNowPrice?: Money;
  /** Absent: live at once. */
  startsAt?: Date;
  endsAt: Date;
  antiSnipingSeconds: number;
  maxExtensionSeconds: number;
}

function termProblems(terms: AuctionTerms, startsAt: Date, now: Date): FieldError[] {
  const problems: FieldError[] = [];
  for (const field of ['startingPrice', 'minIncrement', 'reservePrice', 'buyItNowPrice'] as const) {
    const price = terms[field];
    if (price && price.currency !== terms.currency)
      problems.push({ field: `${field}.currency`, message: `must be the listing's currency ${terms.currency}` });
  }
  if (terms.minIncrement.amount < 1) problems.push({ field: 'minIncrement.amount', message: 'must be at least 1' });
  if (terms.reservePrice && terms.reservePrice.amount < terms.startingPrice.amount)
    problems.push({ field: 'reservePrice.amount', message: 'must be at least startingPrice' });
  const floor = Math.max(terms.startingPrice.amount, terms.reservePrice?.amount ?? 0);
  if (terms.buyItNowPrice && terms.buyItNowPrice.amount < floor)
    problems.push({ field: 'buyItNowPrice.amount', message: 'must be at least startingPrice and reservePrice' });
  if (terms.startsAt && terms.startsAt.getTime() < now.getTime() - 60_000)
    problems.push({ field: 'startsAt', message: 'must not be in the past' });
  if (terms.endsAt <= startsAt || terms.endsAt <= now)
    problems.push({ field: 'endsAt', message: 'must be after startsAt and in the future' });
  if (terms.endsAt.getTime() - startsAt.getTime() > MAX_AUCTION_DAYS * 86_400_000)
    problems.push({ field: 'endsAt', message: `an auction runs at most ${MAX_AUCTION_DAYS} days` });
  return problems;
}

/**
 * A new auction from the seller's terms: prices in the listing's currency, a reserve not under the
 * starting price, an end after the start and in the future. Without startsAt (or with one already
 * reached) it is live at once.
 */
export function openAuction(terms: AuctionTerms, now: Date): Auction {
  const startsAt = terms.startsAt && terms.startsAt > now ? terms.startsAt : now;
  const problems = termProblems(terms, startsAt, now);
  if (problems.length > 0) throw auctionErrors.invalidTerms(problems);
  const { currency: _currency, startsAt: _startsAt, reservePrice, buyItNowPrice, ...rest } = terms;
  return {
    ...rest,
    ...(reservePrice ? { reservePrice } : {}),
    ...(buyItNowPrice ? { buyItNowPrice } : {}),
    currentPrice: { ...terms.startingPrice },
    leadingBidderId: null,
    leaderMaxAmount: null,
    bidCount: 0,
    bidders: [],
    startsAt,
    scheduledEndsAt: terms.endsAt,
    status: startsAt > now ? 'scheduled' : 'live',
    createdAt: now,
  };
}
