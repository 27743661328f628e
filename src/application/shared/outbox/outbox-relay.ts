import type { EventBus } from '../events/event-bus.js';
import type { Clock } from '../ports/clock.js';
import type { ClaimedEvents, OutboxSignal, OutboxStats, OutboxStore } from './outbox.js';

export interface OutboxRelayOptions {
  /** This relay's name in leases (unique per process). */
  owner: string;
  /** How long a claim holds before another relay may take it over. Default 10 s. */
  leaseMs?: number;
  /** Aggregates claimed per store and pass. Default 100. */
  batch?: number;
  /** Wait between passes when nothing was pending (a signal cuts it short). Default 500 ms. */
  idleMs?: number;
  /** Longest wait after a failed publish (the wait doubles from idleMs/5 up to this). Default 2 s. */
  maxBackoffMs?: number;
}

/** What the relay logs through (pino fits). */
export interface RelayLogger {
  warn(context: object, message: string): void;
  error(context: object, message: string): void;
}

const quiet: RelayLogger = { warn: () => undefined, error: () => undefined };

/**
 * Publishes what the stores' outboxes hold, on every instance: claims pending events with a
 * lease, publishes them with publisher confirms (EventBus.publishEnvelope resolves once the broker
 * has them), then removes them. The events of one aggregate go out in the order they were written;
 * a failed publish leaves the rest of that aggregate for a later pass (backing off while the broker
 * is down). Delivery stays at least once: consumers drop duplicate ids.
 */
export class OutboxRelay {
  private readonly leaseMs: number;
  private readonly batch: number;
  private readonly idleMs: number;
  private readonly maxBackoffMs: number;
  private running = false;
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  private pendingSignal = false;
  private failures = 0;
  /** Passes made so far: where the next one starts among the stores. */
  private passes = 0;
  private unlisten: (() => void) | undefined;
  /** Events published since start, for metrics. */
  published = 0;

  constructor(
    private readonly stores: readonly OutboxStore[],
    private readonly bus: EventBus,
    private readonly clock: Clock,
    private readonly options: OutboxRelayOptions,
    private readonly signal?: OutboxSignal,
    private readonly logger: RelayLogger = quiet,
  ) {
    this.leaseMs = options.leaseMs ?? 10_000;
    this.batch = options.batch ?? 100;
    this.idleMs = options.idleMs ?? 500;
    this.maxBackoffMs = options.maxBackoffMs ?? 2_000;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unlisten = this.signal?.listen(() => this.wake());
    this.loop = this.run();
  }

  /** Something was written: run a pass now rather than after the idle wait. */
  wake(): void {
    this.pendingSignal = true;
    this.wakeUp?.();
  }

  /**
   * Stops the loop after its current pass; then, for graceful shutdown, publishes what it can
   * until the outbox is empty, a publish fails, or `drainMs` has passed.
   */
  async stop(drainMs = 0): Promise<void> {
    this.running = false;
    this.unlisten?.();
    this.wakeUp?.();
    await this.loop;
    const deadline = Date.now() + drainMs;
    while (Date.now() < deadline) {
      const outcome = await this.passSafely();
      if (outcome.published === 0 || outcome.failed) break;
    }
  }

  /**
   * One pass over the stores; what it published and whether a publish failed. After a failed
   * publish (the broker is likely down) the pass stops, and while publishes keep failing a pass
   * only probes with one aggregate: the stores are not claimed and released in bulk for nothing,
   * and the first pass after the broker's return is short. Each pass starts at the next store, so
   * that a store whose publishes keep failing does not hold the others back.
   */
  async pass(): Promise<{ published: number; failed: boolean }> {
    let published = 0;
    let failed = false;
    const limit = this.failures > 0 ? 1 : this.batch;
    const first = this.passes++;
    for (let i = 0; i < this.stores.length && !failed; i++) {
      const store = this.stores[(first + i) % this.stores.length]!;
      const claims = await store.claim(this.options.owner, this.clock.now(), this.leaseMs, limit);
      const outcomes = await Promise.all(claims.map((claim) => this.publish(store, claim)));
      for (const outcome of outcomes) {
        published += outcome.published;
        failed ||= outcome.failed;
      }
    }
    this.published += published;
    return { published, failed };
  }

  /** Publishes passes until nothing is pending (tests and recovery steps); throws when a publish fails. */
  async flush(maxPasses = 1_000): Promise<void> {
    for (let i = 0; i < maxPasses; i++) {
      const { published, failed } = await this.pass();
      if (failed) throw new Error('OutboxRelay.flush: a publish failed');
      if (published === 0) return;
    }
  }

  async stats(): Promise<OutboxStats> {
    const all = await Promise.all(this.stores.map((store) => store.stats()));
    const oldest =
      all
        .map((s) => s.oldest)
        .filter((d): d is Date => d !== null)
        .sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
    return { depth: all.reduce((sum, s) => sum + s.depth, 0), oldest };
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.pendingSignal = false;
      const outcome = await this.passSafely();
      if (!this.running) return;
      if (outcome.failed) {
        this.failures += 1;
        await this.sleep(Math.min(this.maxBackoffMs, (this.idleMs / 5) * 2 ** (this.failures - 1)), false);
      } else {
        this.failures = 0;
        if (outcome.published === 0 && !this.pendingSignal) await this.sleep(this.idleMs, true);
      }
    }
  }

  private async passSafely(): Promise<{ published: number; failed: boolean }> {
    try {
      return await this.pass();
    } catch (error) {
      this.logger.error({ err: error }, 'outbox relay pass failed (a store is unreachable?)');
      return { published: 0, failed: true };
    }
  }

  private async publish(store: OutboxStore, claim: ClaimedEvents): Promise<{ published: number; failed: boolean }> {
    let sent = 0;
    let failed = false;
    for (const envelope of claim.events) {
      try {
        await this.bus.publishEnvelope(envelope);
        sent += 1;
      } catch (error) {
        if (this.failures === 0)
          this.logger.warn(
            { err: error, store: store.name, eventId: envelope.id },
            'outbox relay could not publish; will retry',
          );
        failed = true;
        break;
      }
    }
    await store.done(this.options.owner, claim, sent);
    return { published: sent, failed };
  }

  private sleep(ms: number, wakeable: boolean): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = () => {
        if (wakeable || !this.running) done();
      };
    });
  }
}
export const OutboxRelayToken = Symbol.for('OutboxRelay');
