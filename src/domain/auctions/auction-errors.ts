import { DomainError, type FieldError } from '../shared/domain-error.js';
import type { Money } from '../shared/money.js';

export type AuctionStatus = 'scheduled' | 'live' | 'ended' | 'cancelled';

/** The auction rules' refusals, one factory per code. */
export const auctionErrors = {
  notLive: (status: AuctionStatus) =>
    new DomainError('conflict', 'AUCTION_NOT_LIVE', `the auction is ${status}`, { auctionStatus: status }),
  /** A bid under `minimum`; for the leader (`raise`), a new maximum not above their own. */
  tooLow: (minimum: number, current: Money, raise = false) => {
    const detail = raise
      ? `you lead already: a new maximum must be at least ${minimum}`
      : `the bid must be at least ${minimum}`;
    return new DomainError('conflict', 'AUCTION_BID_TOO_LOW', detail, { minimum, currentPrice: current });
  },
  buyNowUnavailable: (status: AuctionStatus, bidCount: number) =>
    new DomainError(
      'conflict',
      'AUCTION_BUY_NOW_UNAVAILABLE',
      'Buy It Now is offered only while the auction is live and has no bid',
      { auctionStatus: status, bidCount },
    ),
  sellerBuy: () => new DomainError('forbidden', 'AUCTION_SELLER_CANNOT_BUY', 'the seller cannot buy their own auction'),
  sellerBid: () =>
    new DomainError('forbidden', 'AUCTION_SELLER_CANNOT_BID', 'the seller cannot bid on their own auction'),
  maxBelowPrice: () =>
    new DomainError('invalid', 'AUCTION_MAX_BELOW_PRICE', 'maxPrice must be at least price', {
      errors: [{ field: 'maxPrice', message: 'must be at least price' }],
    }),
  /** A bid's `price` (or its `maxPrice`) is not in `currency`, the auction's (or the price's). */
  wrongCurrency: (currency: string, field: 'price' | 'maxPrice' = 'price') =>
    new DomainError('invalid', 'AUCTION_WRONG_CURRENCY', `${field} must be in ${currency}`, {
      errors: [{ field: `${field}.currency`, message: `must be ${currency}` }],
    }),
  invalidTerms: (errors: FieldError[]) =>
    new DomainError('invalid', 'AUCTION_INVALID_TERMS', errors.map((e) => `${e.field}: ${e.message}`).join('; '), {
      errors,
    }),
  cannotCancel: () =>
    new DomainError(
      'conflict',
      'AUCTION_CANNOT_CANCEL',
      'an auction can be cancelled by its seller only before the first bid',
    ),
};
