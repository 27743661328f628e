import type { Clock } from '../../shared/ports/clock.js';
import type { StockLedger } from '../ports/stock-ledger.js';
import type { StockEvents } from '../stock-events.js';

/**
 * Releases reservations whose time is up, in batches, and publishes `stock.released` for each.
 * Safe to run on every instance at once: the ledger hands each expired reservation to one caller.
 */
export class SweepExpiredReservations {
  constructor(
    private readonly ledger: StockLedger,
    private readonly events: StockEvents,
    private readonly clock: Clock,
    private readonly batchSize = 100,
  ) {}

  /** Returns how many reservations this call released. */
  async execute(): Promise<number> {
    let total = 0;
    for (;;) {
      const released = await this.ledger.releaseExpired(this.clock.now(), this.batchSize);
      for (const r of released) await this.events.released(r.level, r.holderId, r.quantity, 'expired');
      total += released.length;
      if (released.length < this.batchSize) return total;
    }
  }
}
