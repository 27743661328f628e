import type { AcceptedBid, BidKeyRecord } from '../../../application/auctions/ports/auction-live-state.js';
import { aliasOf, type Auction } from '../../../domain/auctions/auction.js';

/** How the Redis auction live state stores its values: JSON, Dates as ISO strings (Date.toJSON). */
export const encode = (value: Auction | AcceptedBid | BidKeyRecord): string => JSON.stringify(value);

const auctionDates = ['startsAt', 'endsAt', 'scheduledEndsAt', 'createdAt'] as const;

export function decodeAuction(state: string): Auction {
  return reviveAuction(JSON.parse(state) as Record<string, unknown>);
}

export function decodeAccepted(value: string): AcceptedBid {
  return reviveAccepted(JSON.parse(value) as Record<string, unknown>);
}

export function decodeKeyRecord(value: string): BidKeyRecord {
  const parsed = JSON.parse(value) as { fingerprint: unknown; accepted: Record<string, unknown> };
  if (typeof parsed.fingerprint !== 'string') throw unexpected('fingerprint', parsed.fingerprint);
  return { fingerprint: parsed.fingerprint, accepted: reviveAccepted(parsed.accepted) };
}

export function decodeSequence(value: string): number {
  const sequence = Number(value);
  if (!Number.isSafeInteger(sequence) || sequence < 0) throw unexpected('seq', value);
  return sequence;
}

function reviveAccepted(parsed: Record<string, unknown>): AcceptedBid {
  const accepted = parsed as unknown as AcceptedBid;
  const bid = parsed.bid as Record<string, unknown>;
  const auction = reviveAuction(parsed.auction as Record<string, unknown>);
  // A record stored before 1.1 is a bid, its bidder's alias the one they have now (fields keep their order).
  const { kind = 'bid', bidderAlias = aliasOf(auction, accepted.bid.bidderId) ?? '' } = accepted.bid;
  const previousPrice = accepted.previousPrice ?? auction.currentPrice;
  return {
    ...accepted,
    previousPrice,
    bid: { ...accepted.bid, kind, bidderAlias, createdAt: date(bid, 'createdAt') },
    auction,
  };
}

function reviveAuction(parsed: Record<string, unknown>): Auction {
  for (const field of auctionDates) parsed[field] = date(parsed, field);
  // A state stored before aliases (1.1) knows only its leader as a bidder.
  parsed.bidders ??= parsed.leadingBidderId ? [parsed.leadingBidderId] : [];
  return parsed as unknown as Auction;
}

function date(parsed: Record<string, unknown>, field: string): Date {
  const value = parsed[field];
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) throw unexpected(field, value);
  return new Date(value);
}

function unexpected(what: string, value: unknown): Error {
  return new Error(`unexpected value in the auction live state (${what}): ${JSON.stringify(value)}`);
}
