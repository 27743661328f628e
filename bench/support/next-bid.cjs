/**
 * autocannon `setupRequest` for bench:bids, loaded in the load's worker thread: every request
 * bids one increment more than the previous one sent by any connection of that worker, so that
 * bids arriving in the order they were sent are all valid. Bids overtaken in flight by a higher
 * one are refused (409 AUCTION_BID_TOO_LOW), as they would be for real bidders.
 * A worker is started per load run, so each run counts from the starting price again.
 */
const startingPrice = 1_000;
const increment = 100;
let sent = 0;

module.exports = function nextBid(request) {
  const amount = startingPrice + sent * increment;
  sent += 1;
  return { ...request, body: JSON.stringify({ price: { amount, currency: 'EUR' } }) };
};
