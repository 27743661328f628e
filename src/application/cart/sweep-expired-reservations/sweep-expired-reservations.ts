import type { Clock } from '../../shared/ports/clock.js';
import type { StockLedger } from '../ports/stock-ledger.js';

/**
 * Releases reservations whose time is up, in batches (the ledger stores `stock.released` for each).
 * Safe to run on every instance at once: the ledger hands each expired reservation to one caller.
 */
export class SweepExpiredReservations {
  constructor(
    private readonly ledger: StockLedger,
    private readonly clock: Clock,
    private readonly batchSize = 100,
  ) {}

  /** Returns how many reservations this call released. */
  async execute(): Promise<number> {
    let total = 0;
    for (;;) {
      const released = await this.ledger.releaseExpired(this.clock.now(), this.batchSize);
      total += released.length;
      if (released.length < this.batchSize) return total;
    }
  }
}
