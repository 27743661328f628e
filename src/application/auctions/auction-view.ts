import { DomainError } from '../../domain/shared/domain-error.js';
import { isFinal, type Auction } from '../../domain/auctions/auction.js';
import { AuctionNotHeldError, type AuctionLiveState } from './ports/auction-live-state.js';
import type { AuctionRepository } from './ports/auction-repository.js';

export const auctionNotFound = () => new DomainError('not_found', 'AUCTION_NOT_FOUND', 'auction not found');

/**
 * The auction as clients should see it: while it is open the live state is the truth (the stored
 * document follows it a moment later); the stored document adds what only it knows (orderId).
 * A scheduled auction whose start has come shows as live before the timer stores it.
 */
export async function viewAuction(
  auctions: AuctionRepository,
  live: AuctionLiveState,
  auctionId: string,
  now: Date,
): Promise<Auction> {
  const stored = await auctions.findById(auctionId);
  if (!stored) throw auctionNotFound();
  return asSeenAt(await current(stored, live), now);
}

async function current(stored: Auction, live: AuctionLiveState): Promise<Auction> {
  if (isFinal(stored.status)) return stored;
  const state = await live.get(stored.id);
  return state ? { ...state, ...(stored.orderId ? { orderId: stored.orderId } : {}) } : stored;
}

export function asSeenAt(auction: Auction, now: Date): Auction {
  return auction.status === 'scheduled' && auction.startsAt <= now ? { ...auction, status: 'live' } : auction;
}

/**
 * Runs `act` on the live state; when the live state does not hold the auction (Redis lost it),
 * puts the stored document back first and runs it again.
 */
export async function onLiveState<T>(
  live: AuctionLiveState,
  auctions: AuctionRepository,
  auctionId: string,
  act: () => Promise<T>,
): Promise<T> {
  try {
    return await act();
  } catch (error) {
    if (!(error instanceof AuctionNotHeldError)) throw error;
    const stored = await auctions.findById(auctionId);
    if (!stored) throw auctionNotFound();
    await live.put(stored);
    return act();
  }
}
