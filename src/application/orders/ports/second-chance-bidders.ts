import type { Money } from '../../../domain/shared/money.js';

/** A bidder who may be offered an auction's item after its winner did not pay, at their maximum. */
export interface SecondChanceBidder {
  bidderId: string;
  /** Their highest maximum bid: the price offered. */
  maximum: Money;
}

/** The auctions' bid log as the orders module needs it (served by the auctions module). */
export interface SecondChanceBidders {
  /**
   * The next-highest bidder of the auction whose maximum reached its reserve (any bidder when it
   * has none), leaving out `excludedBidderIds` (the buyers who did not pay); of equal maxima, the
   * one who reached it first. null when nobody is left.
   */
  next(auctionId: string, excludedBidderIds: string[]): Promise<SecondChanceBidder | null>;
}
export const SecondChanceBidders = Symbol.for('SecondChanceBidders');
