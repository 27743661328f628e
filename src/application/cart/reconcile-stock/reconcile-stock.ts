import type { OutboxStore } from '../../shared/outbox/outbox.js';
import type { CartCatalog } from '../ports/cart-catalog.js';
import type { StockLedger } from '../ports/stock-ledger.js';

/** A published listing whose quantity is not the ledger's stock on hand. */
export interface StockDrift {
  listingId: string;
  listingQuantity: number;
  onHand: number;
}

export interface ReconcileReport {
  /** Listings the ledger did not know, seeded from their quantity. */
  reseeded: string[];
  /** Drifts repaired: the listing's quantity was set to the ledger's stock on hand. */
  repaired: StockDrift[];
  /** Drifts seen for the first time (or while events were pending): repaired on the next pass if they stay. */
  watched: StockDrift[];
}

const driftKey = ({ listingQuantity, onHand }: StockDrift): string => `${listingQuantity}/${onHand}`;

/**
 * Reconciles every published listing with the stock ledger (at start-up, then every
 * STOCK_RECONCILE_INTERVAL_MS). The ledger's stock on hand is the source of truth: it is where
 * stock is sold and given back, atomically, and seller edits of the quantity reach it through
 * `listing.updated`. A listing's quantity is its projection, moved by `order.created` and
 * `order.cancelled`.
 * - A listing the ledger does not know (Redis was flushed or lost its data) is seeded from its quantity
 *   (`seed`: a hold that seeded it meanwhile wins).
 * - A listing whose quantity differs from the ledger's onHand is repaired (quantity := onHand),
 *   once the same difference is seen on two passes in a row while no outbox holds a pending
 *   event: a difference that events in flight are about to close is left to them, else the
 *   repair and the late event would both apply.
 * Live reservations are never touched. Safe on several instances (a repair is conditional on the
 * quantity it saw).
 */
export class ReconcileStock {
  /** Drifts seen by the last pass, by listing. */
  private watching = new Map<string, string>();

  constructor(
    private readonly catalog: CartCatalog,
    private readonly ledger: StockLedger,
    private readonly outboxes: readonly OutboxStore[],
  ) {}

  async execute(): Promise<ReconcileReport> {
    const report: ReconcileReport = { reseeded: [], repaired: [], watched: [] };
    const quiet = await this.outboxesEmpty();
    const seen = new Map<string, string>();
    let cursor: string | undefined;
    do {
      const page = await this.catalog.publishedStock({ limit: 100, cursor });
      for (const { listingId, quantity } of page.items) {
        const level = await this.ledger.level(listingId);
        if (!level) {
          await this.ledger.seed(listingId, quantity);
          report.reseeded.push(listingId);
          continue;
        }
        if (level.onHand === quantity) continue;
        const drift = { listingId, listingQuantity: quantity, onHand: level.onHand };
        const confirmed = quiet && this.watching.get(listingId) === driftKey(drift);
        if (confirmed && (await this.catalog.correctQuantity(listingId, quantity, level.onHand)))
          report.repaired.push(drift);
        else {
          seen.set(listingId, driftKey(drift));
          report.watched.push(drift);
        }
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    this.watching = seen;
    return report;
  }

  private async outboxesEmpty(): Promise<boolean> {
    const stats = await Promise.all(this.outboxes.map((outbox) => outbox.stats()));
    return stats.every((s) => s.depth === 0);
  }
}
