import type { BuyNow } from './buy-now/buy-now.js';
import type { CancelAuction } from './cancel-auction/cancel-auction.js';
import type { CreateAuction } from './create-auction/create-auction.js';
import type { GetAuction } from './get-auction/get-auction.js';
import type { ListAuctions } from './list-auctions/list-auctions.js';
import type { ListBids } from './list-bids/list-bids.js';
import type { PlaceBid } from './place-bid/place-bid.js';

/** The auctions use cases its driving adapters (the HTTP routes) call, bound by its composition. */
export interface AuctionUseCases {
  createAuction: CreateAuction;
  listAuctions: ListAuctions;
  getAuction: GetAuction;
  placeBid: PlaceBid;
  listBids: ListBids;
  cancelAuction: CancelAuction;
  buyNow: BuyNow;
}
export const AuctionUseCases = Symbol.for('AuctionUseCases');
