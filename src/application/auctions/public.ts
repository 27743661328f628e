import type { Money } from '../../domain/shared/money.js';

/** A runner-up of an auction: who, and their highest maximum bid. */
export interface RunnerUp {
  bidderId: string;
  maximum: Money;
}

/**
 * What other modules may ask of the auctions module: its public API (served in-process by
 * `AuctionsPublicApi`; an HTTP API after a split).
 */
export interface AuctionsApi {
  /**
   * The highest bidder of the auction whose maximum reached its reserve (any bidder when it has
   * none), leaving out `excludedBidderIds`; of equal maxima, the one who reached it first. null
   * when the auction is unknown or nobody is left.
   */
  runnerUp(auctionId: string, excludedBidderIds: string[]): Promise<RunnerUp | null>;
}
export const AuctionsApi = Symbol.for('AuctionsApi');
