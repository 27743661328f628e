/** What both StockLedger adapters share beyond input rules: outbox keys and how long order records live. */

/** The outbox aggregate of a listing's stock events (published in order per listing). */
export const stockOutboxKey = (listingId: string): string => `stock:${listingId}`;

/**
 * How long the ledger remembers an order (committed, abandoned, restocked): long enough for any
 * checkout to be settled and any cancellation to be restocked (and retried); an order older than
 * that, cancelled, gets its items back as one the ledger has no record of.
 */
export const ORDER_RECORD_TTL_SECONDS = 30 * 86_400;
